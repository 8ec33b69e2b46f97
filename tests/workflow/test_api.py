import json

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from geoportal.models import Category, Opd
from geoportal.states import ReportStatus as S
from tests.factories import ReportFactory, jpeg_bytes
from workflow.services.transitions import report_received

pytestmark = pytest.mark.django_db


def _client_for(actor) -> APIClient:
    client = APIClient()
    response = client.post("/api/auth/token/", {"username": actor.user.username, "password": "x-pass-123"})
    assert response.status_code == 200, response.content
    client.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    return client


def _ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {f["id"] for f in json.loads(response.content)["features"]}


def test_a_wrong_password_gets_no_token(staff):
    response = APIClient().post(
        "/api/auth/token/", {"username": "t-pupr", "password": "salah"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400
    assert response.json()["detail"] == "Cannot sign in: wrong username or password."
    assert "non_field_errors" in response.json()["errors"]


def test_the_staff_queue_shows_each_role_what_it_may_see(staff):
    pupr = ReportFactory(status=S.DISPATCHED, opd=Opd.objects.get(code="PUPR"))
    dlh = ReportFactory(
        status=S.IN_PROGRESS, opd=Opd.objects.get(code="DLH"), category=Category.objects.get(code="sampah")
    )
    fresh = ReportFactory(status=S.RECEIVED)
    secret = ReportFactory(status=S.RECEIVED, category=Category.objects.get(code="pungli"))

    assert _ids(_client_for(staff["pupr"]).get("/api/staff/reports/")) == {pupr.id}
    assert _ids(_client_for(staff["operator"]).get("/api/staff/reports/")) == {pupr.id, dlh.id, fresh.id}
    assert _ids(_client_for(staff["covert"]).get("/api/staff/reports/")) == {secret.id}
    assert _ids(_client_for(staff["leadership"]).get("/api/staff/reports/")) == {pupr.id, dlh.id, fresh.id, secret.id}
    assert APIClient().get("/api/staff/reports/").status_code in (401, 403)


def test_staff_features_carry_clocks_and_overdue(staff):
    late = ReportFactory(
        status=S.DISPATCHED, opd=Opd.objects.get(code="PUPR"), response_due=timezone.now() - timezone.timedelta(hours=1)
    )
    body = json.loads(_client_for(staff["pupr"]).get("/api/staff/reports/", {"overdue": "true"}).content)
    (feature,) = body["features"]
    assert feature["id"] == late.id
    props = feature["properties"]
    assert props["overdue"] == "response" and props["opd"] == "PUPR" and "tracking_code" not in props


def test_transition_errors_speak_http(staff):
    client = _client_for(staff["pupr"])
    mine = ReportFactory(status=S.IN_PROGRESS, opd=Opd.objects.get(code="PUPR"))
    theirs = ReportFactory(status=S.IN_PROGRESS, opd=Opd.objects.get(code="DLH"))

    missing = client.post(f"/api/reports/{mine.id}/transitions/resolve/", {"note": ""})
    assert missing.status_code == 400 and set(missing.json()["errors"]) == {"note", "photo"}
    assert client.post(f"/api/reports/{mine.id}/transitions/verify/").status_code == 403
    assert client.post(f"/api/reports/{theirs.id}/transitions/acknowledge/").status_code == 404
    assert client.post("/api/reports/999999/transitions/acknowledge/").status_code == 404
    stale = client.post(
        f"/api/reports/{mine.id}/transitions/return_to_operator/", {"note": "x", "expected_status": "dispatched"}
    )
    assert stale.status_code == 409 and "Orang lain sudah menindaklanjuti" in stale.json()["detail"]

    photo = ("bukti.jpg", jpeg_bytes(), "image/jpeg")
    from django.core.files.uploadedfile import SimpleUploadedFile

    done = client.post(
        f"/api/reports/{mine.id}/transitions/resolve/",
        {"note": "Sudah ditambal", "photo": SimpleUploadedFile(*photo)},
        format="multipart",
    )
    assert done.status_code == 200, done.content
    assert json.loads(done.content)["properties"]["status"] == "resolved"
    events = client.get(f"/api/reports/{mine.id}/events/").json()
    assert events[-1]["transition"] == "resolve" and events[-1]["actor"] == "t-pupr"
    assert events[-1]["photo"].startswith("http://testserver/media/photos/")


def test_the_citizen_follows_and_answers_with_the_tracking_code(staff):
    report = ReportFactory(status=S.RECEIVED, created_at=timezone.now() - timezone.timedelta(days=3))
    report_received(report=report)
    from workflow.services.transitions import TransitionInput, report_transition

    report_transition(report_id=report.pk, name="verify", actor=staff["operator"])
    report_transition(report_id=report.pk, name="dispatch", actor=staff["operator"], data=TransitionInput(opd="DLH"))
    report_transition(
        report_id=report.pk,
        name="return_to_operator",
        actor=staff["dlh"],
        data=TransitionInput(note="rahasia internal"),
    )
    report_transition(report_id=report.pk, name="redispatch", actor=staff["operator"], data=TransitionInput(opd="PUPR"))
    report_transition(report_id=report.pk, name="acknowledge", actor=staff["pupr"])
    from geoportal.services.reports import Upload

    report_transition(
        report_id=report.pk,
        name="resolve",
        actor=staff["pupr"],
        data=TransitionInput(note="Sudah ditambal", photo=Upload(jpeg_bytes())),
    )
    client = APIClient()
    code = f"{report.tracking_code[:4].lower()}-{report.tracking_code[4:].lower()}"  # as a person types it
    tracked = client.get(f"/api/track/{code}/").json()
    steps = [step["to_status"] for step in tracked["timeline"]]
    assert steps == ["received", "verified", "dispatched", "dispatched", "in_progress", "resolved"]
    body = json.dumps(tracked)
    assert "rahasia internal" not in body and "t-pupr" not in body and "t-operator" not in body
    assert tracked["timeline"][-1]["note"] == "Sudah ditambal" and tracked["timeline"][-1]["photo"]
    assert tracked["can_reopen"] and tracked["can_close"]

    assert client.post(f"/api/track/{code}/transitions/verify/").status_code == 403
    reopened = client.post(f"/api/track/{code}/transitions/reopen/", {"note": "Masih berlubang"})
    assert reopened.status_code == 200 and reopened.json()["status"] == "reopened"
    assert client.get("/api/track/ZZZZ-ZZZZ/").status_code == 404


def test_an_opd_cannot_confirm_its_own_fix_as_the_citizen(staff, resolved):
    """Issue 13 (4): with the code in hand, an officer's token or session is refused at both citizen doors, in the
    user's language, and nothing is written; the citizen (no session, no token) then confirms."""
    from django.test import Client

    report = resolved
    code = report.tracking_code
    events = report.events.count()

    by_token = _client_for(staff["pupr"]).post(f"/api/track/{code}/transitions/close/", {}, HTTP_ACCEPT_LANGUAGE="id")
    assert by_token.status_code == 403 and "staf" in by_token.json()["detail"]
    session = Client(HTTP_ACCEPT_LANGUAGE="id")
    session.force_login(staff["pupr"].user)
    assert session.post(f"/api/track/{code}/transitions/close/", {}).status_code == 403
    page = session.post(f"/lacak/{code}/jawab/", {"action": "close", "expected_status": "resolved"}, follow=True)
    assert "Anda masuk sebagai staf" in page.content.decode()
    assert b'id="confirm"' not in session.get(f"/lacak/{code}/").content  # no answer buttons for staff
    report.refresh_from_db()
    assert report.status == S.RESOLVED and report.events.count() == events

    assert APIClient().post(f"/api/track/{code}/transitions/close/", {}).status_code == 200
    assert report.events.order_by("-id").first().actor_role == "citizen"
