"""The citizen's pages speak plainly and tell the story in order; the desks stay on the report and offer the next."""

import re

import pytest

from geoportal.states import ReportStatus as S
from geoportal.tracking import tracking_code_display
from tests.factories import ReportFactory
from workflow.policies import Actor
from workflow.selectors import report_next_in_queue
from workflow.services.transitions import TransitionInput, report_received, report_transition

pytestmark = pytest.mark.django_db


def _track(client, report):
    return client.get(f"/lacak/{tracking_code_display(report.tracking_code)}/", HTTP_ACCEPT_LANGUAGE="id")


def test_citizens_read_plain_words_where_staff_keep_the_office_words(client, dispatched, staff):
    page = _track(client, dispatched).content.decode()
    assert re.search(r'id="status">Sudah diteruskan ke dinas<', page)
    assert "Diteruskan ke OPD" not in page and "Terverifikasi" not in page  # nor in the timeline
    assert "Menunggu dicek" in page and "Sudah dicek" in page
    api = client.get(f"/api/track/{dispatched.tracking_code}/", HTTP_ACCEPT_LANGUAGE="id").json()
    assert api["status_label"] == "Sudah diteruskan ke dinas"  # what "Laporan saya" shows
    assert [step["to_status_label"] for step in api["timeline"]] == [
        "Menunggu dicek",
        "Sudah dicek",
        "Sudah diteruskan ke dinas",
    ]
    client.force_login(staff["operator"].user)
    desk = client.get(f"/staf/laporan/{dispatched.pk}/", HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert re.search(r'id="status">Diteruskan ke OPD<', desk)


def test_open311_status_notes_are_the_citizen_words(client, dispatched):
    rows = client.get("/open311/v2/requests.json", HTTP_ACCEPT_LANGUAGE="id").json()
    (row,) = [row for row in rows if row["service_request_id"] == str(dispatched.pk)]
    assert row["status_notes"] == "Sudah diteruskan ke dinas"


def test_the_tracking_page_tells_the_proof_before_the_question_and_captions_whose_photo_is_whose(client, resolved):
    page = _track(client, resolved).content.decode()
    positions = [page.index(f'id="{part}"') for part in ("now", "proof", "answer", "history")]
    assert positions == sorted(positions)
    proof = re.search(r'<section class="card" id="proof">(.*?)</section>', page, re.S).group(1)
    assert "Foto bukti dari petugas" in proof and "WIB" in proof and "ok" in proof  # the officer's note
    assert "?tanda=" in proof  # a link signed for the citizen: proof photos are not public
    history = re.search(r'id="history">(.*?)</section>', page, re.S).group(1)
    assert "Foto bukti dari petugas" not in history  # shown once, above
    # the status line: status and code on lines of their own, no separator left dangling
    now = re.search(r'id="now">(.*?)</section>', page, re.S).group(1)
    assert "·" not in now and "Sudah dikerjakan" in now


def test_the_public_page_shows_no_proof_and_calls_the_photo_the_reporters(client, resolved):
    resolved.photos.create(kind="report", position=0, image="x.jpg", thumbnail="x_t.jpg", width=4, height=3)
    page = client.get(f"/laporan/{resolved.pk}/", HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert 'id="proof"' not in page and "Foto bukti" not in page
    assert "Foto dari pelapor" in page and "Foto dari Anda" not in page
    assert 'id="answer"' not in page


def test_a_reopened_report_shows_no_proof_above_the_timeline(client, resolved):
    report_transition(
        report_id=resolved.pk,
        name="reopen",
        actor=Actor.citizen(),
        data=TransitionInput(note="masih berlubang"),
    )
    page = _track(client, resolved).content.decode()
    assert 'id="proof"' not in page
    assert "Belum beres, dikerjakan lagi" in page


def test_an_action_on_the_desk_stays_on_the_report_and_the_last_one_offers_the_next(client, staff):
    first, second = ReportFactory(status=S.RECEIVED), ReportFactory(status=S.RECEIVED)
    for report in (first, second):
        report_received(report=report)
    client.force_login(staff["operator"].user)
    act = f"/staf/laporan/{first.pk}/tindak/"
    answer = client.post(act, {"action": "verify", "expected_status": "received"})
    assert answer.status_code == 302 and answer["Location"] == f"/staf/laporan/{first.pk}/"
    page = client.get(answer["Location"], HTTP_ACCEPT_LANGUAGE="id").content.decode()
    actions = re.findall(r'data-action="([a-z_]+)"', page)
    assert actions.index("dispatch") < actions.index("mark_duplicate") and actions[-1] == "mark_duplicate"
    assert 'id="next-report"' not in page  # there is still something to do here
    answer = client.post(act, {"action": "dispatch", "expected_status": "verified", "opd": "PUPR"})
    assert answer["Location"] == f"/staf/laporan/{first.pk}/"
    page = client.get(answer["Location"], HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert re.search(rf'id="next-report" href="/staf/laporan/{second.pk}/"', page)
    assert "Laporan berikutnya" in page


def test_a_report_the_officer_no_longer_holds_sends_them_back_to_the_desk(client, staff, dispatched):
    client.force_login(staff["pupr"].user)
    answer = client.post(
        f"/staf/laporan/{dispatched.pk}/tindak/",
        {"action": "return_to_operator", "expected_status": "dispatched", "note": "bukan kami"},
    )
    assert answer.status_code == 302 and answer["Location"] == "/staf/opd/"


def test_next_in_queue_prefers_the_queue_the_report_came_from(staff, dispatched):
    returned_one = ReportFactory(status=S.RECEIVED)
    report_received(report=returned_one)
    waiting = ReportFactory(status=S.RECEIVED)
    report_received(report=waiting)
    operator = staff["operator"]
    # the dispatched report came from screening: the next is the screening queue's first
    assert report_next_in_queue(actor=operator, report=dispatched) == returned_one.pk
    for name, data in (("verify", None), ("dispatch", TransitionInput(opd="PUPR"))):
        report_transition(report_id=returned_one.pk, name=name, actor=operator, **({"data": data} if data else {}))
    report_transition(
        report_id=returned_one.pk, name="return_to_operator", actor=staff["pupr"], data=TransitionInput(note="x")
    )
    report_transition(
        report_id=dispatched.pk, name="return_to_operator", actor=staff["pupr"], data=TransitionInput(note="y")
    )
    report_transition(report_id=dispatched.pk, name="redispatch", actor=operator, data=TransitionInput(opd="DLH"))
    # it came back from an OPD: the next is the other returned report, before the screening queue's
    assert report_next_in_queue(actor=operator, report=dispatched) == returned_one.pk
    assert report_next_in_queue(actor=staff["leadership"], report=dispatched) is None
