"""Counts of public reports per map cell, the pyramid behind the overview vector tiles.

At zooms CELL_MIN_ZOOM..CELL_MAX_ZOOM the map is cut into cells of 1/CELLS_PER_TILE of a tile (Web Mercator),
and each row counts the public reports of one label and status in one cell and kecamatan, with the sum of
their coordinates (for the centre of mass), all taken from each report's published place (Report.public_location
and public_kecamatan: sensitive labels on their grid). PostgreSQL keeps the rows in step with geoportal_report by
statement-level triggers (geoportal/sql/lapor_report_cells_*.sql), so a tile at a million reports reads a few
hundred rows instead of hundreds of thousands of points. Never written from Python.
"""

from django.db import models

CELL_MIN_ZOOM = 8
CELL_MAX_ZOOM = 17
CELLS_PER_TILE = 8  # a cell is 32 px of a 256 px tile: one circle each, little overlap


class ReportCell(models.Model):
    pk = models.CompositePrimaryKey("z", "cy", "cx", "kecamatan_id", "category_id", "status")
    z = models.SmallIntegerField()
    cx = models.IntegerField()
    cy = models.IntegerField()
    kecamatan_id = models.IntegerField()  # the published kecamatan
    category_id = models.IntegerField()
    status = models.CharField(max_length=20)
    n = models.IntegerField()
    # sums of the published points' EPSG:3857 coordinates
    sx = models.FloatField()
    sy = models.FloatField()

    class Meta:
        verbose_name = "report cell"
        verbose_name_plural = "report cells"
        default_permissions = ()

    def __str__(self) -> str:
        return f"z{self.z} {self.cx}/{self.cy}: {self.n}"
