# Monthly PDFs leave MEDIA_ROOT (where /media/ once served them to anyone under a predictable name) for
# PRIVATE_MEDIA_ROOT, under random names. A row whose file is already gone is left as it is: the download
# view makes the month's PDF again when its file is missing.

import shutil
import uuid
from pathlib import Path

from django.conf import settings
from django.db import migrations, models

import config.storages
import reports_pdf.models


def _move(apps, source: Path, target: Path, new_name) -> None:
    MonthlyReport = apps.get_model("reports_pdf", "MonthlyReport")
    for report in MonthlyReport.objects.all():
        old = source / report.pdf.name
        if not report.pdf.name or not old.is_file():
            continue
        name = new_name(report)
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.move(old, target / name)
        MonthlyReport.objects.filter(pk=report.pk).update(pdf=name)
    leftover = source / "monthly-reports"
    if leftover.is_dir() and not any(leftover.iterdir()):
        leftover.rmdir()


def to_private(apps, schema_editor):
    _move(
        apps,
        Path(settings.MEDIA_ROOT),
        Path(settings.PRIVATE_MEDIA_ROOT),
        lambda report: f"monthly-reports/{uuid.uuid4().hex}.pdf",
    )


def to_media(apps, schema_editor):
    _move(
        apps,
        Path(settings.PRIVATE_MEDIA_ROOT),
        Path(settings.MEDIA_ROOT),
        lambda report: f"monthly-reports/laporan-kinerja-{report.month:%Y-%m}-{uuid.uuid4().hex[:7]}.pdf",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("reports_pdf", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="monthlyreport",
            name="pdf",
            field=models.FileField(
                storage=config.storages.PrivateStorage(),
                upload_to=reports_pdf.models._pdf_name,
                verbose_name="PDF",
            ),
        ),
        migrations.RunPython(to_private, to_media),
    ]
