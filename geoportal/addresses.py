"""The client's address, read once for every limit (report floods, tracking-code lookups, sign-in lockouts)."""

import ipaddress

from django.conf import settings
from django.http import HttpRequest

UNKNOWN = "0.0.0.0"


def client_address(request: HttpRequest) -> str:
    """settings.CLIENT_ADDRESS_HEADER's value: REMOTE_ADDR, or the header the proxy in front sets (X-Real-IP).

    A list (X-Forwarded-For) yields its last entry, the one the nearest proxy appended: earlier ones are the
    client's own words. Anything that is not an IP address (a missing or forged header) counts as one shared
    UNKNOWN address, so it neither escapes the limits nor breaks the database's inet columns."""
    value = (request.META.get(settings.CLIENT_ADDRESS_HEADER, "") or "").rsplit(",", 1)[-1].strip()
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return UNKNOWN
