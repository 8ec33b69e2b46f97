"""Administrative boundaries (Kemendagri codes): kabupaten > kecamatan > desa/kelurahan, in EPSG:4326."""

from django.contrib.gis.db import models
from django.utils.translation import gettext_lazy as _


class Area(models.Model):
    kode = models.CharField(_("code"), max_length=13, unique=True, help_text=_("Kemendagri code, e.g. 35.03.01"))
    nama = models.CharField(_("name"), max_length=100)
    geom = models.MultiPolygonField(_("boundary"), srid=4326)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True
        ordering = ["kode"]

    def __str__(self) -> str:
        return self.nama


class Kabupaten(Area):
    class Meta(Area.Meta):
        verbose_name = _("regency")
        verbose_name_plural = _("regencies")


class Kecamatan(Area):
    kabupaten = models.ForeignKey(Kabupaten, on_delete=models.PROTECT, related_name="kecamatan")

    class Meta(Area.Meta):
        verbose_name = _("district (kecamatan)")
        verbose_name_plural = _("districts (kecamatan)")


class Desa(Area):
    class Jenis(models.TextChoices):
        DESA = "desa", _("village (desa)")
        KELURAHAN = "kelurahan", _("urban village (kelurahan)")

    kecamatan = models.ForeignKey(Kecamatan, on_delete=models.PROTECT, related_name="desa")
    jenis = models.CharField(_("type"), max_length=10, choices=Jenis.choices, default=Jenis.DESA)

    class Meta(Area.Meta):
        verbose_name = _("village (desa/kelurahan)")
        verbose_name_plural = _("villages (desa/kelurahan)")

    def __str__(self) -> str:
        return f"{self.nama} ({self.kecamatan.nama})" if "kecamatan" in self.__dict__ else self.nama
