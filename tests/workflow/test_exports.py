"""Staff exports: each role's CSV and GeoPackage hold exactly the reports reports_visible_to allows and the contacts
contact_visible allows (the SQL of audience_for against the Python rules); the dashboard's figures tables as CSV for
whoever may read the dashboard, rounded by the one rule."""

import json
from datetime import datetime

import pytest
from django.contrib.auth import get_user_model
from rest_framework.test import APIClient

from geoportal.clocks import WIB
from geoportal.models import Category, Opd, Report, ReporterContact
from geoportal.services.reports import Upload
from geoportal.states import ReportStatus as S
from tests.factories import ReportFactory, jpeg_bytes
from tests.geoportal.test_exports import ogrinfo, read_csv, save
from tests.geoportal.test_sensitive_places import EXACT, sensitive_report
from tests.hostile import json_error, snapshot
from workflow.figures_export import TABLES, figures_table
from workflow.figures_format import days_rounded, percent_rounded
from workflow.models import Role
from workflow.policies import Actor, contact_visible, dashboard_readable, reports_visible_to
from workflow.selectors import Period, opd_performance
from workflow.services.accounts import staff_account_ensure
from workflow.services.transitions import TransitionInput, report_received, report_transition

CSV_URL, GPKG_URL = "/api/staff/exports/reports.csv", "/api/staff/exports/reports.gpkg"


def _admin() -> Actor:
    staff_account_ensure(username="t-admin", role=Role.ADMINISTRATOR, password="x-pass-123")
    return Actor.for_user(get_user_model().objects.get(username="t-admin"))


def _walk(staff, *, category="jalan-rusak", opd="PUPR", covert=False, resolve=False, desc="") -> Report:
    report = ReportFactory(status=S.RECEIVED, category=Category.objects.get(code=category), description=desc)
    ReporterContact.objects.create(report=report, name=f"Pelapor {desc}", phone="0812", email=f"{desc.lower()}@x.id")
    report_received(report=report)
    screener = staff["covert"] if covert else staff["operator"]
    report_transition(report_id=report.pk, name="verify", actor=screener)
    report_transition(report_id=report.pk, name="dispatch", actor=screener, data=TransitionInput(opd=opd))
    if resolve:
        officer = staff[opd.lower()]
        report_transition(report_id=report.pk, name="acknowledge", actor=officer)
        report_transition(
            report_id=report.pk,
            name="resolve",
            actor=officer,
            data=TransitionInput(note="ok", photo=Upload(jpeg_bytes())),
        )
    return report


def _reports(staff) -> dict[str, Report]:
    return {
        "pupr": _walk(staff, resolve=True, desc="PUPR-JALAN"),
        "dlh": _walk(staff, category="sampah", opd="DLH", desc="DLH-SAMPAH"),
        "confidential": _walk(staff, category="pungli", opd="INSPEKTORAT", covert=True, desc="RAHASIA-PUNGLI"),
        "unscreened": ReportFactory(status=S.RECEIVED, description="BELUM"),
        "sensitive": sensitive_report(),
    }


def _client(actor) -> APIClient:
    client = APIClient()
    client.force_authenticate(user=actor.user)
    return client


ROLES = ["operator", "leadership", "pupr", "dlh", "covert", "admin"]


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_each_role_exports_exactly_what_the_policy_allows(staff, role):
    reports = _reports(staff)
    actor = _admin() if role == "admin" else staff[role]
    header, rows = read_csv(_client(actor).get(CSV_URL))
    assert "tracking_code" not in " ".join(header)
    by_id = {int(row["id"]): row for row in rows}
    visible = set(reports_visible_to(actor).values_list("pk", flat=True))
    assert set(by_id) == visible
    for report in Report.objects.filter(pk__in=visible).select_related("category"):
        row = by_id[report.pk]
        has_contact = ReporterContact.objects.filter(report=report).exists() and contact_visible(actor, report)
        assert bool(row["contact_name"]) == has_contact, (role, report.description)
        assert row["confidential"] == ("true" if report.category.confidential else "false")
    # Staff read the exact place of a sensitive label.
    if reports["sensitive"].pk in by_id:
        row = by_id[reports["sensitive"].pk]
        assert (float(row["longitude"]), float(row["latitude"])) == pytest.approx(EXACT, abs=2e-6)
    # Leadership and the administrator never read a contact.
    if role in ("leadership", "admin"):
        assert all(not row["contact_name"] and not row["contact_phone"] for row in rows)
    body = b"".join(_client(actor).get(CSV_URL).streaming_content).decode()
    assert all(r.tracking_code not in body for r in reports.values())
    if role not in ("leadership", "covert"):
        assert "RAHASIA-PUNGLI" not in body


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["operator", "leadership", "pupr", "covert"])
@pytest.mark.parametrize("query", [{}, {"status": "dispatched,resolved"}, {"opd": "PUPR"}, {"overdue": "true"}])
def test_the_staff_csv_count_is_the_staff_apis_count(staff, role, query):
    _reports(staff)
    client = _client(staff[role])
    api = client.get("/api/staff/reports/", {**query, "count": "true", "limit": 5000})
    _header, rows = read_csv(client.get(CSV_URL, query))
    assert len(rows) == json.loads(api.content)["numberMatched"]


@pytest.mark.django_db
def test_anonymous_and_citizens_get_no_staff_export(staff):
    _reports(staff)
    for url in (CSV_URL, GPKG_URL, "/api/staff/exports/figures/opd.csv"):
        response = APIClient().get(url)
        assert response.status_code in (401, 403)
        assert "RAHASIA" not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("param", "value"),
    [
        ("created_to", "9999-12-31"),
        ("created_from", "2026-01-01\x00"),
        ("kecamatan", "\x00"),
        ("opd", "PUPR\x00"),
        ("status", "\x00"),
        ("category", "\x00"),
        ("overdue", "\x00"),
    ],
    ids=repr,
)
@pytest.mark.parametrize("url", [CSV_URL, GPKG_URL])
def test_a_hostile_staff_filter_is_a_400_in_indonesian(staff, url, param, value):
    before = snapshot()
    json_error(_client(staff["operator"]).get(url, {param: value}), field=param, detail="Periksa isian.")
    assert snapshot() == before


# --- figures ----------------------------------------------------------------------------------------------------
def _figures(actor, table="opd", **query):
    return _client(actor).get(f"/api/staff/exports/figures/{table}.csv", query)


@pytest.mark.django_db
def test_who_may_read_the_figures_is_who_may_read_the_dashboard(staff):
    for role in ["operator", "leadership", "pupr", "dlh", "covert", "admin"]:
        actor = _admin() if role == "admin" else staff[role]
        response = _figures(actor)
        assert response.status_code == (200 if dashboard_readable(actor) else 403), role
        if response.status_code == 403:
            assert response.json()["detail"] == "Angka-angka dasbor ini untuk pimpinan."
    assert [r for r in ROLES if dashboard_readable(_admin() if r == "admin" else staff[r])] == [
        "operator",
        "leadership",
        "admin",
    ]


@pytest.mark.django_db
def test_the_opd_table_is_the_dashboards_figures_rounded_by_the_one_rule(staff):
    _reports(staff)
    today = datetime.now(tz=WIB).date()
    period = Period.month(today.year, today.month)
    header, rows = read_csv(_figures(staff["leadership"], month=f"{today:%Y-%m}"))
    assert header[:2] == ["code", "name"]
    for column in ("response_median_working_days", "resolution_p90_working_days", "resolution_share_percent"):
        assert column in header
    assert header[-3:] == ["period_start", "period_end", "as_of"]
    expected = opd_performance(period=period)
    assert [row["code"] for row in rows] == [o.code for o in expected]  # ranked as on the dashboard
    for row, figures in zip(rows, expected, strict=True):
        assert row["episodes"] == str(figures.episodes)
        assert row["response_median_working_days"] == (
            "" if figures.response_median is None else str(days_rounded(figures.response_median))
        )
        share = percent_rounded(figures.resolution_share)
        assert row["resolution_share_percent"] == ("" if share is None else str(share))
        assert row["rank"] == ("" if figures.rank is None else str(figures.rank))
        assert row["period_start"] == f"{period.start:%Y-%m-%d}"
    pupr = next(row for row in rows if row["code"] == "PUPR")
    assert pupr["episodes"] == "1" and pupr["resolved"] == "1"


@pytest.mark.django_db
@pytest.mark.parametrize("table", list(TABLES))
def test_every_figures_table_exports_for_a_date_range(staff, table):
    _reports(staff)
    today = datetime.now(tz=WIB).date()
    response = _figures(staff["leadership"], table, start=f"{today:%Y}-01-01", end=f"{today:%Y-%m-%d}")
    header, rows = read_csv(response)
    expected_header, expected_rows = figures_table(table=table, period=Period(today.replace(month=1, day=1), today))
    assert header == expected_header and len(rows) >= 1
    assert response["Content-Disposition"].startswith(f'attachment; filename="{TABLES[table].stem}_{today:%Y}-01-01_')


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"month": "2026-13"}, "month"),
        ({"month": "9999-01"}, "month"),
        ({"month": "2026-10\x00"}, "month"),
        ({"start": "9999-01-01", "end": "9999-12-31"}, "start"),
        ({"start": "2026-10-01"}, "end"),
        ({"start": "2026-10-31", "end": "2026-10-01"}, "end"),
        ({"month": "2026-10", "start": "2026-10-01", "end": "2026-10-31"}, "month"),
        ({"start": "\x00", "end": "2026-10-01"}, "start"),
    ],
    ids=repr,
)
def test_a_hostile_period_is_a_400_in_indonesian(staff, query, field):
    json_error(_figures(staff["leadership"], **query), field=field, detail="Periksa isian.")


@pytest.mark.django_db
def test_an_unknown_table_is_a_404(staff):
    assert _figures(staff["leadership"], "nope").status_code == 404


@pytest.mark.usefixtures("committed_reference")
def test_the_staff_geopackage_holds_what_each_role_may_see(tmp_path, request):
    staff = request.getfixturevalue("staff")
    reports = _reports(staff)
    for role in ("leadership", "dlh", "covert"):
        actor = staff[role]
        path = tmp_path / f"{role}.gpkg"
        save(_client(actor).get(GPKG_URL), path)
        summary = ogrinfo(path, "-al", "-so")
        visible = reports_visible_to(actor).count()
        assert f"Feature Count: {visible}" in summary, (role, summary)
        assert 'ID["EPSG",4326]' in summary and "contact_phone: String" in summary
        dump = ogrinfo(path, "-al", "-q")
        assert ("RAHASIA-PUNGLI" in dump) == (role in ("leadership", "covert"))
        assert ("Pelapor RAHASIA-PUNGLI" in dump) == (role == "covert")  # leadership: figures, never contacts
        assert all(r.tracking_code not in dump for r in reports.values())
    assert Opd.objects.filter(code="DLH").exists()
