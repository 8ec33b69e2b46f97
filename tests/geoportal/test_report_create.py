import re
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from geoportal.models import Report, ReporterContact, ReportPhoto
from geoportal.services.reports import Contact, Upload, report_create
from geoportal.tracking import PATTERN
from tests.factories import PONOROGO, PRIGI_BEACH, TOWN_CENTRE, exif_with_gps, jpeg_bytes

pytestmark = pytest.mark.django_db


def _files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_a_report_is_placed_stored_and_cleaned(settings):
    photo = jpeg_bytes(exif=exif_with_gps(lon=1, lat=1, serial="SERIAL-99"))
    report = report_create(
        category="jalan-rusak",
        lon=PRIGI_BEACH[0],
        lat=PRIGI_BEACH[1],
        photos=[Upload(photo, "IMG_0001.jpg"), Upload(jpeg_bytes(colour=(9, 9, 9)))],
        description="  Jalan berlubang dekat pantai  ",
        contact=Contact(name="Siti", phone="0812 3456 7890"),
    )
    report.refresh_from_db()
    assert report.status == "received"
    assert report.desa.nama == "Tasikmadu" and report.kecamatan.nama == "Watulimo"
    assert report.located == Report.Located.INSIDE
    assert report.description == "Jalan berlubang dekat pantai"
    assert report.contact.phone == "0812 3456 7890"

    assert re.fullmatch(PATTERN, report.tracking_code)
    photos = list(report.photos.all())
    assert [p.position for p in photos] == [0, 1]
    stored = Path(photos[0].image.path).read_bytes()
    assert b"SERIAL-99" not in stored and b"Exif" not in stored
    assert "IMG_0001" not in photos[0].image.name  # random names
    assert len(_files(Path(settings.MEDIA_ROOT))) == 4  # two photos, two thumbnails


def test_the_photo_gps_is_the_location_when_none_is_given():
    photo = jpeg_bytes(exif=exif_with_gps(lon=TOWN_CENTRE[0], lat=TOWN_CENTRE[1]))
    report = report_create(category="sampah", lon=None, lat=None, photos=[Upload(photo)])
    assert report.desa.nama == "Ngantru"
    assert report.location.x == pytest.approx(TOWN_CENTRE[0], abs=1e-5)


def test_a_location_outside_the_regency_is_refused_and_nothing_is_kept(settings):
    with pytest.raises(ValidationError) as caught:
        report_create(category="sampah", lon=PONOROGO[0], lat=PONOROGO[1], photos=[Upload(jpeg_bytes())])
    message = caught.value.message_dict["location"][0]
    assert "outside Kabupaten Trenggalek" in message and "22.1 km" in message
    assert Report.objects.count() == 0
    assert _files(Path(settings.MEDIA_ROOT)) == []


def test_every_missing_piece_is_named_at_once():
    with pytest.raises(ValidationError) as caught:
        report_create(
            category="tidak-ada", lon=None, lat=None, photos=[], contact=Contact(phone="abc", email="bukan-email")
        )
    errors = caught.value.message_dict
    assert set(errors) == {"photos", "category", "location", "phone", "email"}
    assert Report.objects.count() == 0


def test_a_bad_second_photo_refuses_the_whole_report(settings):
    with pytest.raises(ValidationError) as caught:
        report_create(
            category="sampah",
            lon=TOWN_CENTRE[0],
            lat=TOWN_CENTRE[1],
            photos=[Upload(jpeg_bytes()), Upload(b"GIF89a...", "kedua.gif")],
        )
    assert "kedua.gif" in caught.value.message_dict["photos"][0]
    assert Report.objects.count() == 0 and ReportPhoto.objects.count() == 0


def test_a_failure_while_storing_rolls_back_rows_and_files(settings, monkeypatch):
    calls = {"n": 0}
    original_save = ReportPhoto.save

    def failing_save(self, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError("disk full")
        return original_save(self, *args, **kwargs)

    monkeypatch.setattr(ReportPhoto, "save", failing_save)
    with pytest.raises(OSError, match="disk full"):
        report_create(
            category="sampah",
            lon=TOWN_CENTRE[0],
            lat=TOWN_CENTRE[1],
            photos=[Upload(jpeg_bytes()), Upload(jpeg_bytes(colour=(1, 1, 1)))],
            contact=Contact(email="warga@example.id"),
        )
    assert Report.objects.count() == 0 and ReporterContact.objects.count() == 0
    assert _files(Path(settings.MEDIA_ROOT)) == []


def test_an_anonymous_report_has_no_contact_row():
    report = report_create(
        category="sampah",
        lon=TOWN_CENTRE[0],
        lat=TOWN_CENTRE[1],
        photos=[Upload(jpeg_bytes())],
        contact=Contact(name="  "),
    )
    assert not ReporterContact.objects.filter(report=report).exists()


def test_the_citizen_reads_the_refusal_in_bahasa_indonesia():
    from django.utils import translation

    with translation.override("id"), pytest.raises(ValidationError) as caught:
        report_create(category="", lon=PONOROGO[0], lat=PONOROGO[1], photos=[])
    errors = caught.value.message_dict
    assert errors["photos"] == ["Tambahkan minimal satu foto masalahnya."]
    assert errors["category"] == ["Pilih label untuk masalah ini."]
    assert errors["location"][0].startswith("Lokasi ini berada di luar Kabupaten Trenggalek (sekitar 22.1 km")
