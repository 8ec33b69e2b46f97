"""`Authorization: Token <key>` for the staff API (the QGIS plugin's header), with tokens that end."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed

from workflow.services.tokens import api_token_authenticate

KEYWORD = "Token"
ENDED = _("Your sign-in has ended (expired, revoked or the password changed). Sign in again.")


class ApiTokenAuthentication(BaseAuthentication):
    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != KEYWORD.lower().encode():
            return None  # not ours: the session (or nobody) then
        if len(parts) != 2:
            raise AuthenticationFailed(_("Send the header as `Authorization: Token <token>`."))
        try:
            key = parts[1].decode("ascii")
        except UnicodeError:
            raise AuthenticationFailed(ENDED) from None
        token = api_token_authenticate(key=key)
        if token is None:
            raise AuthenticationFailed(ENDED)
        return token.user, token

    def authenticate_header(self, request) -> str:
        return KEYWORD  # makes refusals 401 (with WWW-Authenticate), not 403


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = ApiTokenAuthentication
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": str(
                _(
                    "`Token <token>` from POST /api/auth/token/. It ends after API_TOKEN_IDLE_DAYS unused, "
                    "API_TOKEN_MAX_DAYS after sign-in, on sign-out and on a password change: then 401."
                )
            ),
        }
