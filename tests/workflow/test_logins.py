"""Guessing passwords: django-axes locks a username at one address, and an address that tries many usernames,
at every door that checks a password (the sign-in page, the admin's and the API's token endpoint)."""

import pytest
from django.contrib.auth import get_user_model
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

RIGHT = "x-pass-123"
OFFICE = "203.0.113.7"
HOME = "198.51.100.20"


def _web(client, username, password, address=OFFICE, **extra):
    return client.post("/masuk/", {"username": username, "password": password}, REMOTE_ADDR=address, **extra)


def _api(username, password, address=OFFICE, **extra):
    return APIClient().post(
        "/api/auth/token/", {"username": username, "password": password}, REMOTE_ADDR=address, **extra
    )


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_thirty_wrong_passwords_then_the_right_one_is_refused_at_the_sign_in_page(client, staff):
    for _ in range(30):
        _web(client, "t-pupr", "salah")
    response = _web(client, "t-pupr", RIGHT, HTTP_ACCEPT_LANGUAGE="id")
    assert response.status_code == 429
    assert not _signed_in(client)
    page = response.content.decode()
    assert 'id="lockout"' in page and "Terlalu banyak percobaan masuk yang gagal" in page
    assert "WIB" in page  # when to try again
    assert 850 <= int(response["Retry-After"]) <= 900


def test_the_lock_starts_at_the_fifth_failure_and_the_fourth_still_lets_the_right_password_in(client, staff):
    for _ in range(4):
        assert _web(client, "t-pupr", "salah").status_code == 200  # the form again, with its error
    assert _web(client, "t-pupr", RIGHT).status_code == 302 and _signed_in(client)
    client.logout()
    # a success forgets that pair's failures: four more typos still do not lock
    for _ in range(4):
        _web(client, "t-pupr", "salah")
    assert _web(client, "t-pupr", RIGHT).status_code == 302
    client.logout()
    for _ in range(5):
        last = _web(client, "t-pupr", "salah", HTTP_ACCEPT_LANGUAGE="en")
    assert last.status_code == 429 and "Too many failed sign-ins" in last.content.decode()


def test_the_lock_holds_the_username_at_that_address_only(client, staff):
    for _ in range(30):
        _web(client, "t-pupr", "salah", address=HOME)
    assert _web(client, "t-pupr", RIGHT, address=HOME).status_code == 429
    # someone guessing from elsewhere cannot lock the officer out of the office, nor a colleague at HOME
    assert _web(client, "t-pupr", RIGHT, address=OFFICE).status_code == 302
    client.logout()
    assert _web(client, "t-dlh", RIGHT, address=HOME).status_code == 302


def test_an_address_trying_many_usernames_is_locked_for_all_of_them(client, staff):
    for n in range(30):  # password spraying: 30 usernames, one guess each
        _web(client, f"nobody-{n}", "Trenggalek2026")
    assert _web(client, "t-pupr", RIGHT).status_code == 429
    assert not _signed_in(client)
    assert _web(client, "t-pupr", RIGHT, address=HOME).status_code == 302


def test_the_admin_sign_in_is_counted_and_locked_too(client, staff):
    user = get_user_model().objects.create_superuser("t-admin", password=RIGHT)
    for _ in range(5):
        client.post("/admin/login/", {"username": user.username, "password": "salah"}, REMOTE_ADDR=OFFICE)
    response = client.post("/admin/login/", {"username": user.username, "password": RIGHT}, REMOTE_ADDR=OFFICE)
    assert response.status_code == 429 and not _signed_in(client)


def test_thirty_wrong_passwords_then_the_right_one_get_no_token(staff):
    for _ in range(30):
        assert _api("t-pupr", "salah").status_code in (400, 429)
    response = _api("t-pupr", RIGHT, HTTP_ACCEPT_LANGUAGE="id")
    assert response.status_code == 429
    body = response.json()
    assert set(body) == {"detail", "errors"} and body["errors"] == {}
    assert body["detail"].startswith("Terlalu banyak percobaan masuk yang gagal") and "WIB" in body["detail"]
    assert int(response["Retry-After"]) > 0
    assert "token" not in body
    # the same policy as the web: the officer elsewhere still signs in
    assert _api("t-pupr", RIGHT, address=HOME).status_code == 200


def test_the_api_and_the_web_count_the_same_failures(client, staff):
    for _ in range(3):
        _api("t-pupr", "salah")
    for _ in range(2):
        _web(client, "t-pupr", "salah")
    assert _api("t-pupr", RIGHT).status_code == 429
    assert _web(client, "t-pupr", RIGHT).status_code == 429


@pytest.mark.parametrize(
    "fields",
    [
        {"username": "t-pupr\x00", "password": "salah"},
        {"username": "x" * 5000, "password": "salah"},
        {"username": "t-pupr", "password": "x" * 5000},
        {"username": "", "password": ""},
        {},
    ],
)
def test_malformed_sign_ins_are_refused_in_words(staff, client, fields):
    api = APIClient().post("/api/auth/token/", fields, REMOTE_ADDR=OFFICE, HTTP_ACCEPT_LANGUAGE="en")
    assert api.status_code == 400 and api.json()["detail"]
    web = client.post("/masuk/", fields, REMOTE_ADDR=OFFICE)
    assert web.status_code == 200 and not _signed_in(client)


def test_a_forged_address_header_neither_escapes_the_limit_nor_breaks(client, staff, settings):
    settings.CLIENT_ADDRESS_HEADER = "HTTP_X_REAL_IP"
    for n in range(5):
        _web(client, "t-pupr", "salah", HTTP_X_REAL_IP=f"not-an-address-{n}")
    assert _web(client, "t-pupr", RIGHT, HTTP_X_REAL_IP="garbage").status_code == 429
    assert _web(client, "t-pupr", RIGHT, HTTP_X_REAL_IP="192.0.2.44").status_code == 302
