import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from geoportal.models import Report
from geoportal.services.photos import photo_clean
from tests.factories import TOWN_CENTRE, exif_with_gps, jpeg_bytes


def _encode(image: Image.Image, fmt: str, **kwargs) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt, **kwargs)
    return out.getvalue()


def test_exif_gps_is_read_and_every_trace_of_metadata_is_gone_from_the_stored_bytes():
    original = jpeg_bytes(exif=exif_with_gps(lon=TOWN_CENTRE[0], lat=TOWN_CENTRE[1], serial="SN-CAMERA-4242"))
    assert b"SN-CAMERA-4242" in original and b"Exif" in original  # the test photo really carries them

    clean = photo_clean(data=original)

    assert clean.gps == pytest.approx(TOWN_CENTRE, abs=1e-5)
    for stored in (clean.image, clean.thumbnail):
        assert stored[:2] == b"\xff\xd8"
        assert b"Exif" not in stored
        assert b"SN-CAMERA-4242" not in stored
        assert b"PhoneMaker" not in stored
        with Image.open(io.BytesIO(stored)) as reopened:
            assert reopened.format == "JPEG"
            assert not reopened.getexif()


def test_the_phone_orientation_is_applied_before_the_tag_is_dropped():
    rotated = jpeg_bytes(size=(120, 80), exif=exif_with_gps(lon=111.7, lat=-8.05, orientation=6))
    clean = photo_clean(data=rotated)
    assert (clean.width, clean.height) == (80, 120)


def test_large_photos_are_scaled_down_and_get_a_thumbnail(settings):
    clean = photo_clean(data=jpeg_bytes(size=(4000, 3000)))
    assert (clean.width, clean.height) == (settings.PHOTO_STORED_MAX_SIDE, 1920)
    with Image.open(io.BytesIO(clean.thumbnail)) as thumb:
        assert max(thumb.size) == settings.PHOTO_THUMBNAIL_SIDE


@pytest.mark.parametrize("fmt", ["PNG", "WEBP", "HEIF"])
def test_png_webp_and_heic_are_accepted_as_jpeg(fmt):
    picture = Image.new("RGBA", (64, 48), (10, 200, 10, 128))
    clean = photo_clean(data=_encode(picture if fmt != "HEIF" else picture.convert("RGB"), fmt))
    assert (clean.width, clean.height) == (64, 48)
    assert clean.gps is None
    with Image.open(io.BytesIO(clean.image)) as stored:
        assert stored.format == "JPEG" and stored.mode == "RGB"


def test_a_decompression_bomb_is_refused():
    bomb = _encode(Image.new("1", (12_000, 12_000)), "PNG")  # 144 MP in a few kilobytes
    assert len(bomb) < 100_000
    with pytest.raises(ValidationError, match="too many pixels") as caught:
        photo_clean(data=bomb, name="bom.png")
    assert caught.value.code == "photo_too_many_pixels"


@pytest.mark.parametrize(
    "data",
    [b"%PDF-1.7 not a photo", b"", jpeg_bytes()[:200], _encode(Image.new("RGB", (8, 8)), "GIF")],
    ids=["pdf", "empty", "truncated-jpeg", "gif"],
)
def test_what_is_not_a_photo_is_refused_in_words(data):
    with pytest.raises(ValidationError, match="is not a photo we can read") as caught:
        photo_clean(data=data, name="lampiran.jpg")
    assert caught.value.code == "not_a_photo"
    assert "lampiran.jpg" in caught.value.messages[0]


def test_a_file_over_the_size_limit_is_refused_before_decoding(settings):
    settings.PHOTO_MAX_BYTES = 1_000
    with pytest.raises(ValidationError, match="too large") as caught:
        photo_clean(data=jpeg_bytes(size=(600, 600), colour=(1, 2, 3)) + b"\0" * 2000)
    assert caught.value.code == "photo_too_large"


def _truncated(fmt: str) -> bytes:
    # A photo with real detail (noise), cut off halfway through its pixel data, as a dropped upload leaves it.
    image = Image.effect_noise((640, 480), 80).convert("RGB")
    whole = _encode(image, fmt)
    return whole[: len(whole) // 2]


@pytest.mark.parametrize("fmt", ["JPEG", "PNG"])
def test_a_truncated_photo_is_refused_even_after_a_pdf_was_rendered(fmt, holidays):
    """WeasyPrint sets Pillow's LOAD_TRUNCATED_IMAGES for the whole process when it loads; the product's own rule
    must hold in a worker that has rendered the monthly PDF, and the global is given back as it was."""
    from PIL import ImageFile

    from reports_pdf.services import monthly_report_get

    monthly_report_get(year=2026, month=10)  # real WeasyPrint in this process
    assert ImageFile.LOAD_TRUNCATED_IMAGES is True  # what WeasyPrint left behind: the trap is armed

    with pytest.raises(ValidationError) as refused:
        photo_clean(data=_truncated(fmt), name="foto")
    assert refused.value.code == "not_a_photo"
    assert ImageFile.LOAD_TRUNCATED_IMAGES is True  # WeasyPrint's own setting is left as it found it

    from rest_framework.test import APIClient

    from tests.factories import TOWN_CENTRE

    answer = APIClient().post(
        "/api/reports/",
        {
            "category": "jalan-rusak",
            "latitude": TOWN_CENTRE[1],
            "longitude": TOWN_CENTRE[0],
            "photo": [SimpleUploadedFile("foto.jpg", _truncated(fmt), content_type="image/jpeg")],
        },
        format="multipart",
        HTTP_ACCEPT_LANGUAGE="id",
    )
    assert answer.status_code == 400
    assert "photo" in str(answer.json()) and not Report.objects.exists()
