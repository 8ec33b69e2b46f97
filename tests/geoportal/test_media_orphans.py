"""manage.py media_orphans: files no row names (a crash between writing a photo and the commit) are found and
removed; the files of stored reports, private PDFs with rows, and fresh files (an upload in progress) stay."""

import os
import time
from io import StringIO
from pathlib import Path

from django.conf import settings
from django.core.management import call_command

from geoportal.services.reports import Upload, report_create
from tests.factories import TOWN_CENTRE, jpeg_bytes


def _age(path: Path, seconds: float) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then))


def test_orphans_are_found_and_removed_and_nothing_else(db):
    report = report_create(
        category="jalan-rusak", lon=TOWN_CENTRE[0], lat=TOWN_CENTRE[1], photos=[Upload(jpeg_bytes())]
    )
    kept = [
        Path(settings.MEDIA_ROOT) / report.photos.get().image.name,
        Path(settings.MEDIA_ROOT) / report.photos.get().thumbnail.name,
    ]
    orphan = Path(settings.MEDIA_ROOT) / "photos" / "2026" / "12" / "half-written.jpg"
    orphan.write_bytes(b"\xff\xd8 cut off")
    private_orphan = Path(settings.PRIVATE_MEDIA_ROOT) / "monthly-reports" / "lost.pdf"
    private_orphan.parent.mkdir(parents=True)
    private_orphan.write_bytes(b"%PDF")
    fresh = Path(settings.MEDIA_ROOT) / "photos" / "2026" / "12" / "uploading.jpg"
    fresh.write_bytes(b"\xff\xd8 in progress")
    for path in [*kept, orphan, private_orphan]:
        _age(path, 7200)

    out = StringIO()
    call_command("media_orphans", stdout=out)
    assert "2 orphaned files" in out.getvalue()
    assert orphan.exists() and private_orphan.exists()  # listing deletes nothing

    out = StringIO()
    call_command("media_orphans", "--delete", stdout=out)
    assert "2 orphaned files removed" in out.getvalue()
    assert not orphan.exists() and not private_orphan.exists()
    assert all(path.exists() for path in kept)
    assert fresh.exists()

    call_command("media_orphans", "--delete", "--min-age", "0", stdout=StringIO())
    assert not fresh.exists()
    assert all(path.exists() for path in kept)
