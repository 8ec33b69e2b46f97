"""Public reports as Mapbox Vector Tiles, written by PostGIS (ST_AsMVT).

The citizen map switches to these tiles when the visible area holds more reports than a GeoJSON page can
carry. Up to zoom CELL_MAX_ZOOM a tile shows cells (32 px squares): one point per cell at its reports' centre
of mass, with how many wait, are being handled and are done, read from the cell pyramid that PostgreSQL keeps
up to date (geoportal.models.tiles), so its cost does not grow with the number of reports. From
CELL_MAX_ZOOM + 1 on, a tile holds the reports themselves. With a date filter the cells are counted from the
reports on the fly (the pyramid has no dates): correct, but slower over big areas.

Visibility is the feature list's (selectors.reports._where with the public audience): public statuses, no
confidential label, and every report where it is published (Report.public_location: sensitive labels on their
grid), which is also where it is searched, so a tile tells no more than the published points. Layer name: `reports`.
"""

from dataclasses import dataclass

from django.db import connection
from django.utils.translation import gettext as _
from psycopg2 import sql

from geoportal.models.tiles import CELL_MAX_ZOOM, CELL_MIN_ZOOM, CELLS_PER_TILE
from geoportal.progress import PROGRESS_GROUPS
from geoportal.selectors.reports import PUBLISHED, Audience, Columns, ReportFilters, _where
from geoportal.states import PUBLIC_STATUSES

MAX_ZOOM = 22
LAYER = "reports"
EXTENT = 4096
# Units of the 4096 extent around each tile (16 per screen px of a 256 px tile) whose points the tile also carries,
# so that a circle near an edge is drawn whole in both tiles: at least the largest circle the citizen map draws
# (static/geoportal/map.js tileStyle: a cell's radius up to 17.5 px and its stroke; a report's 7 px). At 4 px
# (64), circles were cut in half at tile edges.
BUFFER = 320  # 20 px
WORLD = 40075016.68557849  # Web Mercator's width in metres
HALF = WORLD / 2


@dataclass(frozen=True)
class TileAddress:
    z: int
    x: int
    y: int

    def __post_init__(self):
        # The messages reach the map's user as they are (the tile view answers 400 with them).
        if not 0 <= self.z <= MAX_ZOOM:
            raise ValueError(_("No such tile: the zoom must lie in 0..%s.") % MAX_ZOOM)
        if not (0 <= self.x < 2**self.z and 0 <= self.y < 2**self.z):
            message = _("No such tile: at zoom %(z)s, x and y must lie in 0..%(max)s.")
            raise ValueError(message % {"z": self.z, "max": 2**self.z - 1})


# Cells (of the tile's zoom) around a tile that may hold a cell centre within BUFFER of its edge: a cell's circle
# sits at its reports' centre of mass, anywhere inside the cell, so the whole ring of cells is read (or counted).
RING = -(-BUFFER * CELLS_PER_TILE // EXTENT)


# The report's point as the public may see it, in EPSG:3857.
_PUBLIC_POINT = f"ST_Transform(r.{PUBLISHED.location}, 3857)"


# The cells' counts per progress group (geoportal.progress), of the public statuses (the only ones the cells hold).
_PROGRESS_SQL = ", ".join(
    f"(sum(n) FILTER (WHERE status IN ({', '.join(repr(str(s)) for s in statuses if s in PUBLIC_STATUSES)})))::int"
    f" AS {name}"
    for name, statuses in PROGRESS_GROUPS.items()
)

# From rows (cx, cy, squad_id, status, n, sx, sy) of a CTE `parts` to one MVT point per cell, in one
# aggregation: its count, its progress, its centre of mass, and the colour of the squad of its largest part.
_CELLS_TAIL = f"""
, cells AS (
  SELECT cx, cy, sum(n)::int AS n, sum(sx) / sum(n) AS x, sum(sy) / sum(n) AS y, {_PROGRESS_SQL},
         (array_agg(squad_id ORDER BY n DESC))[1] AS squad_id
  FROM parts GROUP BY cx, cy HAVING sum(n) > 0
)
SELECT ST_AsMVT(t, '{LAYER}', {EXTENT}, 'geom') FROM (
  SELECT ST_AsMVTGeom(ST_SetSRID(ST_MakePoint(cells.x, cells.y), 3857), ST_TileEnvelope(%(z)s, %(x)s, %(y)s),
                      {EXTENT}, {BUFFER}, true) AS geom,
         'cell' AS kind, cells.n AS count, cells.waiting, cells.handling, cells.done, s.colour
  FROM cells JOIN geoportal_squad s ON s.id = cells.squad_id
) t WHERE geom IS NOT NULL
"""


# The cell pyramid's rows `g` (joined to their label `c`) carry the status and the published kecamatan: the feature
# list's public conditions apply to them as they are; the others (place, dates) are not asked of them.
_CELL_COLUMNS = Columns(row="g", kecamatan="kecamatan_id", created_at=None, opd=None, overdue=False)
_PUBLIC = Audience.public()


def report_tile_sql(*, tile: TileAddress, filters: ReportFilters) -> tuple[sql.Composable, dict]:
    """The one SQL statement that writes this tile, and its parameters (the benchmark times it bare)."""
    dated = bool(filters.created_from or filters.created_to)
    searched = tile.z > CELL_MAX_ZOOM or dated  # reports searched by place; else the cell pyramid
    # The same filters on the reports' columns or on the cells' (their placeholders are named alike).
    where, where_params = _where(filters, _PUBLIC, columns=None if searched else _CELL_COLUMNS, named="w")
    params: dict = {"z": tile.z, "x": tile.x, "y": tile.y, **where_params}
    # Tiles that search reports by place (dated ones, and past the pyramid) search the published points, with
    # the tile's buffer: a point near an edge is drawn whole in both tiles. A constant box, not a subquery: the
    # planner sees how much of the table it covers, and for a regency-wide tile with a date filter reads the
    # month by date instead of every report by place.
    # Counted into cells, the ring of cells around the tile is read whole, or a cell just outside the tile would be
    # counted (and placed) from the part of it that lies within the buffer.
    margin = BUFFER / EXTENT if tile.z > CELL_MAX_ZOOM else RING / CELLS_PER_TILE
    envelope = f"ST_Transform(ST_TileEnvelope(%(z)s, %(x)s, %(y)s, margin => {margin}), 4326)"
    public_location = f"r.{PUBLISHED.location}"
    if tile.z > CELL_MAX_ZOOM:
        statement = sql.Composed(
            [
                sql.SQL(f"""
            SELECT ST_AsMVT(t, '{LAYER}', {EXTENT}, 'geom') FROM (
              SELECT ST_AsMVTGeom({_PUBLIC_POINT}, ST_TileEnvelope(%(z)s, %(x)s, %(y)s), {EXTENT}, {BUFFER}, true)
                       AS geom,
                     'report' AS kind, r.id, r.status, s.colour
              FROM geoportal_report r JOIN geoportal_category c ON c.id = r.category_id
              JOIN geoportal_squad s ON s.id = c.squad_id
              WHERE """),
                where,
                sql.SQL(f""" AND {public_location} && {envelope}
            ) t WHERE geom IS NOT NULL"""),
            ]
        )
        return statement, params
    if dated:
        # No dates in the pyramid: count this tile's reports into cells on the fly.
        params["size"] = WORLD / (CELLS_PER_TILE * 2**tile.z)
        statement = sql.Composed(
            [
                sql.SQL(f"""
            WITH pts AS (
              SELECT {_PUBLIC_POINT} AS p, r.status, c.squad_id
              FROM geoportal_report r JOIN geoportal_category c ON c.id = r.category_id
              WHERE """),
                where,
                sql.SQL(f""" AND {public_location} && {envelope}
            ), parts AS (
              SELECT floor((ST_X(p) + {HALF}) / %(size)s)::int AS cx, floor(({HALF} - ST_Y(p)) / %(size)s)::int AS cy,
                     squad_id, status, count(*) AS n, sum(ST_X(p)) AS sx, sum(ST_Y(p)) AS sy
              FROM pts GROUP BY 1, 2, 3, 4
            ) {_CELLS_TAIL}"""),
            ]
        )
        return statement, params
    # The pyramid: below its lowest zoom, merge its cells 2^shift by 2^shift.
    level = max(tile.z, CELL_MIN_ZOOM)
    shift = level - tile.z
    span = CELLS_PER_TILE << shift
    ring = RING << shift  # the ring of the tile's cells around it, in the pyramid's cells
    params.update(level=level, shift=shift, x0=tile.x * span - ring, x1=(tile.x + 1) * span - 1 + ring)
    params.update(y0=tile.y * span - ring, y1=(tile.y + 1) * span - 1 + ring)
    statement = sql.Composed(
        [
            sql.SQL("""
        WITH parts AS (
          SELECT g.cx >> %(shift)s AS cx, g.cy >> %(shift)s AS cy, c.squad_id, g.status, g.n, g.sx, g.sy
          FROM geoportal_reportcell g JOIN geoportal_category c ON c.id = g.category_id
          WHERE g.z = %(level)s AND g.cy BETWEEN %(y0)s AND %(y1)s AND g.cx BETWEEN %(x0)s AND %(x1)s
            AND """),
            where,
            sql.SQL(f"""
        ) {_CELLS_TAIL}"""),
        ]
    )
    return statement, params


def report_tile(*, tile: TileAddress, filters: ReportFilters | None = None) -> bytes:
    """The tile's MVT bytes (empty when nothing public lies there)."""
    sql, params = report_tile_sql(tile=tile, filters=filters or ReportFilters())
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return bytes(cursor.fetchone()[0] or b"")
