"""Open311 writes: an application's key, and a citizen's report arriving through an application.

The report takes the one path every door takes (geoportal.services.reports.report_create): the same checks, photo
cleaning, place, workflow and audit trail as the web form. The application gets the report's number and the
tracking code (for the citizen it acts for: the code is the citizen's key, shown to nobody else)."""

import hashlib
import ipaddress
import secrets
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from geoportal.models import Report
from geoportal.services.rate_limits import Limit, rate_count
from geoportal.services.reports import Contact, Upload, photos_discard, report_create
from open311.errors import Open311Error
from open311.models import Open311Client, Open311Submission

PREFIX_LENGTH = 8
OPEN311 = "open311"
# report_create's fields -> the Open311 parameters the client sent.
_FIELDS = {
    "photos": "media",
    "video": "media",
    "category": "service_code",
    "location": "lat, long",
    "description": "description",
    "phone": "phone",
    "email": "email",
}


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def client_create(*, name: str, contact: str = "", media_hosts: str = "") -> tuple[Open311Client, str]:
    """A new application and its key, shown only now."""
    key = secrets.token_urlsafe(32)
    client = Open311Client.objects.create(
        name=name.strip()[:100],
        contact=contact.strip()[:200],
        media_hosts=media_hosts.strip()[:500],
        prefix=key[:PREFIX_LENGTH],
        key_hash=_hash(key),
    )
    return client, key


def client_key_renew(client: Open311Client) -> str:
    key = secrets.token_urlsafe(32)
    client.prefix, client.key_hash = key[:PREFIX_LENGTH], _hash(key)
    client.save(update_fields=["prefix", "key_hash"])
    return key


def client_authenticate(*, key: str) -> Open311Client | None:
    if not key or len(key) > 200 or "\x00" in key:
        return None
    client = Open311Client.objects.filter(key_hash=_hash(key), active=True).first()
    if client is not None and (
        client.last_used_at is None or timezone.now() - client.last_used_at > timedelta(minutes=1)
    ):
        Open311Client.objects.filter(pk=client.pk).update(last_used_at=timezone.now())
    return client


@dataclass(frozen=True)
class Open311Request:
    service_code: str
    lat: float | None
    lon: float | None
    description: str = ""
    email: str = ""
    phone: str = ""
    first_name: str = ""
    last_name: str = ""
    device_id: str = ""
    account_id: str = ""
    media: Upload | None = None
    media_url: str = ""


def request_create(*, client: Open311Client, request: Open311Request) -> Report:
    """Store the report an application sent, or raise Open311Error with one description per refused parameter."""
    wait = rate_count(
        scope=OPEN311,
        address=f"open311-client:{client.pk}",
        limits=[Limit(timedelta(hours=1), settings.OPEN311_REQUESTS_PER_HOUR)],
    )
    if wait:
        raise Open311Error(
            429,
            _("This application has sent many reports in the last hour. Try again in %(minutes)d minute(s).")
            % {"minutes": max(1, (wait + 59) // 60)},
            retry_after=wait,
        )
    if request.lat is None or request.lon is None:
        raise Open311Error(400, _("lat, long: give the location as coordinates (an address alone is not enough)."))
    photo = request.media or (media_fetch(url=request.media_url, client=client) if request.media_url else None)
    name = " ".join(part for part in (request.first_name, request.last_name) if part)
    contact = Contact(name=name, phone=request.phone, email=request.email)
    stored: list[str] = []
    try:
        with transaction.atomic():
            report = report_create(
                category=request.service_code,
                lon=request.lon,
                lat=request.lat,
                photos=[photo] if photo else [],
                description=request.description,
                contact=contact,
                channel=Report.Channel.API,
            )
            stored = [name for photo in report.photos.all() for name in (photo.image.name, photo.thumbnail.name)]
            Open311Submission.objects.create(
                report=report, client=client, device_id=request.device_id[:100], account_id=request.account_id[:100]
            )
    except ValidationError as exc:
        descriptions = [
            f"{_FIELDS.get(field, field)}: {message}"
            for field, messages in exc.message_dict.items()
            for message in messages
        ]
        raise Open311Error(400, *descriptions) from None
    except BaseException:
        photos_discard(stored)
        raise
    return report


def media_fetch(*, url: str, client: Open311Client) -> Upload:
    """The photo at `url`, fetched only from a host the administrator listed for this application, never from this
    server's own network (unless settings allow it: tests), at most PHOTO_MAX_BYTES, no redirects, a short timeout."""
    parts = urlsplit(url)
    hosts = {host.lower() for host in client.media_hosts.split()}
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise Open311Error(400, _("media_url: must be an http or https link to the photo."))
    if parts.hostname.lower() not in hosts:
        raise Open311Error(
            400, _("media_url: photos from %(host)s are not accepted for this application.") % {"host": parts.hostname}
        )
    try:
        addresses = {
            info[4][0] for info in socket.getaddrinfo(parts.hostname, parts.port or 443, type=socket.SOCK_STREAM)
        }
    except (OSError, UnicodeError):
        raise Open311Error(400, _("media_url: the photo's host could not be found.")) from None
    if not settings.OPEN311_MEDIA_ALLOW_PRIVATE and any(not ipaddress.ip_address(a).is_global for a in addresses):
        raise Open311Error(
            400, _("media_url: photos from %(host)s are not accepted for this application.") % {"host": parts.hostname}
        )
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(
            urllib.request.Request(url, headers={"User-Agent": "LaporTrenggalek-Open311"}), timeout=10
        ) as answer:
            data = answer.read(settings.PHOTO_MAX_BYTES + 1)
    except (urllib.error.URLError, OSError, ValueError):
        raise Open311Error(
            400, _("media_url: the photo could not be fetched. Send it as the media file instead.")
        ) from None
    if len(data) > settings.PHOTO_MAX_BYTES:
        raise Open311Error(400, _("media_url: the photo is too large."))
    return Upload(data=data, name=parts.path.rsplit("/", 1)[-1] or "photo")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None
