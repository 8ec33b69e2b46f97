"""Any period on the leadership dashboard, its PDF and its command: bounded, validated, refused in words."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import translation

from workflow.models import Role
from workflow.period_input import period_from_query
from workflow.selectors import Period
from workflow.services.accounts import staff_account_ensure

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 2)

BAD_PERIODS = [
    ({"dari": "2026-04-01"}, "Isi hari pertama dan hari terakhir periode."),
    ({"sampai": "2026-04-01"}, "Isi hari pertama dan hari terakhir periode."),
    ({"dari": "", "sampai": "2026-04-01"}, "Isi hari pertama dan hari terakhir periode."),
    ({"dari": "2026-4-1", "sampai": "2026-09-30"}, "Tulis hari seperti 2026-04-01."),
    ({"dari": "2026-02-30", "sampai": "2026-09-30"}, "Tulis hari seperti 2026-04-01."),
    ({"dari": "\x00", "sampai": "2026-09-30"}, "Tulis hari seperti 2026-04-01."),
    ({"dari": "2026-04-01\x00", "sampai": "2026-09-30"}, "Tulis hari seperti 2026-04-01."),
    ({"dari": "9" * 5000, "sampai": "2026-09-30"}, "Tulis hari seperti 2026-04-01."),
    ({"dari": "1999-12-31", "sampai": "2000-01-31"}, "Hari harus di antara 2000-01-01 dan 2100-12-31."),
    ({"dari": "2026-01-01", "sampai": "9999-12-31"}, "Hari harus di antara 2000-01-01 dan 2100-12-31."),
    ({"dari": "2026-09-30", "sampai": "2026-04-01"}, "Hari pertama tidak boleh sesudah hari terakhir."),
    ({"dari": "2024-01-01", "sampai": "2025-12-31"}, "Satu periode paling lama 366 hari."),
    ({"bulan": "2026-04", "per": "kemarin"}, "Pilih angka “sekarang” atau “pada akhir periode”."),
]


def test_the_periods_read_from_the_query():
    trial = period_from_query({"dari": "2026-04-01", "sampai": "2026-09-30", "per": "akhir"}, today=TODAY)
    assert (trial.period, trial.at, trial.errors, trial.custom) == (
        Period(date(2026, 4, 1), date(2026, 10, 1)),
        "akhir",
        [],
        True,
    )
    assert trial.period.previous() == Period(date(2025, 10, 1), date(2026, 4, 1))  # six calendar months before
    assert Period(date(2026, 4, 10), date(2026, 4, 20)).previous() == Period(date(2026, 3, 31), date(2026, 4, 10))
    assert Period.month(2026, 1).previous() == Period.month(2025, 12)
    assert len(trial.period.months()) == 6
    october = period_from_query({"bulan": "2026-10"}, today=TODAY)
    assert october.period.previous() == Period.month(2026, 9) and october.at == "sekarang"
    assert period_from_query({}, today=TODAY).period == Period.month(2026, 12)
    leap = period_from_query({"dari": "2024-01-01", "sampai": "2024-12-31"}, today=TODAY)
    assert not leap.errors and (leap.period.end - leap.period.start).days == 366


@pytest.mark.parametrize(("query", "message"), BAD_PERIODS)
def test_a_wrong_period_is_refused_in_indonesian_and_shows_this_month(staff, query, message):
    client = Client(HTTP_ACCEPT_LANGUAGE="id")
    client.force_login(staff["leadership"].user)
    page = client.get("/staf/pimpinan/", query)
    assert page.status_code == 200
    assert message in page.content.decode()
    if "bulan" not in query:
        assert page.context["period"] == Period.month(date.today().year, date.today().month)


@pytest.mark.parametrize(("query", "message"), BAD_PERIODS[:6])
def test_the_period_pdf_refuses_a_wrong_period_with_a_message(staff, query, message):
    client = Client(HTTP_ACCEPT_LANGUAGE="id")
    client.force_login(staff["leadership"].user)
    response = client.get("/staf/pimpinan/laporan-periode.pdf", query, follow=True)
    assert response.status_code == 200 and response.redirect_chain[-1][0] == "/staf/pimpinan/"
    assert message in response.content.decode()


def test_the_dashboard_shows_a_period_its_instant_and_the_definitions(staff, holidays):
    client = Client(HTTP_ACCEPT_LANGUAGE="id")
    client.force_login(staff["leadership"].user)
    page = client.get("/staf/pimpinan/", {"dari": "2026-04-01", "sampai": "2026-09-30", "per": "akhir"})
    text = page.content.decode()
    assert page.status_code == 200
    assert "1 April 2026 – 30 September 2026" in text
    assert "angka per 30 September 2026 24.00 WIB" in text  # the period's end
    assert "Cara menghitung" in text and 'data-definition="follow_up_rate"' in text
    assert 'id="opd-trend"' in text and "periode sebelumnya" in text
    assert "/staf/pimpinan/laporan-periode.pdf?dari=2026-04-01&amp;sampai=2026-09-30" in text
    # The operator sees the dashboard but not the PDF link.
    operator = Client()
    operator.force_login(staff["operator"].user)
    assert b'id="period-pdf"' not in operator.get("/staf/pimpinan/").content


def test_the_period_pdf_for_leadership_and_administrators_only(staff, holidays):
    query = {"dari": "2026-04-01", "sampai": "2026-05-15"}
    staff_account_ensure(username="t-admin", role=Role.ADMINISTRATOR, password="x-pass-123")
    users = {who: actor.user for who, actor in staff.items() if who in ("leadership", "operator", "pupr", "covert")}
    users["admin"] = get_user_model().objects.get(username="t-admin")
    for who, status in (("leadership", 200), ("admin", 200), ("operator", 403), ("pupr", 403), ("covert", 403)):
        client = Client()
        client.force_login(users[who])
        response = client.get("/staf/pimpinan/laporan-periode.pdf", query)
        assert response.status_code == status, who
        if status == 200:
            assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")
            assert "laporan-kinerja-2026-04-01-2026-05-15.pdf" in response["Content-Disposition"]
            assert response["Cache-Control"] == "private, no-store"
    assert Client().get("/staf/pimpinan/laporan-periode.pdf", query).status_code == 302  # to the sign-in page


def test_the_command_writes_a_periods_pdf_and_refuses_wrong_days(holidays, tmp_path, capsys):
    target = tmp_path / "uji-coba.pdf"
    call_command("period_report", start="2026-04-01", end="2026-09-30", output=target)
    assert target.read_bytes().startswith(b"%PDF") and "uji-coba.pdf" in capsys.readouterr().out
    with translation.override("id"), pytest.raises(CommandError, match="after the last day"):
        call_command("period_report", start="2026-09-30", end="2026-04-01")
    with pytest.raises(CommandError, match="between 2000-01-01 and 2100-12-31"):
        call_command("period_report", start="2026-01-01", end="9999-01-01")
