"""Guessing tracking codes: every door that opens a report by its code counts against one limit per address."""

from datetime import UTC, datetime
from types import SimpleNamespace
from urllib.parse import quote

import pytest

from geoportal.models import RateCount
from geoportal.services import rate_limits
from geoportal.services.rate_limits import Limit, rate_count
from geoportal.states import ReportStatus as S
from geoportal.tracking import tracking_code_new
from tests.factories import ReportFactory

pytestmark = pytest.mark.django_db

ATTACKER = "203.0.113.66"
NEIGHBOUR = "198.51.100.3"
# 10 s into a minute: a test never straddles two windows
NOW = datetime(2026, 12, 2, 3, 4, 10, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _frozen_clock(monkeypatch):
    monkeypatch.setattr(rate_limits, "timezone", SimpleNamespace(now=lambda: NOW))


def _doors(code: str):
    """Each door a tracking code opens, as (method, path, data)."""
    return [
        ("get", f"/lacak/{code}/", None),
        ("post", f"/lacak/{code}/jawab/", {"action": "close"}),
        ("get", "/", {"kode": code}),
        ("get", f"/api/track/{code}/", None),
        ("post", f"/api/track/{code}/transitions/close/", {}),
    ]


def _call(client, method, path, data, address, **extra):
    return getattr(client, method)(path, data or {}, REMOTE_ADDR=address, **extra)


def test_three_hundred_random_codes_from_one_address_are_cut_off_and_a_neighbour_is_not(client):
    answers = [client.get(f"/lacak/{tracking_code_new()}/", REMOTE_ADDR=ATTACKER).status_code for _ in range(300)]
    # a miss costs 3 of the 20 a minute allows: the 8th guess is refused, and every one after it
    assert answers[:7] == [404] * 7
    assert set(answers[7:]) == {429}
    report = ReportFactory(status=S.RESOLVED)
    assert client.get(f"/lacak/{report.tracking_code}/", REMOTE_ADDR=NEIGHBOUR).status_code == 200
    # even the right code is refused to the guesser until the window ends
    assert client.get(f"/lacak/{report.tracking_code}/", REMOTE_ADDR=ATTACKER).status_code == 429


def test_a_citizen_reading_their_own_report_has_twenty_a_minute(client):
    report = ReportFactory(status=S.RESOLVED)
    answers = [client.get(f"/lacak/{report.tracking_code}/", REMOTE_ADDR=ATTACKER).status_code for _ in range(25)]
    assert answers == [200] * 20 + [429] * 5


@pytest.mark.parametrize("door", range(5))
def test_every_door_counts_and_refuses_in_the_users_language(client, door):
    report = ReportFactory(status=S.RESOLVED)
    for _ in range(7):
        _call(client, "get", f"/api/track/{tracking_code_new()}/", None, ATTACKER)
    method, path, data = _doors(report.tracking_code)[door]
    response = _call(client, method, path, data, ATTACKER, HTTP_ACCEPT_LANGUAGE="id")
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    report.refresh_from_db()
    assert report.status == S.RESOLVED  # nothing was done
    if path.startswith("/api/"):
        body = response.json()
        assert set(body) == {"detail", "errors"} and body["errors"] == {}
        assert body["detail"].startswith("Terlalu banyak pencarian kode lacak")
    else:
        assert "Terlalu banyak pencarian kode lacak" in response.content.decode()
        assert response["Content-Type"].startswith("text/html")


def test_each_door_adds_to_the_same_count(client):
    report = ReportFactory(status=S.RESOLVED)
    for method, path, data in _doors(report.tracking_code) * 4:  # 20 calls, 4 at each door
        assert _call(client, method, path, data, ATTACKER).status_code != 429
    assert client.get(f"/api/track/{report.tracking_code}/", REMOTE_ADDR=ATTACKER).status_code == 429


def test_the_hourly_limit_holds_across_minutes(client, monkeypatch):
    report = ReportFactory(status=S.RESOLVED)
    answers = []
    for minute in range(6):
        at = NOW.replace(minute=minute)
        monkeypatch.setattr(rate_limits, "timezone", SimpleNamespace(now=lambda at=at: at))
        answers += [
            client.get(f"/api/track/{report.tracking_code}/", REMOTE_ADDR=ATTACKER).status_code for _ in range(20)
        ]
    assert answers.count(200) == 100 and answers[100:] == [429] * 20
    refused = client.get(f"/api/track/{report.tracking_code}/", REMOTE_ADDR=ATTACKER)
    assert 3000 < int(refused["Retry-After"]) <= 3600 - 5 * 60


def test_limits_come_from_the_settings(client, settings):
    settings.TRACKING_LOOKUPS_PER_MINUTE = 2
    settings.TRACKING_MISS_COST = 1
    code = tracking_code_new()
    assert [client.get("/", {"kode": code}, REMOTE_ADDR=ATTACKER).status_code for _ in range(3)] == [200, 200, 429]


def test_windows_are_counted_once_each_and_old_ones_are_pruned():
    limits = [Limit(window=rate_limits.timedelta(minutes=1), most=2)]
    assert [rate_count(scope="t", address=ATTACKER, limits=limits, now=NOW) for _ in range(4)] == [0, 0, 50, 50]
    assert RateCount.objects.get().count == 2  # refused requests are not counted
    assert RateCount.objects.get().sender != ATTACKER  # a salted hash, never the address
    later = NOW.replace(minute=9)
    assert rate_count(scope="t", address=ATTACKER, limits=limits, now=later) == 0
    assert list(RateCount.objects.values_list("started_at", "count")) == [(later.replace(second=0), 1)]


def test_a_malformed_code_is_a_miss_not_an_error(client):
    for n, code in enumerate(["\x00", "A" * 5000, "K7QM-4XD9\x00", "'; DROP TABLE x;--", "ZZZZ ZZZZ"]):
        address = f"198.51.100.{n + 10}"
        assert client.get(f"/api/track/{quote(code)}/", REMOTE_ADDR=address).status_code == 404
        assert client.get(f"/lacak/{quote(code)}/", REMOTE_ADDR=address).status_code == 404
        assert client.get("/", {"kode": code}, REMOTE_ADDR=address).status_code == 200


def test_refused_look_ups_do_not_prolong_the_wait_of_a_shared_address(client, monkeypatch):
    # Mobile networks put many phones behind one address: hammering it must not lock it for the whole hour.
    report = ReportFactory(status=S.RESOLVED)
    answers = [client.get(f"/api/track/{report.tracking_code}/", REMOTE_ADDR=ATTACKER).status_code for _ in range(120)]
    assert answers.count(200) == 20
    monkeypatch.setattr(rate_limits, "timezone", SimpleNamespace(now=lambda: NOW.replace(minute=5)))
    assert client.get(f"/api/track/{report.tracking_code}/", REMOTE_ADDR=ATTACKER).status_code == 200


def test_staff_typing_codes_are_limited_per_account_and_a_hidden_report_costs_like_a_missing_one(client, staff):
    from geoportal.models import Opd

    theirs = ReportFactory(status=S.DISPATCHED, opd=Opd.objects.get(code="DLH"))
    mine = ReportFactory(status=S.DISPATCHED, opd=Opd.objects.get(code="PUPR"))
    client.force_login(staff["pupr"].user)
    found = client.post("/staf/cari-kode/", {"kode": mine.tracking_code}, HTTP_ACCEPT_LANGUAGE="en")
    assert found["Location"] == f"/staf/laporan/{mine.pk}/"
    for _ in range(7):  # another OPD's report: "no such report", at a miss's price
        answer = client.post("/staf/cari-kode/", {"kode": theirs.tracking_code}, HTTP_ACCEPT_LANGUAGE="en")
        assert answer["Location"] == "/staf/opd/"
    page = client.post("/staf/cari-kode/", {"kode": mine.tracking_code}, HTTP_ACCEPT_LANGUAGE="en", follow=True)
    assert "Too many tracking-code look-ups" in page.content.decode()
    # counted per account, not per address: a colleague in the same office still looks up
    client.force_login(staff["dlh"].user)
    assert client.post("/staf/cari-kode/", {"kode": theirs.tracking_code})["Location"] == f"/staf/laporan/{theirs.pk}/"
