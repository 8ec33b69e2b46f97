from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _

from config.storages import PrivateStorage, private_name


def _pdf_name(instance: "MonthlyReport", filename: str) -> str:
    return private_name("monthly-reports", filename)


class MonthlyReport(models.Model):
    """A generated monthly PDF with the figures it was made from: re-downloading a past month gives the same
    document, unless someone regenerates it on purpose."""

    month = models.DateField(_("month"), unique=True, help_text=_("the first day of the month"))
    figures = models.JSONField(_("figures"), encoder=DjangoJSONEncoder)
    # Never public (PRODUCT.md, "Privacy and trust"): outside MEDIA_ROOT, under a random name, sent only by the
    # leadership download view.
    pdf = models.FileField(_("PDF"), upload_to=_pdf_name, storage=PrivateStorage())
    generated_at = models.DateTimeField(_("generated"), auto_now=True)

    class Meta:
        ordering = ["-month"]
        verbose_name = _("monthly report")
        verbose_name_plural = _("monthly reports")

    def __str__(self) -> str:
        return f"{self.month:%Y-%m}"
