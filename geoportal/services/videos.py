"""Citizens' short videos: checked with ffprobe, re-muxed by ffmpeg without any metadata (GPS, device, dates),
and given a poster frame. No re-encoding: a phone's H.264/VP8/VP9/AV1 stream is kept as it is, so this is fast.
"""

import json
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from geoportal.services.photos import photo_clean, upload_size_check

CONTAINERS = {"mp4": ("mov,mp4,m4a,3gp,3g2,mj2", ".mp4"), "webm": ("matroska,webm", ".webm")}


@dataclass(frozen=True)
class CleanVideo:
    data: bytes
    suffix: str  # ".mp4" or ".webm"
    poster: bytes  # JPEG
    duration: float
    width: int
    height: int


def video_clean(*, data: bytes, name: str = "video") -> CleanVideo:
    upload_size_check(data=data, name=name, limit=settings.VIDEO_MAX_BYTES, code="video_too_large")
    with tempfile.TemporaryDirectory(prefix="lapor-video-") as folder:
        source = Path(folder) / "in"
        source.write_bytes(data)
        info = _probe(source, name)
        container = next(
            (key for key, (names, _s) in CONTAINERS.items() if info["format"]["format_name"] == names), None
        )
        video = next((s for s in info.get("streams", []) if s.get("codec_type") == "video"), None)
        if container is None or video is None:
            raise ValidationError(_not_a_video(name), code="not_a_video")
        duration = float(info["format"].get("duration") or 0)
        if duration > settings.VIDEO_MAX_SECONDS:
            raise ValidationError(
                _("%(name)s is %(seconds)d seconds long; send at most %(limit)d seconds.")
                % {"name": name, "seconds": round(duration), "limit": settings.VIDEO_MAX_SECONDS},
                code="video_too_long",
            )
        suffix = CONTAINERS[container][1]
        target = Path(folder) / f"out{suffix}"
        _ffmpeg(
            [
                "-i",
                str(source),
                "-map",
                "0:v:0",
                "-map",
                "0:a:0?",
                "-c",
                "copy",
                "-map_metadata",
                "-1",
                "-map_chapters",
                "-1",
                "-fflags",
                "+bitexact",
                *(["-movflags", "+faststart"] if suffix == ".mp4" else []),
                str(target),
            ],
            name,
        )
        poster_png = Path(folder) / "poster.png"
        _ffmpeg(["-ss", str(min(0.5, duration / 2)), "-i", str(source), "-frames:v", "1", str(poster_png)], name)
        poster = photo_clean(data=poster_png.read_bytes(), name=name).image
        return CleanVideo(
            data=target.read_bytes(),
            suffix=suffix,
            poster=poster,
            duration=duration,
            width=int(video.get("width") or 0),
            height=int(video.get("height") or 0),
        )


def _not_a_video(name: str) -> str:
    return _("%(name)s is not a video we can read. Send an MP4 or WebM video.") % {"name": name}


def _probe(path: Path, name: str) -> dict:
    result = subprocess.run(
        ["ffprobe", "-v", "error", "-print_format", "json", "-show_format", "-show_streams", str(path)],
        capture_output=True,
        timeout=30,
        check=False,
    )
    if result.returncode != 0:
        raise ValidationError(_not_a_video(name), code="not_a_video")
    return json.loads(result.stdout)


def _ffmpeg(arguments: list[str], name: str) -> None:
    result = subprocess.run(["ffmpeg", "-v", "error", "-y", *arguments], capture_output=True, timeout=120, check=False)
    if result.returncode != 0:
        raise ValidationError(_not_a_video(name), code="not_a_video")
