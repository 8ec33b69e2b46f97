"""MapServer 8 as the reference server of the feature-list benchmark (issue 7): what a GIS department would deploy.

    .venv/bin/python bench/mapserver.py [--database trenggalek_bench_x | --database-url URL] [--bbox ...] [--runs 10]

`mapserver_running(database_url, port=0)` writes a mapfile, a MapServer CONFIG file and a lighttpd configuration
into a temporary directory, serves the public reports of that database with Debian 12's MapServer 8.0.0 on
127.0.0.1 (`scripts/system-deps.sh bench` installs it), waits until it answers, and stops it on exit:

    with mapserver_running(database_url) as ref:
        body = urllib.request.urlopen(ref.items_url(bbox=(111.60, -8.12, 111.80, -8.00), limit=1000)).read()

Mode: FastCGI. lighttpd (mod_fastcgi, `max-procs`) spawns `/usr/lib/cgi-bin/mapserv` as 2 persistent FastCGI
processes (`processes=2`, like our gunicorn's 2 workers). Each keeps its PostgreSQL connection between requests
(`PROCESSING "CLOSE_CONNECTION=DEFER"`, MapServer's connection pool) and parses the small mapfile per request.
lighttpd 1.4.69 exits leaving the processes it spawned running, so on exit the context manager also stops its
process group and reaps them (the calling process is their child subreaper, PR_SET_CHILD_SUBREAPER, inside the
block): no process is left, not even a zombie.

URLs (GeoJSON, both give the same features; `limit` is capped at 5000, our endpoint's cap, without an error):

- `ref.items_url(bbox=, limit=)`: OGC API - Features,
  `http://127.0.0.1:PORT/mapserv/lapor/ogcapi/collections/reports/items?bbox=minx,miny,maxx,maxy&limit=N&f=json`
  (`lapor` is the mapfile's alias in the CONFIG file's MAPS; `oga_max_limit` 5000, MapServer's default 10,000).
- `ref.wfs_url(bbox=, limit=)`: WFS 2.0, `http://127.0.0.1:PORT/mapserv?MAP=lapor&SERVICE=WFS&VERSION=2.0.0
  &REQUEST=GetFeature&TYPENAMES=reports&OUTPUTFORMAT=geojson&COUNT=N
  &BBOX=minx,miny,maxx,maxy,urn:ogc:def:crs:OGC:1.3:CRS84` (GDAL's GeoJSON writer; `wfs_maxfeatures` 5000).

The layer is a DATA subquery doing what our public selector does: public statuses only, no confidential label,
the properties of `FLOOR_SQL` in `bench/features.py` (id, status, category, category_name, squad, colour,
icon, kecamatan, kecamatan_nama, desa, desa_nama, description, created_at as in our JSON, in UTC), each report's
published place (`public_location`, `public_desa_id`, `public_kecamatan_id`: sensitive labels on their grid) as
the endpoint publishes it, newest first (`ORDER BY created_at DESC, id DESC` inside the subquery). The bbox test
sits inside the subquery (`!BOX!`) on the indexed `public_location`, as in the endpoint; MapServer then adds no
spatial test of its own in SQL.

What MapServer 8.0.0 does with it (read in its SQL log, `--debug`; checked against FLOOR_SQL on 1M reports):

- Order and limit: it wraps the subquery, `SELECT ... FROM (... ORDER BY created_at DESC, id DESC) AS sub WHERE
  (true) LIMIT N` (WFS: `LIMIT N+1`), so the page is the newest N in that order: the same ids in the same order
  as FLOOR_SQL for limit 1000 and 5000 (OGC API has no `sortby` in 8.0: the order is the subquery's).
- OGC API runs the layer query twice per page: `SELECT COUNT(*) FROM (<the whole query, ORDER BY included>)` for
  `numberMatched`, over every match in the bbox (397,148 in the town bbox of 1M reports: most of the time of
  a page, ~0.8-1 s), then the page. Nothing turns it off in 8.0 (`oga_compute_number_matched` and
  `wfs_compute_number_matched` are ignored there). WFS 2.0 does not count unless `wfs_compute_number_matched`.
  The LEFT JOINs below let PostgreSQL drop the squad/kecamatan/desa joins from that count; the sort stays (a
  subquery with ORDER BY is not flattened).
- MapServer re-tests every returned geometry against the bbox in C (before 2 Dec 2026, when the bbox was tested
  on the exact point, a sensitive report whose snapped point fell outside was dropped after the LIMIT; now the
  bbox tests the published point, so nothing is).
- OGC API output: properties typed with `gml_types "auto"` (all strings without it), the Feature's `id` always
  a string, coordinates rounded *up* to 6 decimals (1e-6 off ST_AsGeoJSON for 3 features in 4), Content-Type
  `application/json`; its `next` link drops the bbox (`items?f=json&limit=N&offset=N`); `limit=0` gives 10.
  The WFS GeoJSON has the same coordinates and created_at text as FLOOR_SQL, typed properties, no Feature id.
- With `!BOX!` in DATA and no other filter 8.0 writes `WHERE  LIMIT n` (a syntax error): `NATIVE_FILTER=true`
  fills the WHERE. 8.0 reads its CONFIG file from `MAPSERVER_CONFIG_FILE` (not `MS_CONFIG_FILE`); without
  one every request answers HTTP 200 with an HTML error page.

Measured (23 Nov 2026, 1,000,000 reports, bbox 111.60,-8.12,111.80,-8.00, the 2 cores shared with other jobs):
OGC API 1,000 features 1.2-1.5 s, 5,000 1.3-2.2 s (the COUNT); WFS 1,000 50-130 ms, 5,000 170-500 ms;
FLOOR_SQL alone at the same time 36-83 ms and 88-360 ms. A benchmark helper, not a test.
"""

import argparse
import ctypes
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import unquote, urlencode, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._common import cluster_url, free_port, median  # noqa: E402
from geoportal.states import PUBLIC_STATUSES  # noqa: E402 - plain constants, no Django setup needed

MAPSERV = "/usr/lib/cgi-bin/mapserv"
LIGHTTPD = "/usr/sbin/lighttpd"
ALIAS = "lapor"
COLLECTION = "reports"
MAX_LIMIT = 5000  # as our endpoint's `limit`
TRENGGALEK_EXTENT = (111.3, -8.45, 111.95, -7.85)  # the collection's advertised extent (lon/lat)
PR_SET_CHILD_SUBREAPER, PR_GET_CHILD_SUBREAPER = 36, 37  # <linux/prctl.h>

# One row per public report in the request's bbox, with the endpoint's properties, newest first. The LEFT JOINs
# give the same rows as inner joins (NOT NULL foreign keys) but let PostgreSQL drop them from MapServer's COUNT(*).
LAYER_SQL = """SELECT r.id, r.public_location AS geom,
  r.status, c.code AS category, c.name AS category_name, s.code AS squad, s.colour, c.icon,
  k.kode AS kecamatan, k.nama AS kecamatan_nama, d.kode AS desa, d.nama AS desa_nama, r.description,
  to_json(r.created_at) #>> '{{}}' AS created_at
FROM geoportal_report r JOIN geoportal_category c ON c.id = r.category_id
LEFT JOIN geoportal_squad s ON s.id = c.squad_id LEFT JOIN geoportal_kecamatan k ON k.id = r.public_kecamatan_id
LEFT JOIN geoportal_desa d ON d.id = r.public_desa_id
WHERE r.status IN ({statuses}) AND NOT c.confidential AND r.public_location && !BOX!
ORDER BY r.created_at DESC, r.id DESC"""
PROPERTIES = (
    "id",
    "status",
    "category",
    "category_name",
    "squad",
    "colour",
    "icon",
    "kecamatan",
    "kecamatan_nama",
    "desa",
    "desa_nama",
    "description",
    "created_at",
)

BBox = tuple[float, float, float, float]


@dataclass(frozen=True)
class MapServerRef:
    """A running MapServer: where to ask for a bbox page of public reports as GeoJSON."""

    base_url: str  # the OGC API root, http://127.0.0.1:PORT/mapserv/lapor/ogcapi
    port: int
    processes: int  # mapserv FastCGI processes
    workdir: Path  # mapfile, CONFIG file, lighttpd configuration and logs (removed on exit)

    def items_url(self, *, bbox: BBox, limit: int) -> str:
        """OGC API - Features items: the newest `limit` (≤ 5000) public reports in bbox (lon/lat) as GeoJSON."""
        query = urlencode({"bbox": ",".join(f"{v:g}" for v in bbox), "limit": limit, "f": "json"})
        return f"{self.base_url}/collections/{COLLECTION}/items?{query}"

    def wfs_url(self, *, bbox: BBox, limit: int) -> str:
        """The same page through WFS 2.0 GetFeature as GeoJSON (no numberMatched count: see the module doc)."""
        query = urlencode(
            {
                "MAP": ALIAS,  # 8.0 takes the alias from the path for OGC API only
                "SERVICE": "WFS",
                "VERSION": "2.0.0",
                "REQUEST": "GetFeature",
                "TYPENAMES": COLLECTION,
                "OUTPUTFORMAT": "geojson",
                "COUNT": limit,
                "BBOX": ",".join(f"{v:g}" for v in bbox) + ",urn:ogc:def:crs:OGC:1.3:CRS84",  # lon/lat order
            }
        )
        return f"http://127.0.0.1:{self.port}/mapserv?{query}"

    def candidates(self, *, bbox: BBox, limit: int) -> list[tuple[str, str]]:
        """The benchmarks' two MapServer candidates for one page: (name, path on this server's root)."""
        return [
            (name, url.split(str(self.port), 1)[1])
            for name, url in (
                ("MapServer 8 OGC API Features (+count)", self.items_url(bbox=bbox, limit=limit)),
                ("MapServer 8 WFS 2.0 GeoJSON", self.wfs_url(bbox=bbox, limit=limit)),
            )
        ]


def _mapfile_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _libpq_value(value: str) -> str:
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def postgis_connection(database_url: str) -> str:
    """The libpq connection string of a `postgis://user:pass@host:port/db` URL (sessions in UTC, as Django's)."""
    url = urlsplit(database_url)
    parts = {
        "host": url.hostname or "127.0.0.1",
        "port": str(url.port or 5432),
        "dbname": unquote(url.path.lstrip("/")),
        "user": unquote(url.username or ""),
        "password": unquote(url.password or ""),
        "application_name": "mapserver-bench",
        "options": "-c TimeZone=UTC",
    }
    return " ".join(f"{key}={_libpq_value(value)}" for key, value in parts.items() if value)


def _mapfile(database_url: str, workdir: Path, port: int, debug: bool) -> str:
    statuses = ", ".join(f"'{status}'" for status in sorted(PUBLIC_STATUSES))
    sql = " ".join(LAYER_SQL.format(statuses=statuses).split())
    data = f"geom FROM ({sql}) AS sub USING UNIQUE id USING SRID=4326"
    extent = " ".join(map(str, TRENGGALEK_EXTENT))
    debug_lines = f'CONFIG "MS_ERRORFILE" {_mapfile_string(str(workdir / "mapserver.log"))}\n  DEBUG 5' if debug else ""
    return f"""MAP
  NAME "lapor"
  EXTENT {extent}
  UNITS DD
  PROJECTION "init=epsg:4326" END
  {debug_lines}
  WEB
    METADATA
      "ows_srs" "EPSG:4326"
      "oga_enable_request" "*"
      "oga_title" "Lapor Trenggalek"
      "oga_description" "Laporan warga yang publik"
      "oga_onlineresource" "http://127.0.0.1:{port}/mapserv/{ALIAS}/ogcapi"
      "oga_max_limit" "{MAX_LIMIT}"
      "wfs_enable_request" "*"
      "wfs_title" "Lapor Trenggalek"
      "wfs_onlineresource" "http://127.0.0.1:{port}/mapserv?MAP={ALIAS}&"
      "wfs_getfeature_formatlist" "geojson"
      "wfs_maxfeatures" "{MAX_LIMIT}"
    END
  END
  OUTPUTFORMAT
    NAME "geojson"
    DRIVER "OGR/GEOJSON"
    MIMETYPE "application/geo+json"
    FORMATOPTION "STORAGE=stream"
    FORMATOPTION "FORM=SIMPLE"
    FORMATOPTION "LCO:COORDINATE_PRECISION=6"
  END
  LAYER
    NAME "{COLLECTION}"
    TYPE POINT
    STATUS ON
    {"DEBUG 5" if debug else ""}
    EXTENT {extent}
    PROJECTION "init=epsg:4326" END
    CONNECTIONTYPE POSTGIS
    CONNECTION {_mapfile_string(postgis_connection(database_url))}
    DATA {_mapfile_string(data)}
    PROCESSING "CLOSE_CONNECTION=DEFER"
    PROCESSING "NATIVE_FILTER=true"
    TEMPLATE "unused"
    METADATA
      "oga_title" "Laporan publik"
      "oga_description" "Laporan publik, terbaru dulu"
      "oga_featureid" "id"
      "wfs_featureid" "id"
      "gml_include_items" "{",".join(PROPERTIES)}"
      "gml_types" "auto"
    END
  END
END
"""


def _config(mapfile: Path) -> str:
    return f"""CONFIG
  ENV
    MS_MAP_NO_PATH "1"
  END
  MAPS
    {ALIAS} {_mapfile_string(str(mapfile))}
  END
END
"""


def _lighttpd_conf(workdir: Path, port: int, processes: int, config_file: Path) -> str:
    return f"""server.modules = ("mod_fastcgi")
server.bind = "127.0.0.1"
server.port = {port}
server.document-root = "{workdir / "www"}"
server.errorlog = "{workdir / "lighttpd.log"}"
server.upload-dirs = ("{workdir}")
fastcgi.server = ("/mapserv" => ((
  "bin-path" => "{MAPSERV}",
  "socket" => "{workdir / "mapserv.sock"}",
  "max-procs" => {processes},
  "check-local" => "disable",
  "bin-environment" => ("MAPSERVER_CONFIG_FILE" => "{config_file}"),
)))
"""


def _group_alive(pgid: int) -> bool:
    """Whether a process of group `pgid` still runs (a zombie has stopped; its parent has yet to reap it)."""
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            return True
    return False


def _reap(pgid: int) -> None:
    """Collect the exit status of our children in group `pgid` (the orphaned mapserv processes we adopted)."""
    while True:
        try:
            pid, _status = os.waitpid(-pgid, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def _child_subreaper(on: bool) -> bool:
    """Make this process adopt its orphaned descendants (Linux), so that it can reap the mapserv processes
    lighttpd leaves behind instead of leaving zombies to init; returns the previous setting."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        previous = ctypes.c_int(0)
        libc.prctl(PR_GET_CHILD_SUBREAPER, ctypes.byref(previous), 0, 0, 0)
        libc.prctl(PR_SET_CHILD_SUBREAPER, int(on), 0, 0, 0)
        return bool(previous.value)
    except (OSError, AttributeError):
        return on


def _stop(process: subprocess.Popen, timeout: float = 10.0) -> None:
    """Stop lighttpd, then the mapserv processes it spawned (lighttpd 1.4.69 exits leaving them running). Its
    process group, made by start_new_session, holds only lighttpd and those processes."""
    if process.poll() is None:
        process.send_signal(signal.SIGINT)  # graceful: finish running requests, then exit
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    deadline = time.monotonic() + timeout
    while True:
        _reap(process.pid)
        if not _group_alive(process.pid):
            break
        try:
            os.killpg(process.pid, signal.SIGTERM if time.monotonic() < deadline else signal.SIGKILL)
        except ProcessLookupError:
            break
        time.sleep(0.05)
    _reap(process.pid)


def _wait_until_answering(ref: MapServerRef, process: subprocess.Popen, timeout: float = 30.0) -> None:
    """Wait for a first page (one feature through WFS: no count) to come back as GeoJSON from the database."""
    url = ref.wfs_url(bbox=TRENGGALEK_EXTENT, limit=1)
    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            log = "\n".join(
                path.read_text(errors="replace") for path in ref.workdir.glob("lighttpd*.log") if path.exists()
            )
            raise RuntimeError(f"lighttpd exited with {process.returncode}:\n{log}")
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                body = response.read()
        except urllib.error.HTTPError as exc:  # up, but refusing: say why (e.g. the database is unreachable)
            body = exc.read()
            message = body.decode(errors="replace")[:2000]
            raise RuntimeError(f"MapServer answered {url} with {exc.code}:\n{message}") from None
        except (urllib.error.URLError, ConnectionError, TimeoutError) as exc:
            if time.monotonic() > deadline:
                raise RuntimeError(f"MapServer did not answer {url} within {timeout:.0f} s: {exc}") from exc
            time.sleep(0.1)
            continue
        if not body.lstrip().startswith(b"{"):  # MapServer reports errors as an HTML page with status 200
            raise RuntimeError(f"MapServer answered {url} with:\n{body.decode(errors='replace')[:2000]}")
        return


@contextmanager
def mapserver_running(
    database_url: str, port: int = 0, *, processes: int = 2, debug: bool = False
) -> Iterator[MapServerRef]:
    """Serve the public reports of `database_url` (postgis://…) with MapServer 8, FastCGI behind lighttpd, on
    127.0.0.1:`port` (0: a free one) until the block ends. `debug` logs MapServer's SQL to workdir/mapserver.log
    (slow: not for timing)."""
    for binary in (MAPSERV, LIGHTTPD):
        if not os.access(binary, os.X_OK):
            raise RuntimeError(f"{binary} is missing: run scripts/system-deps.sh bench")
    port = port or free_port()
    workdir = Path(tempfile.mkdtemp(prefix="mapserver-bench-"))  # 0700: the mapfile holds the password
    process = None
    was_subreaper = _child_subreaper(True)
    try:
        (workdir / "www").mkdir()
        mapfile = workdir / "lapor.map"
        mapfile.write_text(_mapfile(database_url, workdir, port, debug))
        config_file = workdir / "mapserver.conf"
        config_file.write_text(_config(mapfile))
        conf = workdir / "lighttpd.conf"
        conf.write_text(_lighttpd_conf(workdir, port, processes, config_file))
        with open(workdir / "lighttpd-stderr.log", "wb") as stderr:
            process = subprocess.Popen(
                [LIGHTTPD, "-D", "-f", str(conf)],
                stdin=subprocess.DEVNULL,
                stdout=stderr,
                stderr=stderr,
                start_new_session=True,  # its own process group: it and its FastCGI processes, nothing else
            )
        ref = MapServerRef(
            base_url=f"http://127.0.0.1:{port}/mapserv/{ALIAS}/ogcapi", port=port, processes=processes, workdir=workdir
        )
        _wait_until_answering(ref, process)
        yield ref
    finally:
        if process is not None:
            _stop(process)
        if not was_subreaper:
            _child_subreaper(False)
        shutil.rmtree(workdir, ignore_errors=True)


def _fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=120) as response:
        return response.read()


def _check(body: bytes, limit: int) -> tuple[int, str, str]:
    """How many features a page holds, what is wrong with it (nothing: up to `limit` public reports with all the
    endpoint's properties, newest first) and what to know (fewer than asked: snapped points outside the bbox)."""
    try:
        page = json.loads(body)
    except ValueError:
        return 0, f"not JSON: {body[:300]!r}", ""
    features = page.get("features") or []
    problems = []
    if not 0 < len(features) <= limit:
        problems.append(f"{len(features)} features")
    missing = {key for feature in features for key in PROPERTIES if key not in feature.get("properties", {})}
    if missing:
        problems.append(f"properties missing: {sorted(missing)}")
    else:
        stamps = [datetime.fromisoformat(feature["properties"]["created_at"]) for feature in features]
        if any(a < b for a, b in zip(stamps, stamps[1:], strict=False)):
            problems.append("not newest first")
    note = f"{limit - len(features)} fewer than asked" if 0 < len(features) < limit else ""
    return len(features), "; ".join(problems), note


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", help="a database of the project's cluster (default: the cluster's own)")
    parser.add_argument("--database-url", help="postgis://user:pass@host:port/db (instead of --database)")
    parser.add_argument("--bbox", default="111.60,-8.12,111.80,-8.00", help="minlon,minlat,maxlon,maxlat")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--processes", type=int, default=2, help="mapserv FastCGI processes")
    parser.add_argument("--debug", action="store_true", help="print MapServer's SQL log (DEBUG 5, slow)")
    args = parser.parse_args()
    database_url = args.database_url
    if not database_url:
        database_url = cluster_url()
        if args.database:
            database_url = urlunsplit(urlsplit(database_url)._replace(path=f"/{args.database}"))
    bbox = tuple(float(v) for v in args.bbox.split(","))
    failed = False
    with mapserver_running(database_url, processes=args.processes, debug=args.debug) as ref:
        print(f"MapServer 8 at {ref.base_url}: FastCGI, {ref.processes} mapserv processes behind lighttpd")
        print(f"database {urlsplit(database_url).path.lstrip('/')}, bbox {bbox}, {args.runs} runs each (1 warm-up)")
        print(f"{'protocol':<20} {'limit':>6} {'returned':>9} {'median ms':>10} {'min':>8} {'max':>8} {'bytes':>11}")
        for name, make_url in (("OGC API items", ref.items_url), ("WFS 2.0 GetFeature", ref.wfs_url)):
            for limit in (1000, 5000):
                url = make_url(bbox=bbox, limit=limit)
                body = _fetch(url)  # warm-up, and the page checked
                returned, problem, note = _check(body, limit)
                samples = []
                for _ in range(args.runs):
                    start = time.perf_counter()
                    _fetch(url)
                    samples.append((time.perf_counter() - start) * 1000)
                print(
                    f"{name:<20} {limit:>6} {returned:>9} {median(samples):>10.1f} {min(samples):>8.1f} "
                    f"{max(samples):>8.1f} {len(body):>11,}"
                )
                if problem or note:
                    failed = failed or bool(problem)
                    print(f"    {problem or note}: {url}")
        if args.debug:
            print((ref.workdir / "mapserver.log").read_text(errors="replace")[-20_000:])
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
