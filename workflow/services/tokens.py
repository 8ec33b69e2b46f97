"""API tokens: sign in a device, recognise it on each request, end it (workflow.models.ApiToken)."""

import hashlib
import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone
from django.utils.crypto import constant_time_compare

from workflow.models import ApiToken

PREFIX_LENGTH = 8
# last_used_at is written at most this often per token: the idle clock counts days, not requests.
TOUCH_EVERY = timedelta(minutes=1)


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def api_token_ends_at(token: ApiToken) -> datetime:
    """When the token stops working if unused from now on: idle limit or absolute limit, whichever is first."""
    idle_from = token.last_used_at or token.created_at
    return min(token.expires_at, idle_from + timedelta(days=settings.API_TOKEN_IDLE_DAYS))


def _valid(token: ApiToken, now: datetime) -> bool:
    return (
        token.user.is_active
        and now < api_token_ends_at(token)
        # The password changed since this sign-in (from any door: admin, changepassword, a reset): ended.
        and constant_time_compare(token.password_check, token.user.get_session_auth_hash())
    )


def api_token_create(*, user: AbstractBaseUser, name: str = "") -> tuple[ApiToken, str]:
    """A new token for a user who has just proved their password; returns it and the key, shown only now."""
    key = secrets.token_urlsafe(32)
    now = timezone.now()
    token = ApiToken.objects.create(
        user=user,
        name=name.strip()[:100],
        prefix=key[:PREFIX_LENGTH],
        key_hash=_hash(key),
        password_check=user.get_session_auth_hash(),
        created_at=now,
        expires_at=now + timedelta(days=settings.API_TOKEN_MAX_DAYS),
    )
    ApiToken.objects.filter(expires_at__lte=now).delete()  # ended ones of anybody: nothing to keep
    return token, key


def api_token_authenticate(*, key: str) -> ApiToken | None:
    """The live token with this key (its last use noted), or None: unknown, revoked, ended or password changed."""
    if not key or "\x00" in key:
        return None
    token = ApiToken.objects.select_related("user").filter(key_hash=_hash(key)).first()
    if token is None:
        return None
    now = timezone.now()
    if not _valid(token, now):
        token.delete()
        return None
    if token.last_used_at is None or now - token.last_used_at >= TOUCH_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


def api_tokens_active(*, user: AbstractBaseUser) -> list[ApiToken]:
    """The user's tokens that still work, newest first (what the token page lists)."""
    now = timezone.now()
    tokens = list(ApiToken.objects.filter(user=user, expires_at__gt=now).select_related("user"))
    return [token for token in tokens if _valid(token, now)]


def api_token_revoke(*, user: AbstractBaseUser, token_id: int) -> bool:
    """End one of the user's own tokens; False when the user has no such token (another user's id included)."""
    deleted, _by_model = ApiToken.objects.filter(user=user, pk=token_id).delete()
    return bool(deleted)


def api_tokens_revoke_all(*, user: AbstractBaseUser) -> int:
    """End every token of the user (signing out of the web ends the API sign-ins too)."""
    deleted, _by_model = ApiToken.objects.filter(user=user).delete()
    return deleted
