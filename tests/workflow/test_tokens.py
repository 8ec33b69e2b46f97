"""API tokens end: unused, too old, revoked, on sign-out and on a password change; their owner sees and revokes them."""

import hashlib
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from rest_framework.test import APIClient

from workflow.models import ApiToken
from workflow.services.tokens import api_token_create

pytestmark = pytest.mark.django_db

PASSWORD = "x-pass-123"


def _sign_in(actor, name="QGIS") -> tuple[APIClient, str]:
    response = APIClient().post(
        "/api/auth/token/", {"username": actor.user.username, "password": PASSWORD, "name": name}
    )
    assert response.status_code == 200, response.content
    key = response.json()["token"]
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client, key


def _works(client: APIClient) -> bool:
    response = client.get("/api/staff/reports/", {"limit": 1})
    assert response.status_code in (200, 401), response.content
    return response.status_code == 200


def test_a_token_is_stored_only_as_its_hash(staff):
    _client, key = _sign_in(staff["pupr"])
    token = ApiToken.objects.get()
    assert token.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert key not in {str(value) for value in ApiToken.objects.values_list(flat=False).get()}
    assert token.prefix == key[:8] and token.name == "QGIS" and token.user == staff["pupr"].user
    # a copy of the database opens nothing: the stored hash is not a key
    assert not _works(APIClient(HTTP_AUTHORIZATION=f"Token {token.key_hash}"))


def test_each_sign_in_is_its_own_token(staff):
    first, _ = _sign_in(staff["pupr"], "QGIS")
    second, _ = _sign_in(staff["pupr"], "laptop")
    assert _works(first) and _works(second)
    assert sorted(ApiToken.objects.values_list("name", flat=True)) == ["QGIS", "laptop"]


def test_an_unused_token_ends_after_the_idle_days(staff, settings):
    client, _ = _sign_in(staff["pupr"])
    assert _works(client)
    ApiToken.objects.update(last_used_at=timezone.now() - timedelta(days=settings.API_TOKEN_IDLE_DAYS, minutes=1))
    response = client.get("/api/staff/reports/", HTTP_ACCEPT_LANGUAGE="id")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert "masuk lagi" in response.json()["detail"].lower()
    assert not ApiToken.objects.exists()  # dropped


def test_a_token_in_use_still_ends_after_the_maximum_days(staff, settings):
    client, _ = _sign_in(staff["pupr"])
    now = timezone.now()
    ApiToken.objects.update(
        created_at=now - timedelta(days=settings.API_TOKEN_MAX_DAYS),
        expires_at=now - timedelta(seconds=1),
        last_used_at=now - timedelta(minutes=5),
    )
    response = client.get("/api/staff/reports/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 401 and "Sign in again" in response.json()["detail"]


def test_the_lifetimes_come_from_the_settings(staff, settings):
    settings.API_TOKEN_MAX_DAYS = 2
    settings.API_TOKEN_IDLE_DAYS = 0.5
    before = timezone.now()
    response = APIClient().post("/api/auth/token/", {"username": "t-pupr", "password": PASSWORD})
    assert response.json()["idle_days"] == 0.5
    token = ApiToken.objects.get()
    assert timedelta(days=2) <= token.expires_at - before < timedelta(days=2, seconds=5)
    assert token.name == "API"


def test_last_use_is_written_at_most_once_a_minute(staff, django_assert_num_queries):
    client, _ = _sign_in(staff["pupr"])
    assert _works(client)
    first = ApiToken.objects.get().last_used_at
    assert first is not None
    assert _works(client)
    assert ApiToken.objects.get().last_used_at == first
    ApiToken.objects.update(last_used_at=first - timedelta(minutes=2))
    assert _works(client)
    assert ApiToken.objects.get().last_used_at > first - timedelta(minutes=1)


def test_a_device_signs_itself_out(staff):
    client, _ = _sign_in(staff["pupr"])
    other, _ = _sign_in(staff["pupr"], "laptop")
    assert client.delete("/api/auth/token/").status_code == 204
    assert not _works(client)
    assert _works(other)  # only the token it was called with
    assert APIClient().delete("/api/auth/token/").status_code == 401


def test_signing_out_of_the_web_ends_the_accounts_api_tokens(client, staff):
    api, _ = _sign_in(staff["pupr"])
    colleague, _ = _sign_in(staff["dlh"])
    client.force_login(staff["pupr"].user)
    assert client.post("/keluar/").status_code == 302
    assert not _works(api)
    assert _works(colleague)


def test_a_password_change_ends_the_tokens_from_every_door(client, staff):
    api, _ = _sign_in(staff["pupr"])
    user = staff["pupr"].user
    user.set_password("a-new-pass-456")
    user.save()
    assert not _works(api)
    # and through the admin's password form
    admin = get_user_model().objects.create_superuser("t-admin", password=PASSWORD)
    api, _ = _sign_in(staff["dlh"])
    client.force_login(admin)
    response = client.post(
        f"/admin/auth/user/{staff['dlh'].user.pk}/password/",
        {"password1": "b-new-pass-789", "password2": "b-new-pass-789", "usable_password": "true"},
    )
    assert response.status_code == 302, response.content
    assert not _works(api)


def test_a_deactivated_account_token_stops(staff):
    api, _ = _sign_in(staff["pupr"])
    get_user_model().objects.filter(pk=staff["pupr"].user.pk).update(is_active=False)
    assert not _works(api)


@pytest.mark.parametrize(
    "header", ["Token", "Token a b", "Token \u00e9\u00e9", "Token nonsense", "Bearer nonsense", "Token " + "x" * 5000]
)
def test_malformed_tokens_are_refused_in_words(staff, header):
    response = APIClient().get("/api/staff/reports/", HTTP_AUTHORIZATION=header.encode().decode("latin-1"))
    assert response.status_code == 401
    assert response.json()["detail"]


def test_the_token_page_lists_and_revokes_only_the_users_own_tokens(client, staff):
    mine, _ = _sign_in(staff["pupr"], "QGIS kantor")
    _theirs, _ = _sign_in(staff["dlh"], "QGIS DLH")
    their_token = ApiToken.objects.get(user=staff["dlh"].user)
    client.force_login(staff["pupr"].user)
    page = client.get("/staf/token/", HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert "QGIS kantor" in page and "QGIS DLH" not in page
    assert their_token.prefix not in page
    assert 'href="/staf/token/"' in page  # linked from the header
    assert "Cabut" in page
    # another user's token id answers like a missing one, and stays
    assert client.post(f"/staf/token/{their_token.pk}/cabut/").status_code == 404
    assert client.post("/staf/token/99999999/cabut/").status_code == 404
    assert ApiToken.objects.filter(pk=their_token.pk).exists()
    # revoking one's own
    own = ApiToken.objects.get(user=staff["pupr"].user)
    assert client.get(f"/staf/token/{own.pk}/cabut/").status_code == 405
    assert client.post(f"/staf/token/{own.pk}/cabut/").status_code == 302
    assert not _works(mine)
    assert 'id="no-tokens"' in client.get("/staf/token/").content.decode()


def test_the_token_page_needs_a_signed_in_user(client):
    assert client.get("/staf/token/").status_code == 302
    assert client.post("/staf/token/1/cabut/").status_code == 302


def test_ended_tokens_are_not_listed(client, staff):
    token, _key = api_token_create(user=staff["pupr"].user, name="lama")
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now() - timedelta(days=365))
    client.force_login(staff["pupr"].user)
    assert "lama" not in client.get("/staf/token/").content.decode()
