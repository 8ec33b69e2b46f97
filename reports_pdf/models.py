from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _


class MonthlyReport(models.Model):
    """A generated monthly PDF with the figures it was made from: re-downloading a past month gives the same
    document, unless someone regenerates it on purpose."""

    month = models.DateField(_("month"), unique=True, help_text=_("the first day of the month"))
    figures = models.JSONField(_("figures"), encoder=DjangoJSONEncoder)
    pdf = models.FileField(_("PDF"), upload_to="monthly-reports/")
    generated_at = models.DateTimeField(_("generated"), auto_now=True)

    class Meta:
        ordering = ["-month"]
        verbose_name = _("monthly report")
        verbose_name_plural = _("monthly reports")

    def __str__(self) -> str:
        return f"{self.month:%Y-%m}"
