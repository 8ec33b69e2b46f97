"""Which stored file belongs to which report, and who may read it: the one file policy that every door handing out
photos, videos and private documents asks. Which staff member may see a report is reports_visible_to's rule;
this module only adds what is particular to files."""

import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from django.conf import settings
from django.core import signing
from django.db.models import Q

from geoportal.models import Report, ReportPhoto, ReportVideo
from geoportal.visibility import report_is_public
from workflow.models import Role
from workflow.policies import Actor, reports_visible_to

# The query parameter of a signed link to a file (the citizen's tracking page and API hand these out).
SIGNATURE_PARAM = "tanda"
_CITIZEN_SALT = "workflow.files.citizen"
# Stored names are <folder>/<yyyy>/<mm>/<uuid4 hex>.<ext>. Only that shape is looked up, so '..', backslashes,
# NUL bytes and absolute paths never reach the database or the disk.
_NAME = re.compile(r"(?:[A-Za-z0-9_-]+/){0,8}[A-Za-z0-9_-]+(?:\.[A-Za-z0-9]{1,8})?")
_NAME_MAX = 255


class Answer(Enum):
    PUBLIC = "public"  # anyone, and any cache: the name never changes and is never reused
    PRIVATE = "private"  # this requester only; nothing keeps a copy


@dataclass(frozen=True)
class StoredFile:
    """A photo, thumbnail, video or poster, and the report it belongs to."""

    name: str
    report_id: int
    citizens: bool  # the citizen's own photo, video or poster (not a proof photo of the fix)
    report_status: str
    report_confidential: bool

    @property
    def public(self) -> bool:
        return file_is_public(citizens=self.citizens, status=self.report_status, confidential=self.report_confidential)


def file_is_public(*, citizens: bool, status: str, confidential: bool) -> bool:
    """A citizen's photo or video of a public report is public. Proof photos (evidence of the fix, for the citizen
    who confirms it and for staff) and every file of a report the public may not see are not."""
    return citizens and report_is_public(status=status, confidential=confidential)


def stored_file_find(*, name: str) -> StoredFile | None:
    """The report file stored under this media name, or None (also for any name not shaped like a stored one)."""
    if len(name) > _NAME_MAX or not _NAME.fullmatch(name):
        return None
    report = ("report_id", "report__status", "report__category__confidential")
    # The indexes on each name column make this two index probes (geoportal migration 0008).
    photo = ReportPhoto.objects.filter(Q(image=name) | Q(thumbnail=name)).values_list("kind", *report).first()
    if photo is not None:
        kind, report_id, status, confidential = photo
        return StoredFile(name, report_id, kind == ReportPhoto.Kind.REPORT, status, confidential)
    video = ReportVideo.objects.filter(Q(file=name) | Q(poster=name)).values_list(*report).first()
    if video is not None:
        report_id, status, confidential = video
        return StoredFile(name, report_id, True, status, confidential)
    return None


def stored_file_answer(*, file: StoredFile, signature: str | None, actor: Callable[[], Actor | None]) -> Answer | None:
    """Who may read this file: anyone when it is public; else the holder of a valid signed link (the citizen
    whose tracking page handed it out) or a staff member who may see the report. None: answer as if missing.
    `actor` is asked only for files that are not public, so public answers never read a session."""
    if file.public:
        return Answer.PUBLIC
    if signature and _signature_valid(file.name, signature):
        return Answer.PRIVATE
    who = actor()
    if who is not None and reports_visible_to(who, Report.objects.filter(pk=file.report_id)).exists():
        return Answer.PRIVATE
    return None


def citizen_file_url(*, report: Report, field_file, citizens: bool) -> str:
    """The link the citizen holding the tracking code gets to one file of their report (`citizens`: their own
    photo, video or poster, not a proof photo): the plain, cacheable URL when the file is public, else one signed
    for this file alone that expires after MEDIA_SIGNATURE_MAX_AGE seconds."""
    url = field_file.url
    if file_is_public(citizens=citizens, status=report.status, confidential=report.category.confidential):
        return url
    signed = signing.TimestampSigner(salt=_CITIZEN_SALT).sign(field_file.name)
    return f"{url}?{SIGNATURE_PARAM}={signed[len(field_file.name) + 1 :]}"


def _signature_valid(name: str, signature: str) -> bool:
    try:
        signing.TimestampSigner(salt=_CITIZEN_SALT).unsign(
            f"{name}:{signature}", max_age=settings.MEDIA_SIGNATURE_MAX_AGE
        )
    except signing.BadSignature:  # also SignatureExpired
        return False
    return True


def monthly_report_readable(actor: Actor | None) -> bool:
    """The monthly PDF and exports with staff columns: leadership and administrators, never anyone else
    (PRODUCT.md, "Privacy and trust")."""
    return actor is not None and actor.role in (Role.LEADERSHIP, Role.ADMINISTRATOR)
