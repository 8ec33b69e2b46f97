import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from reports_pdf.models import MonthlyReport
from reports_pdf.services import last_month, monthly_report_get

pytestmark = pytest.mark.django_db


def test_a_past_month_is_kept_and_not_regenerated_unless_asked(holidays, settings):
    call_command("seed_demo", reports=300, months=2, seed=4, verbosity=0)
    year, month = last_month(timezone.localdate())
    first = monthly_report_get(year=year, month=month)
    pdf = first.pdf.read()
    assert pdf.startswith(b"%PDF") and first.figures["summary"]["received"] > 0
    assert first.figures["opds"] and "response_median" in first.figures["opds"][0]

    again = monthly_report_get(year=year, month=month)
    assert again.pk == first.pk and again.generated_at == first.generated_at

    redone = monthly_report_get(year=year, month=month, regenerate=True)
    assert redone.pk == first.pk and redone.generated_at > first.generated_at
    assert MonthlyReport.objects.count() == 1


def test_the_scheduled_job_is_idempotent(holidays, capsys):
    call_command("monthly_report_scheduled")
    call_command("monthly_report_scheduled")
    out = capsys.readouterr().out
    assert "generated" in out and "already generated, nothing to do" in out
    assert MonthlyReport.objects.count() == 1


def test_leadership_downloads_it_from_the_dashboard(holidays, staff):
    client = Client()
    client.force_login(staff["leadership"].user)
    year, month = last_month(timezone.localdate())
    page = client.get("/staf/pimpinan/", {"bulan": f"{year:04d}-{month:02d}"})
    assert b'id="monthly-pdf"' in page.content
    response = client.get(f"/staf/pimpinan/laporan-{year:04d}-{month:02d}.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    now = timezone.localdate()
    assert client.get(f"/staf/pimpinan/laporan-{now.year:04d}-{now.month:02d}.pdf").status_code == 404

    officer = Client()
    officer.force_login(staff["pupr"].user)
    assert officer.get(f"/staf/pimpinan/laporan-{year:04d}-{month:02d}.pdf").status_code == 403
