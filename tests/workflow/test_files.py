"""Private files: who gets which stored file (photos, thumbnails, videos, posters, proof photos, monthly PDFs).

The expectations are written out by hand here (not derived from workflow.policies), so that a change of the
visibility rule or of the file policy shows up as a failing cell."""

import importlib
import re
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.core import signing
from django.core.files.storage import default_storage
from django.test import Client
from django.utils import timezone

from geoportal.models import Category, Opd, Report, ReportPhoto, ReportVideo
from geoportal.states import ReportStatus as S
from reports_pdf.models import MonthlyReport
from reports_pdf.services import last_month, monthly_report_get
from tests.factories import ReportFactory, jpeg_bytes
from workflow.files import SIGNATURE_PARAM, citizen_file_url
from workflow.models import ReportEvent, Role
from workflow.policies import Actor
from workflow.services.accounts import staff_account_ensure

pytestmark = pytest.mark.django_db

PUBLIC_CACHE = "public, max-age=31536000, immutable"
PRIVATE_CACHE = "private, no-store"
JPEG = jpeg_bytes()
VIDEO = b"\x00\x00\x00\x18ftypmp42not-really-a-video"

# The reports of the matrix: a public one handled by PUPR, one still being screened, a rejected one, a confidential
# (Pasukan Bayangan) one handled by the Inspektorat and a public one of another OPD (DLH).
REPORTS = {
    "public": dict(status=S.IN_PROGRESS, opd="PUPR"),
    "received": dict(status=S.RECEIVED, opd=None),
    "rejected": dict(status=S.REJECTED, opd=None),
    "confidential": dict(status=S.DISPATCHED, opd="INSPEKTORAT", category="pungli"),
    "other_opd": dict(status=S.DISPATCHED, opd="DLH", category="sampah"),
}
CITIZEN_KINDS = ("photo", "thumbnail", "video", "poster")
PROOF_KINDS = ("proof", "proof_thumbnail")
KINDS = CITIZEN_KINDS + PROOF_KINDS
PUBLIC_REPORTS = {"public", "other_opd"}
# Which reports each staff member may see (PRODUCT.md, "Privacy and trust"), written out.
STAFF_SEES = {
    "operator": {"public", "received", "rejected", "other_opd"},
    "administrator": {"public", "received", "rejected", "other_opd"},
    "pupr": {"public"},
    "dlh": {"other_opd"},
    "covert": {"confidential"},
    "leadership": set(REPORTS),
}
ROLES = ("anonymous", "citizen", "citizen_expired", "citizen_forged", *STAFF_SEES)


@dataclass
class Files:
    report: Report
    names: dict[str, str]  # kind -> stored name
    photo: ReportPhoto
    proof: ReportPhoto
    video: ReportVideo


def _store(data: bytes, suffix: str) -> str:
    return default_storage.save(f"photos/2026/12/{uuid.uuid4().hex}{suffix}", _content(data))


def _content(data: bytes):
    from django.core.files.base import ContentFile

    return ContentFile(data)


def _report_with_files(status, opd, category="jalan-rusak") -> Files:
    report = ReportFactory(
        status=status,
        opd=Opd.objects.get(code=opd) if opd else None,
        category=Category.objects.get(code=category),
    )
    photo = ReportPhoto.objects.create(
        report=report, kind="report", image=_store(JPEG, ".jpg"), thumbnail=_store(JPEG, ".jpg"), width=1, height=1
    )
    proof = ReportPhoto.objects.create(
        report=report, kind="proof", image=_store(JPEG, ".jpg"), thumbnail=_store(JPEG, ".jpg"), width=1, height=1
    )
    video = ReportVideo.objects.create(
        report=report, file=_store(VIDEO, ".mp4"), poster=_store(JPEG, ".jpg"), duration=2, width=1, height=1
    )
    names = {
        "photo": photo.image.name,
        "thumbnail": photo.thumbnail.name,
        "video": video.file.name,
        "poster": video.poster.name,
        "proof": proof.image.name,
        "proof_thumbnail": proof.thumbnail.name,
    }
    return Files(report, names, photo, proof, video)


def _field(files: Files, kind: str):
    return {
        "photo": files.photo.image,
        "thumbnail": files.photo.thumbnail,
        "video": files.video.file,
        "poster": files.video.poster,
        "proof": files.proof.image,
        "proof_thumbnail": files.proof.thumbnail,
    }[kind]


@pytest.fixture
def reports(db):
    return {key: _report_with_files(**spec) for key, spec in REPORTS.items()}


@pytest.fixture
def people(staff):
    admin = staff_account_ensure(username="t-admin", role=Role.ADMINISTRATOR, password="x-pass-123")
    from django.contrib.auth import get_user_model

    return {**staff, "administrator": Actor.for_user(get_user_model().objects.get(username=admin.username))}


def _expired_url(report, field_file, citizens, monkeypatch) -> str:
    real = signing.time.time
    with monkeypatch.context() as patch:
        patch.setattr(signing.time, "time", lambda: real() - 3601)
        return citizen_file_url(report=report, field_file=field_file, citizens=citizens)


def _forged(url: str) -> str:
    """The same link with its MAC changed (the timestamp kept)."""
    mac = url.rsplit(":", 1)[1]
    return url[: -len(mac)] + ("A" if mac[0] != "A" else "B") + mac[1:]


def _client(role, people) -> Client:
    client = Client()
    if role in STAFF_SEES:
        client.force_login(people[role].user)
    return client


@pytest.mark.parametrize("role", ROLES)
def test_each_file_kind_of_each_report_answers_each_role_as_the_policy_says(role, reports, people, monkeypatch):
    client = _client(role, people)
    wrong = []
    for key, files in reports.items():
        for kind in KINDS:
            citizens = kind in CITIZEN_KINDS
            public = citizens and key in PUBLIC_REPORTS
            url = f"/media/{files.names[kind]}"
            if role == "citizen":
                url = citizen_file_url(report=files.report, field_file=_field(files, kind), citizens=citizens)
                assert (SIGNATURE_PARAM in url) is not public
            elif role == "citizen_expired":
                url = _expired_url(files.report, _field(files, kind), citizens, monkeypatch)
            elif role == "citizen_forged" and not public:
                url = _forged(citizen_file_url(report=files.report, field_file=_field(files, kind), citizens=citizens))
            allowed = public or role == "citizen" or key in STAFF_SEES.get(role, ())
            response = client.get(url)
            got = (response.status_code, response.get("Cache-Control"))
            expected = (200, PUBLIC_CACHE if public else PRIVATE_CACHE) if allowed else (404, None)
            if got != expected:
                wrong.append(f"{role} {key} {kind}: {got} instead of {expected}")
                continue
            if allowed:
                body = b"".join(response.streaming_content)
                assert body == (VIDEO if kind == "video" else JPEG)
                assert response["Content-Type"] == ("video/mp4" if kind == "video" else "image/jpeg")
    assert not wrong, "\n".join(wrong)


def test_a_refusal_and_a_missing_file_answer_alike(reports):
    client = Client()
    refused_path = f"/media/{reports['confidential'].names['photo']}"
    missing_path = f"/media/photos/2026/12/{uuid.uuid4().hex}.jpg"
    refused, missing = client.get(refused_path), client.get(missing_path)
    assert refused.status_code == missing.status_code == 404
    # Byte for byte, but for the path asked (the language menu's "next", back to it) and the CSRF token of that
    # menu (masked anew in every answer).
    assert _blanked(refused.content, refused_path) == _blanked(missing.content, missing_path)
    assert sorted(refused.headers) == sorted(missing.headers)


def _blanked(body: bytes, path: str) -> bytes:
    body = re.sub(rb'name="csrfmiddlewaretoken" value="\w+"', b"CSRF", body)
    return body.replace(path.encode(), b"PATH")


def test_a_signature_opens_only_the_file_it_was_made_for(reports):
    received = reports["received"]
    signed = citizen_file_url(report=received.report, field_file=received.photo.image, citizens=True)
    signature = signed.split("?")[1]
    client = Client()
    assert client.get(signed).status_code == 200
    assert client.get(f"/media/{received.names['thumbnail']}?{signature}").status_code == 404
    assert client.get(f"/media/{reports['confidential'].names['photo']}?{signature}").status_code == 404
    other_salt = signing.TimestampSigner(salt="something-else").sign(received.names["photo"])
    forged = other_salt[len(received.names["photo"]) + 1 :]
    assert client.get(f"/media/{received.names['photo']}?{SIGNATURE_PARAM}={forged}").status_code == 404


def test_staff_files_open_with_the_api_token_the_qgis_plugin_sends(reports, people):
    token = Client().post("/api/auth/token/", {"username": "t-pupr", "password": "x-pass-123"}).json()["token"]
    client = Client(HTTP_AUTHORIZATION=f"Token {token}")
    mine = client.get(f"/media/{reports['public'].names['proof']}")
    assert mine.status_code == 200 and mine["Cache-Control"] == PRIVATE_CACHE
    assert client.get(f"/media/{reports['other_opd'].names['proof']}").status_code == 404
    assert client.get(f"/media/{reports['received'].names['photo']}").status_code == 404
    assert client.get(f"/media/{reports['confidential'].names['photo']}").status_code == 404
    # A wrong or malformed token is nobody (not an error page), whatever the file.
    for header in (f"Token {token[:-1]}x", "Token", "Token a b", "Bearer xyz"):
        assert Client(HTTP_AUTHORIZATION=header).get(f"/media/{reports['public'].names['proof']}").status_code == 404
    # The links the staff API hands the plugin open with the same token.
    detail = client.get(f"/api/staff/reports/{reports['public'].report.pk}/").json()
    for photo in detail["properties"]["photos"]:
        for url in (photo["url"], photo["thumbnail"]):
            assert client.get(url).status_code == 200 and Client().get(url).status_code == (
                200 if photo["kind"] == "report" else 404
            )


def test_the_audit_trail_photo_links_open_for_staff_and_for_the_citizen(reports, people):
    files = reports["public"]
    ReportEvent.objects.create(
        report=files.report, transition="resolve", from_status=S.IN_PROGRESS, to_status=S.RESOLVED,
        actor=people["pupr"].user, actor_role=Role.OPD_OFFICER, opd=files.report.opd, note="Sudah ditambal",
        photo=files.proof,
    )  # fmt: skip
    token = Client().post("/api/auth/token/", {"username": "t-pupr", "password": "x-pass-123"}).json()["token"]
    staff = Client(HTTP_AUTHORIZATION=f"Token {token}")
    staff_url = staff.get(f"/api/reports/{files.report.pk}/events/").json()[-1]["photo"]
    assert staff_url == f"http://testserver/media/{files.names['proof']}"
    assert staff.get(staff_url).status_code == 200 and Client().get(staff_url).status_code == 404

    citizen = Client()
    track = citizen.get(f"/api/track/{files.report.tracking_code}/").json()
    citizen_url = track["timeline"][-1]["photo"]
    assert citizen_url.startswith(f"http://testserver/media/{files.names['proof']}?{SIGNATURE_PARAM}=")
    answer = citizen.get(citizen_url)
    assert answer.status_code == 200 and answer["Cache-Control"] == PRIVATE_CACHE


def test_the_tracking_page_signs_what_is_not_public_and_the_public_page_shows_no_proof(reports):
    received = reports["received"]
    page = Client().get(f"/lacak/{received.report.tracking_code}/").content.decode()
    sources = re.findall(r'(?:src|poster)="([^"]+/media/[^"]+|/media/[^"]+)"', page)
    assert len(sources) == 3  # thumbnail, poster, video
    for source in sources:
        url = source.replace("&amp;", "&")
        assert f"?{SIGNATURE_PARAM}=" in url
        assert Client().get(url).status_code == 200
        assert Client().get(url.split("?")[0]).status_code == 404

    public = reports["public"]
    ReportEvent.objects.create(
        report=public.report, transition="resolve", from_status=S.IN_PROGRESS, to_status=S.RESOLVED,
        actor_role=Role.OPD_OFFICER, opd=public.report.opd, note="Sudah ditambal", photo=public.proof,
    )  # fmt: skip
    tracked = Client().get(f"/lacak/{public.report.tracking_code}/").content.decode()
    assert f'/media/{public.names["thumbnail"]}"' in tracked  # public: the plain, cacheable link
    assert f"/media/{public.names['proof_thumbnail']}?{SIGNATURE_PARAM}=" in tracked
    shown = Client().get(f"/laporan/{public.report.pk}/").content.decode()
    assert public.names["thumbnail"] in shown and "Sudah ditambal" in shown
    assert public.names["proof_thumbnail"] not in shown and public.names["proof"] not in shown
    assert SIGNATURE_PARAM not in shown


def test_the_map_popup_photo_is_public_and_cacheable(reports):
    features = Client().get("/api/reports/").json()["features"]
    by_id = {f["id"]: f["properties"]["photo"] for f in features}
    assert set(by_id) == {reports["public"].report.pk, reports["other_opd"].report.pk}
    url = by_id[reports["public"].report.pk]
    assert url == f"http://testserver/media/{reports['public'].names['thumbnail']}"
    answer = Client().get(url)
    assert answer.status_code == 200 and answer["Cache-Control"] == PUBLIC_CACHE
    assert "Cookie" not in answer.get("Vary", "")  # a public answer never reads the session


@pytest.mark.parametrize(
    "path",
    [
        "/media/../var/database_url",
        "/media/%2e%2e/var/database_url",
        "/media/..%2fvar%2fdatabase_url",
        "/media/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "/media/photos/..%5c..%5cvar%5cdatabase_url",
        "/media//etc/passwd",
        "/media/%2fetc%2fpasswd",
        "/media/photos%00.jpg",
        "/media/%00",
        "/media/photos/2026/12/x.jpg%00.png",
        "/media/",
        "/media/photos/",
        "/media/photos/2026/12/" + "a" * 5000 + ".jpg",
        "/media/photos/2026/12/%ff%fe.jpg",
        "/media/photos/2026/12/x.jpg?tanda=%00",
        "/media/photos/2026/12/x.jpg?tanda=" + "A" * 5000,
    ],
)
def test_paths_outside_the_stored_names_are_404_never_500(path):
    response = Client(raise_request_exception=False).get(path)
    assert response.status_code == 404


def test_a_file_on_disk_that_no_report_owns_is_not_served(settings):
    stray = Path(settings.MEDIA_ROOT) / "monthly-reports" / "laporan-kinerja-2026-11.pdf"
    stray.parent.mkdir(parents=True)
    stray.write_bytes(b"%PDF-1.7 old public copy")
    assert Client().get("/media/monthly-reports/laporan-kinerja-2026-11.pdf").status_code == 404


def test_behind_nginx_the_view_decides_and_nginx_sends_the_bytes(reports, people, settings):
    settings.MEDIA_ACCEL_REDIRECT_PREFIX = "/internal-media/"
    name = reports["public"].names["thumbnail"]
    public = Client().get(f"/media/{name}")
    assert public.status_code == 200 and public.content == b""
    assert public["X-Accel-Redirect"] == f"/internal-media/{name}"
    assert public["Cache-Control"] == PUBLIC_CACHE and public["Content-Type"] == "image/jpeg"

    proof = reports["public"].names["proof"]
    refused = Client().get(f"/media/{proof}")
    assert refused.status_code == 404 and "X-Accel-Redirect" not in refused
    allowed = _client("pupr", people).get(f"/media/{proof}")
    assert allowed.status_code == 200 and allowed.content == b""
    assert allowed["X-Accel-Redirect"] == f"/internal-media/{proof}" and allowed["Cache-Control"] == PRIVATE_CACHE


# --- the monthly PDF -------------------------------------------------------------------------------------


@pytest.fixture
def monthly(holidays):
    """Last month's stored report (a small stand-in PDF, stored as the service stores it) and its download URL."""
    from django.core.files.base import ContentFile

    year, month = last_month(timezone.localdate())
    report = MonthlyReport(month=timezone.datetime(year, month, 1).date(), figures={})
    report.pdf.save("laporan.pdf", ContentFile(b"%PDF-1.7 stand-in"), save=True)
    return report, f"/staf/pimpinan/laporan-{year:04d}-{month:02d}.pdf"


def test_the_monthly_pdf_is_stored_outside_media_under_a_random_name(holidays, settings):
    year, month = last_month(timezone.localdate())
    report = monthly_report_get(year=year, month=month)
    assert re.fullmatch(r"monthly-reports/[0-9a-f]{32}\.pdf", report.pdf.name)
    path = Path(report.pdf.path).resolve()
    assert path.is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT).resolve())
    assert not path.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    assert path.read_bytes().startswith(b"%PDF")
    with pytest.raises(ValueError):
        report.pdf.url  # noqa: B018 (no public URL exists)
    assert Client().get(f"/media/{report.pdf.name}").status_code == 404


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("operator", 403),
        ("pupr", 403),
        ("dlh", 403),
        ("covert", 403),
        ("leadership", 200),
        ("administrator", 200),
    ],
)
def test_only_leadership_and_administrators_download_the_monthly_pdf(role, status, monthly, people):
    _report, url = monthly
    response = _client(role, people).get(url)
    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith("/masuk/")
    if status == 200:
        assert b"".join(response.streaming_content).startswith(b"%PDF")
        assert response["Cache-Control"] == PRIVATE_CACHE
        assert "laporan-kinerja-" in response["Content-Disposition"]
    else:
        assert b"%PDF" not in response.content


def test_only_who_may_download_it_sees_the_link(monthly, people):
    year, month = last_month(timezone.localdate())
    for role, shown in (("leadership", True), ("operator", False)):
        page = _client(role, people).get("/staf/pimpinan/", {"bulan": f"{year:04d}-{month:02d}"})
        assert page.status_code == 200 and (b'id="monthly-pdf"' in page.content) is shown


def test_behind_nginx_the_monthly_pdf_is_an_internal_redirect(monthly, people, settings):
    settings.PRIVATE_MEDIA_ACCEL_REDIRECT_PREFIX = "/internal-private/"
    report, url = monthly
    response = _client("leadership", people).get(url)
    assert response.status_code == 200 and response.content == b""
    assert response["X-Accel-Redirect"] == f"/internal-private/{report.pdf.name}"
    assert response["Content-Type"] == "application/pdf" and "laporan-kinerja-" in response["Content-Disposition"]
    assert _client("pupr", people).get(url).status_code == 403


def test_the_admin_links_the_pdf_to_the_download_view_not_to_a_file(monthly, people):
    report, url = monthly
    page = _client("administrator", people).get("/admin/reports_pdf/monthlyreport/").content.decode()
    assert f'href="{url}"' in page and report.pdf.name not in page and "/media/" not in page
    change = _client("administrator", people).get(f"/admin/reports_pdf/monthlyreport/{report.pk}/change/")
    assert change.status_code == 200 and report.pdf.name not in change.content.decode()


def test_a_pdf_whose_file_is_gone_is_made_again(monthly, people):
    report, url = monthly
    Path(report.pdf.path).unlink()
    response = _client("leadership", people).get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    assert b"stand-in" not in Path(MonthlyReport.objects.get().pdf.path).read_bytes()


def test_the_migration_moves_stored_pdfs_out_of_media(settings, db):
    from django.apps import apps

    migration = importlib.import_module("reports_pdf.migrations.0002_private_storage")
    old = Path(settings.MEDIA_ROOT) / "monthly-reports" / "laporan-kinerja-2026-10.pdf"
    old.parent.mkdir(parents=True)
    old.write_bytes(b"%PDF-1.7 October")
    kept = MonthlyReport.objects.create(
        month="2026-10-01", figures={}, pdf="monthly-reports/laporan-kinerja-2026-10.pdf"
    )
    gone = MonthlyReport.objects.create(
        month="2026-09-01", figures={}, pdf="monthly-reports/laporan-kinerja-2026-09.pdf"
    )

    migration.to_private(apps, None)

    kept.refresh_from_db()
    assert re.fullmatch(r"monthly-reports/[0-9a-f]{32}\.pdf", kept.pdf.name)
    assert (Path(settings.PRIVATE_MEDIA_ROOT) / kept.pdf.name).read_bytes() == b"%PDF-1.7 October"
    assert not old.exists() and not old.parent.exists()
    gone.refresh_from_db()
    assert gone.pdf.name == "monthly-reports/laporan-kinerja-2026-09.pdf"  # made again when next asked for
