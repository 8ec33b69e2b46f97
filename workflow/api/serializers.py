from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from geoportal.api.serializers import NOT_A_FILE
from geoportal.states import ReportStatus
from workflow.files import citizen_file_url
from workflow.models import RejectReason, ReportEvent
from workflow.policies import TRANSITIONS
from workflow.services.transitions import NOTE_MAX_LENGTH


class TransitionInputSerializer(serializers.Serializer):
    note = serializers.CharField(
        required=False, allow_blank=True, max_length=NOTE_MAX_LENGTH, help_text=_("for the timeline")
    )
    reason = serializers.ChoiceField(choices=RejectReason.choices, required=False, help_text=_("reject only"))
    opd = serializers.CharField(required=False, help_text=_("dispatch: OPD code (default: the label's OPD)"))
    duplicate_of = serializers.IntegerField(
        required=False, min_value=1, max_value=2**63 - 1, help_text=_("mark_duplicate: the original report")
    )
    photo = serializers.FileField(
        required=False, error_messages=NOT_A_FILE, help_text=_("resolve: proof photo (JPEG, PNG, WebP, HEIC)")
    )
    expected_status = serializers.ChoiceField(
        choices=ReportStatus.choices, required=False, help_text=_("the status you saw; 409 if it changed meanwhile")
    )


class EventSerializer(serializers.ModelSerializer):
    action = serializers.SerializerMethodField()
    from_status_label = serializers.CharField(source="get_from_status_display")
    to_status_label = serializers.CharField(source="get_to_status_display")
    # None: the citizen or the system acted; no OPD held the report
    actor = serializers.CharField(source="actor.username", default=None, allow_null=True)
    actor_role_label = serializers.CharField(source="get_actor_role_display")
    opd = serializers.CharField(source="opd.code", default=None, allow_null=True)
    opd_name = serializers.CharField(source="opd.name", default=None, allow_null=True)
    reason_label = serializers.SerializerMethodField()
    photo = serializers.SerializerMethodField()

    class Meta:
        model = ReportEvent
        fields = [
            "id",
            "transition",
            "action",
            "from_status",
            "from_status_label",
            "to_status",
            "to_status_label",
            "actor",
            "actor_role",
            "actor_role_label",
            "opd",
            "opd_name",
            "reason",
            "reason_label",
            "note",
            "photo",
            "created_at",
        ]

    def get_action(self, event) -> str:
        spec = TRANSITIONS.get(event.transition)
        return str(spec.label) if spec else str(_("Report received"))

    def get_reason_label(self, event) -> str:
        return str(RejectReason(event.reason).label) if event.reason in RejectReason.values else ""

    def get_photo(self, event) -> str | None:
        if not event.photo_id:
            return None
        request = self.context.get("request")
        url = event.photo.image.url
        return request.build_absolute_uri(url) if request else url


class PublicEventSerializer(EventSerializer):
    class Meta(EventSerializer.Meta):
        fields = ["action", "to_status", "to_status_label", "opd_name", "reason_label", "note", "photo", "created_at"]

    def to_representation(self, step):
        """`step` is a workflow.selectors.PublicStep: the event and the note the citizen may read."""
        data = super().to_representation(step.event)
        data["note"] = str(step.note)
        data["to_status_label"] = step.status_name  # the citizen's words for it
        return data

    def get_photo(self, event) -> str | None:
        """The proof photo, through a link signed for the citizen holding the code (context: `report`)."""
        if not event.photo_id:
            return None
        url = citizen_file_url(report=self.context["report"], field_file=event.photo.image, citizens=False)
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url
