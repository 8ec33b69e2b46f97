from django import forms
from django.utils.translation import gettext_lazy as _

from geoportal.models import Opd
from workflow.models import RejectReason
from workflow.policies import TRANSITIONS
from workflow.services.transitions import NOTE_MAX_LENGTH


class TransitionForm(forms.Form):
    """One form for every action on the desks; the service says what each action needs."""

    action = forms.ChoiceField(choices=[(name, spec.label) for name, spec in TRANSITIONS.items()])
    expected_status = forms.CharField(widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("Note"), required=False, max_length=NOTE_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 2})
    )
    reason = forms.ChoiceField(label=_("Reason"), required=False, choices=[("", "—"), *RejectReason.choices])
    opd = forms.ModelChoiceField(
        label=_("OPD"), required=False, queryset=Opd.objects.filter(active=True), to_field_name="code"
    )
    duplicate_of = forms.IntegerField(label=_("Original report number"), required=False, min_value=1)
    photo = forms.FileField(label=_("Proof photo"), required=False)
