import json
import subprocess
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from geoportal.services.reports import Upload, report_create
from geoportal.services.videos import video_clean
from tests.factories import TOWN_CENTRE, jpeg_bytes


def _make_video(tmp_path: Path, *, seconds: int, suffix: str = ".mp4") -> bytes:
    """A real phone-like clip with a GPS position and a device name in its metadata."""
    target = tmp_path / f"clip{suffix}"
    codec = ["-c:v", "libx264", "-pix_fmt", "yuv420p"] if suffix == ".mp4" else ["-c:v", "libvpx"]
    subprocess.run(
        [
            "ffmpeg",
            "-v",
            "error",
            "-y",
            "-f",
            "lavfi",
            "-i",
            f"testsrc=duration={seconds}:size=320x240:rate=10",
            *codec,
            "-metadata",
            "location=-08.0506+111.7086/",
            "-metadata",
            "title=HP-Warga-SN12345",
            str(target),
        ],
        check=True,
    )
    return target.read_bytes()


def _tags(data: bytes, tmp_path: Path) -> dict:
    path = tmp_path / "check"
    path.write_bytes(data)
    out = subprocess.run(
        ["ffprobe", "-v", "error", "-print_format", "json", "-show_format", str(path)], capture_output=True, check=True
    )
    return json.loads(out.stdout)["format"].get("tags", {})


@pytest.mark.parametrize("suffix", [".mp4", ".webm"])
def test_metadata_is_stripped_and_a_poster_is_made(tmp_path, suffix):
    original = _make_video(tmp_path, seconds=2, suffix=suffix)
    assert "location" in {k.lower() for k in _tags(original, tmp_path)} or b"111.7086" in original
    clean = video_clean(data=original, name=f"klip{suffix}")
    tags = {k.lower(): v for k, v in _tags(clean.data, tmp_path).items()}
    assert "location" not in tags and "title" not in tags
    assert b"111.7086" not in clean.data and b"SN12345" not in clean.data
    assert clean.suffix == suffix and (clean.width, clean.height) == (320, 240)
    assert clean.poster[:2] == b"\xff\xd8" and 1.5 < clean.duration < 2.5


def test_a_long_video_is_refused(tmp_path, settings):
    settings.VIDEO_MAX_SECONDS = 1
    with pytest.raises(ValidationError, match="at most 1 seconds"):
        video_clean(data=_make_video(tmp_path, seconds=3), name="panjang.mp4")


def test_what_is_not_a_video_is_refused():
    with pytest.raises(ValidationError, match="not a video we can read"):
        video_clean(data=jpeg_bytes(), name="foto.mp4")


@pytest.mark.django_db
def test_a_report_keeps_its_cleaned_video(tmp_path, holidays):
    report = report_create(
        category="banjir",
        lon=TOWN_CENTRE[0],
        lat=TOWN_CENTRE[1],
        photos=[Upload(jpeg_bytes())],
        video=Upload(_make_video(tmp_path, seconds=2), "banjir.mp4"),
    )
    stored = Path(report.video.file.path).read_bytes()
    assert b"111.7086" not in stored
    assert report.video.poster.name.endswith(".jpg")
