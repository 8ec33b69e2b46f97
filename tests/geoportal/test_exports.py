"""Public exports (CSV and GeoPackage): the public list's reports, columns and published place, nothing more; the
same filters and the same refusals; CSV safe to open in a spreadsheet."""

import csv
import io
import json
import re
import subprocess
from datetime import datetime

import pytest
from rest_framework.test import APIClient

from geoportal.clocks import WIB
from geoportal.exports import BOM, csv_cell
from geoportal.models import Category, ReporterContact
from geoportal.selectors.exports import PUBLIC_COLUMNS, STAFF_COLUMNS
from geoportal.states import ReportStatus
from tests.factories import ReportFactory
from tests.geoportal.test_hostile_input import EVERY_DOOR
from tests.geoportal.test_sensitive_places import EXACT, NODE, NODE_DESA, sensitive_report
from tests.hostile import json_error, snapshot

CSV_URL, GPKG_URL = "/api/exports/reports.csv", "/api/exports/reports.gpkg"
FORMULAS = ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\tTAB", "\rCR", "plain = text", 'quote " in']


def read_csv(response) -> tuple[list[str], list[dict]]:
    assert response.status_code == 200, response.content[:300] if hasattr(response, "content") else response
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith(BOM)
    reader = csv.DictReader(io.StringIO(text[1:], newline=""))
    rows = list(reader)
    return reader.fieldnames, rows


def _world():
    """A public report with a contact and a formula for a description, a sensitive one, a confidential one and an
    unscreened one."""
    public = ReportFactory(description=FORMULAS[0])
    ReporterContact.objects.create(report=public, name="Budi Rahasia", phone="081299990001", email="budi@rahasia.id")
    sensitive = sensitive_report()
    confidential = ReportFactory(category=Category.objects.get(code="pungli"), description="RAHASIA-PUNGLI")
    unscreened = ReportFactory(status=ReportStatus.RECEIVED, description="BELUM-DIPERIKSA")
    return public, sensitive, confidential, unscreened


@pytest.mark.django_db
def test_the_public_csv_holds_the_public_reports_with_public_columns_only():
    public, sensitive, confidential, unscreened = _world()
    response = APIClient().get(CSV_URL)
    header, rows = read_csv(response)
    assert header == [c.name for c in PUBLIC_COLUMNS] + ["longitude", "latitude"]
    assert not set(header) & {c.name for c in STAFF_COLUMNS}
    ids = {int(row["id"]) for row in rows}
    assert ids == {public.pk, sensitive.pk}
    body = b"".join(APIClient().get(CSV_URL).streaming_content).decode()
    for secret in ["Budi Rahasia", "081299990001", "budi@rahasia.id", "RAHASIA-PUNGLI", "BELUM-DIPERIKSA"]:
        assert secret not in body
    for report in (public, sensitive, confidential, unscreened):
        assert report.tracking_code not in body
    today = datetime.now(tz=WIB).date()
    assert response["Content-Disposition"] == f'attachment; filename="laporan-publik-{today:%Y-%m-%d}.csv"'


@pytest.mark.django_db
def test_a_sensitive_label_is_exported_at_its_published_place_never_the_exact_one():
    report = sensitive_report()
    _header, [row] = read_csv(APIClient().get(CSV_URL))
    assert int(row["id"]) == report.pk
    assert (float(row["longitude"]), float(row["latitude"])) == pytest.approx(NODE, abs=2e-6)
    assert (float(row["longitude"]), float(row["latitude"])) != pytest.approx(EXACT, abs=1e-4)
    assert row["desa"] == NODE_DESA


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        {},
        {"kecamatan": "35.03.11"},
        {"status": "verified"},
        {"category": "jalan-rusak,sampah"},
        {"created_from": "2000-01-01", "created_to": "2100-12-31"},
        {"in_bbox": "111.6,-8.1,111.8,-8.0"},
    ],
)
def test_the_csv_count_is_the_apis_count(query):
    _world()
    ReportFactory(desa_kode="35.03.01.2001", category=Category.objects.get(code="sampah"))
    ReportFactory(status=ReportStatus.RESOLVED)
    api = APIClient().get("/api/reports/", {**query, "count": "true"})
    assert api.status_code == 200
    features = json.loads(api.content)
    _header, rows = read_csv(APIClient().get(CSV_URL, query))
    assert len(rows) == features["numberMatched"]
    assert [int(r["id"]) for r in rows] == [f["id"] for f in features["features"]]  # the same order: newest first


@pytest.mark.django_db
def test_text_a_spreadsheet_would_run_is_escaped_in_sql_as_in_python():
    for text in FORMULAS:
        ReportFactory(description=text)
    _header, rows = read_csv(APIClient().get(CSV_URL))
    exported = sorted(row["description"] for row in rows)
    assert exported == sorted(csv_cell(text) for text in FORMULAS)
    assert '\'=HYPERLINK("http://x")' in exported and "'-2+3" in exported and "plain = text" in exported
    assert all(not cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in exported)


EXPORT_DOORS = [CSV_URL, GPKG_URL]


@pytest.mark.django_db
@pytest.mark.parametrize("url", EXPORT_DOORS)
@pytest.mark.parametrize(
    ("param", "value"),
    EVERY_DOOR
    + [
        ("desa", "\x00"),
        ("in_bbox", "\x00"),
        ("status", "received"),  # not a public status
        ("category", "pungli"),  # a confidential label is unknown to the public
    ],
    ids=lambda v: repr(v)[:30],
)
def test_a_hostile_filter_is_a_400_in_indonesian(url, param, value):
    ReportFactory()
    before = snapshot()
    response = APIClient().get(url, {param: value})
    json_error(response, field=param, detail="Periksa isian.")
    assert snapshot() == before


@pytest.mark.django_db
def test_reversed_days_are_refused():
    response = APIClient().get(CSV_URL, {"created_from": "2026-10-31", "created_to": "2026-10-01"})
    json_error(response, field="created_to")


@pytest.mark.django_db
def test_a_geopackage_too_big_is_refused_politely(settings):
    ReportFactory()
    ReportFactory()
    settings.EXPORT_GEOPACKAGE_MAX_REPORTS = 1
    body = json_error(APIClient().get(GPKG_URL), field="created_from")
    assert "2 laporan cocok" in body["errors"]["created_from"][0] and "CSV" in body["detail"]


def ogrinfo(path, *args) -> str:
    done = subprocess.run(["ogrinfo", "-ro", *args, str(path)], capture_output=True, text=True, check=True)
    return done.stdout


def save(response, path) -> None:
    assert response.status_code == 200, getattr(response, "content", b"")[:300]
    assert response["Content-Type"] == "application/geopackage+sqlite3"
    path.write_bytes(b"".join(response.streaming_content))


@pytest.mark.usefixtures("committed_reference")
def test_the_public_geopackage_opens_in_gdal_with_its_layer_count_and_crs(tmp_path):
    public, sensitive, _confidential, _unscreened = _world()
    response = APIClient().get(GPKG_URL)
    today = datetime.now(tz=WIB).date()
    assert response["Content-Disposition"] == f'attachment; filename="laporan-publik-{today:%Y-%m-%d}.gpkg"'
    path = tmp_path / "export.gpkg"
    save(response, path)
    summary = ogrinfo(path, "-al", "-so")
    assert "Layer name: laporan" in summary
    assert "Geometry: Point" in summary
    assert "Feature Count: 2" in summary
    assert 'ID["EPSG",4326]' in summary
    assert "contact" not in summary and "opd" not in summary
    fields = re.findall(r"^(\w+): \w+", summary.split("Geometry Column = geom", 1)[1], flags=re.M)
    assert fields == [c.name for c in PUBLIC_COLUMNS]
    point = ogrinfo(path, "-al", "-q", "-where", f"id = {sensitive.pk}")
    lon, lat = map(float, re.search(r"POINT \(([-\d.]+) ([-\d.]+)\)", point).groups())
    assert (lon, lat) == pytest.approx(NODE, abs=1e-6)
    assert "created_at (String) = " in point and "+07:00" in point


@pytest.mark.django_db
def test_a_geopackage_gdal_cannot_write_is_a_503_in_words_and_leaves_no_file(settings, tmp_path, monkeypatch):
    ReportFactory()
    settings.OGR2OGR = "false"  # exits 1 without writing
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    response = APIClient().get(GPKG_URL)
    assert response.status_code == 503
    assert response.json()["detail"] == "GeoPackage tidak dapat dibuat. Coba lagi nanti."
    assert list(tmp_path.iterdir()) == []
