"""Export files: CSV streamed from a server-side cursor, GeoPackage written by GDAL's ogr2ogr from PostGIS.

Both are built for large periods: the CSV's lines are written by PostgreSQL (geoportal.selectors.exports) and read
through a server-side cursor a few thousand at a time, so memory stays flat whatever the count; the GeoPackage is
written by ogr2ogr, which reads the same query from PostGIS in batches into a temporary file that is then streamed
and deleted. ogr2ogr connects as the web app's own (runtime) database role: it only reads.
"""

import csv
import io
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterable, Iterator
from datetime import datetime

from django.conf import settings
from django.db import connection, transaction
from django.http import FileResponse, StreamingHttpResponse

from geoportal.clocks import WIB
from geoportal.selectors.exports import ExportQuery

BOM = "\ufeff"  # Excel reads a CSV as UTF-8 only when it starts with the byte order mark
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
GEOPACKAGE_CONTENT_TYPE = "application/geopackage+sqlite3"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
FETCH_ROWS = 5000


class ExportFailed(Exception):
    """ogr2ogr could not write the file (its message is logged, not shown)."""


def csv_cell(value) -> str:
    """A cell a spreadsheet shows as text, never runs: text starting with = + - @, a tab or a carriage return gets a
    leading apostrophe (OWASP's CSV injection advice). The same rule as the SQL of geoportal.selectors.exports."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return "" if value is None else value


def export_filename(stem: str, extension: str) -> str:
    """`<stem>-<today in WIB>.<extension>`: the day the file was made, so downloads of different days differ."""
    return f"{stem}-{datetime.now(tz=WIB):%Y-%m-%d}.{extension}"


def _attachment(response, filename: str, *, public: bool):
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store" if public else "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _csv_lines(query: ExportQuery) -> Iterator[bytes]:
    yield (BOM + ",".join(c.name for c in query.columns) + "\r\n").encode()
    # A server-side cursor inside a transaction (not WITH HOLD, which would first materialise every row): rows come
    # as PostgreSQL produces them. The transaction ends when the last line is sent or the client goes away.
    with transaction.atomic(), connection.chunked_cursor() as cursor:
        cursor.execute(query.sql, query.params)
        while rows := cursor.fetchmany(FETCH_ROWS):
            yield ("\r\n".join(row[0] for row in rows) + "\r\n").encode()


def csv_response(query: ExportQuery, *, filename: str, public: bool) -> StreamingHttpResponse:
    """The query's CSV lines (UTF-8 with BOM, CRLF line ends), streamed."""
    response = StreamingHttpResponse(_csv_lines(query), content_type=CSV_CONTENT_TYPE)
    return _attachment(response, filename, public=public)


def csv_rows_response(header: list[str], rows: Iterable[list], *, filename: str, public: bool) -> StreamingHttpResponse:
    """Small tables built in Python (the dashboard's figures): the same CSV dialect, cells escaped by csv_cell."""

    def lines() -> Iterator[bytes]:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        buffer.write(BOM)
        writer.writerow(header)
        for row in rows:
            writer.writerow([csv_cell(value) for value in row])
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
        yield buffer.getvalue().encode()

    return _attachment(StreamingHttpResponse(lines(), content_type=CSV_CONTENT_TYPE), filename, public=public)


def _pg_environment() -> dict[str, str]:
    """libpq's variables for ogr2ogr: the connection's own settings (the runtime role), the password never on a
    command line."""
    db = connection.settings_dict
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    for variable, key in (
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
        ("PGUSER", "USER"),
        ("PGPASSWORD", "PASSWORD"),
        ("PGDATABASE", "NAME"),
    ):
        if db.get(key):
            env[variable] = str(db[key])
    if sslmode := db.get("OPTIONS", {}).get("sslmode"):
        env["PGSSLMODE"] = sslmode
    env["PGAPPNAME"] = "lapor-export"
    # It only reads; and it never waits forever behind a lock.
    env["PGOPTIONS"] = "-c default_transaction_read_only=on -c lock_timeout=60s"
    return env


def geopackage_write(query: ExportQuery, *, layer: str, path: str) -> None:
    """ogr2ogr: the query's rows from PostGIS into a GeoPackage layer (points, EPSG:4326, spatial index)."""
    with connection.cursor() as cursor:
        # The filter values are bound by psycopg's own quoting: ogr2ogr takes one SQL text.
        sql = cursor.mogrify(query.sql, query.params).decode()
    command = [
        settings.OGR2OGR,
        "-f",
        "GPKG",
        path,
        "PG:",
        "-sql",
        sql,
        "-nln",
        layer,
        "-nlt",
        "POINT",
        "-a_srs",
        "EPSG:4326",
        "-lco",
        "GEOMETRY_NAME=geom",
        "-lco",
        "FID=fid",
        "-gt",
        "65536",
        # A temporary file: no fsync after each transaction (it is deleted if anything fails).
        "--config",
        "OGR_SQLITE_SYNCHRONOUS",
        "OFF",
    ]
    done = subprocess.run(command, env=_pg_environment(), capture_output=True, text=True, timeout=3600)
    if done.returncode != 0 or not os.path.exists(path):
        raise ExportFailed(done.stderr[-2000:])


def geopackage_response(query: ExportQuery, *, layer: str, filename: str, public: bool) -> FileResponse:
    """Write the GeoPackage to a temporary file, then stream it; the file is gone from the disk once opened."""
    folder = tempfile.mkdtemp(prefix="lapor-export-")
    try:
        path = os.path.join(folder, "export.gpkg")
        geopackage_write(query, layer=layer, path=path)
        handle = open(path, "rb")  # noqa: SIM115 (FileResponse closes it when the last block is sent)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    response = FileResponse(handle, content_type=GEOPACKAGE_CONTENT_TYPE)
    return _attachment(response, filename, public=public)
