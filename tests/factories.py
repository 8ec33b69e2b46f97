"""factory_boy factories and small helpers for tests."""

import io

import factory
from django.contrib.gis.geos import Point
from PIL import Image

from geoportal.models import Category, Desa, Report
from geoportal.states import ReportStatus
from geoportal.tracking import tracking_code_new

# Known places (see ../shared/data/trenggalek/README.md, "Point-in-polygon spot checks").
PRIGI_BEACH = (111.7208, -8.2872)  # Desa Tasikmadu, Kec. Watulimo
TOWN_CENTRE = (111.7086, -8.0506)  # Kel. Ngantru, Kec. Trenggalek
SEA_FAR = (111.60, -8.45)  # Indian Ocean, ~9 km offshore
PONOROGO = (111.462, -7.866)  # the neighbouring regency's town


class ReportFactory(factory.django.DjangoModelFactory):
    """A report placed inside a desa (by default Ngantru), in a public state unless told otherwise."""

    class Meta:
        model = Report

    class Params:
        desa_kode = "35.03.11.1003"

    tracking_code = factory.LazyFunction(tracking_code_new)
    category = factory.LazyFunction(lambda: Category.objects.get(code="jalan-rusak"))
    status = ReportStatus.VERIFIED
    desa = factory.LazyAttribute(lambda o: Desa.objects.select_related("kecamatan").get(kode=o.desa_kode))
    kecamatan = factory.LazyAttribute(lambda o: o.desa.kecamatan)
    location = factory.LazyAttribute(lambda o: o.desa.geom.point_on_surface)
    description = "Jalan berlubang"

    @classmethod
    def at(cls, lon: float, lat: float, **kwargs) -> Report:
        return cls(location=Point(lon, lat, srid=4326), **kwargs)


def jpeg_bytes(size=(120, 80), colour=(30, 120, 200), exif=None) -> bytes:
    out = io.BytesIO()
    image = Image.new("RGB", size, colour)
    image.save(out, "JPEG", **({"exif": exif} if exif is not None else {}))
    return out.getvalue()


def exif_with_gps(*, lon: float, lat: float, serial: str = "SN-CAMERA-4242", orientation: int | None = None):
    """EXIF as a phone writes it: GPS position, camera make/model and body serial number."""
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0110] = "PhoneModel X"  # Model
    if orientation:
        exif[0x0112] = orientation
    exif.get_ifd(0x8769)[0xA431] = serial  # BodySerialNumber
    gps = exif.get_ifd(0x8825)
    gps[1] = "S" if lat < 0 else "N"
    gps[2] = _dms(abs(lat))
    gps[3] = "W" if lon < 0 else "E"
    gps[4] = _dms(abs(lon))
    return exif


def _dms(value: float) -> tuple[float, float, float]:
    degrees = int(value)
    minutes_full = (value - degrees) * 60
    minutes = int(minutes_full)
    return (float(degrees), float(minutes), round((minutes_full - minutes) * 60, 4))
