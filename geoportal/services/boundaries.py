"""Importing administrative boundaries from any vector file GDAL/OGR reads.

One core for every door: `manage.py import_boundaries`, `make run` (through setup_demo) and the tests all
call `boundaries_import`. A file is checked completely before anything is written, and a whole import
(one file or a folder of three) runs in one transaction, so a bad file leaves the database as it was.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.gis.gdal import DataSource, GDALException, SpatialReference
from django.contrib.gis.geos import GEOSException, GEOSGeometry, MultiPolygon, Polygon
from django.db import transaction
from django.utils.translation import gettext as _

from geoportal.models import Desa, Kabupaten, Kecamatan

LEVELS = {"kabupaten": Kabupaten, "kecamatan": Kecamatan, "desa": Desa}
PARENT_FIELD = {"kecamatan": "kabupaten", "desa": "kecamatan"}
SUFFIXES = (".gpkg", ".geojson", ".json", ".shp", ".fgb", ".gml", ".kml")
MAX_PROBLEMS = 15


class BoundaryImportError(Exception):
    """A file that cannot be imported; the message says what is wrong and what to do."""


@dataclass(frozen=True)
class FieldMap:
    kode: str = "kode"
    nama: str = "nama"
    parent: str | None = None  # default: the parent's code is the kode up to its last dot
    jenis: str = "jenis"  # desa only; default from the code (1xxx kelurahan, 2xxx desa)


@dataclass
class LevelResult:
    level: str
    path: Path
    features: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    repaired: list[str] = field(default_factory=list)


@dataclass
class _Row:
    kode: str
    nama: str
    geom: MultiPolygon
    parent_kode: str | None
    jenis: str | None


def boundary_files_in(folder: Path) -> dict[str, Path]:
    """kabupaten.*, kecamatan.* and desa.* files in a folder, by level."""
    found: dict[str, Path] = {}
    for level in LEVELS:
        for suffix in SUFFIXES:
            candidate = folder / f"{level}{suffix}"
            if candidate.exists():
                found[level] = candidate
                break
    return found


def boundaries_import(
    *,
    path: Path,
    level: str | None = None,
    fields: FieldMap = FieldMap(),
    layer: str | None = None,
    source_srid: int | None = None,
    make_valid: bool = False,
    progress: Callable[[str], None] = lambda message: None,
) -> list[LevelResult]:
    """Import a file (of one level) or a folder (kabupaten, kecamatan and desa files) in one transaction."""
    path = Path(path)
    if path.is_dir():
        if level:
            raise BoundaryImportError(_("--level applies to a single file, not to a folder."))
        jobs = boundary_files_in(path)
        if not jobs:
            raise BoundaryImportError(
                _("%(folder)s holds no boundary files: expected kabupaten, kecamatan and/or desa files (%(suffixes)s).")
                % {"folder": path, "suffixes": ", ".join(SUFFIXES)}
            )
    elif path.exists():
        level = level or (path.stem if path.stem in LEVELS else None)
        if level not in LEVELS:
            raise BoundaryImportError(
                _("Cannot tell whether %(file)s holds kabupaten, kecamatan or desa: name it with --level.")
                % {"file": path.name}
            )
        jobs = {level: path}
    else:
        raise BoundaryImportError(_("%(path)s does not exist.") % {"path": path})

    # Read and check every file before writing anything.
    parsed = {
        lvl: _read(file, level=lvl, fields=fields, layer=layer, source_srid=source_srid, make_valid=make_valid)
        for lvl, file in jobs.items()
    }
    results = []
    with transaction.atomic():
        for lvl in LEVELS:  # parents first
            if lvl in parsed:
                rows, result = parsed[lvl]
                _write(rows, result)
                progress(
                    _("%(file)s: %(n)d %(level)s, %(created)d new, %(updated)d updated, %(unchanged)d unchanged")
                    % {
                        "file": result.path.name,
                        "n": result.features,
                        "level": lvl,
                        "created": result.created,
                        "updated": result.updated,
                        "unchanged": result.unchanged,
                    }
                )
                results.append(result)
    return results


def _read(
    path: Path, *, level: str, fields: FieldMap, layer: str | None, source_srid: int | None, make_valid: bool
) -> tuple[list[_Row], LevelResult]:
    try:
        source = DataSource(str(path))
    except GDALException as exc:
        raise BoundaryImportError(
            _(
                "Cannot read %(file)s: GDAL/OGR does not recognise it as a vector file (GeoJSON, GeoPackage, "
                "Shapefile, ...). Detail: %(detail)s"
            )
            % {"file": path.name, "detail": exc}
        ) from exc
    try:
        ogr_layer = source[layer] if layer else source[0]
    except (IndexError, KeyError, GDALException) as exc:
        names = ", ".join(lyr.name for lyr in source)
        raise BoundaryImportError(
            _("%(file)s has no layer %(layer)s (layers: %(names)s).")
            % {"file": path.name, "layer": layer or "0", "names": names or "-"}
        ) from exc

    available = set(ogr_layer.fields)
    wanted = [fields.kode, fields.nama] + ([fields.parent] if fields.parent and level in PARENT_FIELD else [])
    missing = [name for name in wanted if name not in available]
    if missing:
        raise BoundaryImportError(
            _(
                "%(file)s has no field %(missing)s (its fields: %(fields)s). Name the right ones with "
                "--kode-field / --nama-field / --parent-field."
            )
            % {
                "file": path.name,
                "missing": ", ".join(f"'{m}'" for m in missing),
                "fields": ", ".join(sorted(available)) or "-",
            }
        )

    srs = ogr_layer.srs
    if source_srid:
        srs = SpatialReference(source_srid)
    elif srs is None:
        if path.suffix.lower() in {".geojson", ".json"}:
            srs = SpatialReference(4326)  # RFC 7946: GeoJSON without a crs member is WGS 84 lon/lat
        else:
            raise BoundaryImportError(
                _("%(file)s does not say which coordinate system it uses: give it with --srid (e.g. 32749).")
                % {"file": path.name}
            )

    result = LevelResult(level=level, path=path)
    rows: list[_Row] = []
    problems: list[str] = []
    seen: set[str] = set()
    for number, feature in enumerate(ogr_layer, start=1):
        kode = str(feature.get(fields.kode) or "").strip()
        nama = str(feature.get(fields.nama) or "").strip()
        where = _("feature %(n)d (kode %(kode)s)") % {"n": number, "kode": kode or "?"}
        if not kode or not nama:
            problems.append(_("%(where)s has an empty code or name.") % {"where": where})
            continue
        if kode in seen:
            problems.append(_("%(where)s: the code appears more than once.") % {"where": where})
            continue
        seen.add(kode)
        try:
            geom = _polygon_4326(feature.geom, srs) if feature.geom else None
        except (GDALException, GEOSException) as exc:
            problems.append(_("%(where)s: unreadable geometry (%(detail)s).") % {"where": where, "detail": exc})
            continue
        if geom is None or geom.empty:
            problems.append(_("%(where)s has no geometry.") % {"where": where})
            continue
        if not isinstance(geom, Polygon | MultiPolygon):
            problems.append(
                _("%(where)s is a %(type)s; boundaries must be polygons.") % {"where": where, "type": geom.geom_type}
            )
            continue
        if not geom.valid:
            if not make_valid:
                problems.append(
                    _("%(where)s has an invalid geometry: %(reason)s. Fix it in QGIS, or import with --make-valid.")
                    % {"where": where, "reason": geom.valid_reason}
                )
                continue
            geom = _only_polygons(geom.make_valid())
            result.repaired.append(kode)
        if isinstance(geom, Polygon):
            geom = MultiPolygon(geom, srid=4326)
        parent = None
        if level in PARENT_FIELD:
            parent = str(feature.get(fields.parent) or "").strip() if fields.parent else kode.rpartition(".")[0]
        jenis = None
        if level == "desa":
            jenis = str(feature.get(fields.jenis) or "").strip().lower() if fields.jenis in available else ""
            if jenis not in Desa.Jenis.values:
                jenis = Desa.Jenis.KELURAHAN if kode.rpartition(".")[2].startswith("1") else Desa.Jenis.DESA
        rows.append(_Row(kode=kode, nama=nama, geom=geom, parent_kode=parent, jenis=jenis))
        if len(problems) >= MAX_PROBLEMS:
            break

    if not rows and not problems:
        problems.append(_("the layer has no features."))
    if problems:
        raise BoundaryImportError(
            _("%(file)s was not imported (%(level)s), nothing was changed:\n  - %(problems)s")
            % {"file": path.name, "level": level, "problems": "\n  - ".join(problems)}
        )
    result.features = len(rows)
    return rows, result


def _polygon_4326(ogr_geom, srs: SpatialReference) -> GEOSGeometry:
    ogr_geom.srs = srs
    if srs.srid != 4326:
        ogr_geom.transform(SpatialReference(4326))
    geom = GEOSGeometry(ogr_geom.wkb, srid=4326)
    return geom


def _only_polygons(geom: GEOSGeometry) -> MultiPolygon:
    """make_valid may return a collection with stray lines or points; keep the polygon parts."""
    if isinstance(geom, MultiPolygon):
        return geom
    if isinstance(geom, Polygon):
        return MultiPolygon(geom, srid=4326)
    parts = []
    for part in geom:
        if isinstance(part, Polygon):
            parts.append(part)
        elif isinstance(part, MultiPolygon):
            parts.extend(part)
    return MultiPolygon(*parts, srid=4326)


def _write(rows: list[_Row], result: LevelResult) -> None:
    model = LEVELS[result.level]
    parent_attr = PARENT_FIELD.get(result.level)
    parents: dict[str, int] = {}
    if parent_attr:
        parent_model = LEVELS[parent_attr]
        parents = dict(parent_model.objects.values_list("kode", "id"))
        orphans = sorted({r.parent_kode for r in rows if r.parent_kode not in parents})
        if orphans:
            raise BoundaryImportError(
                _(
                    "%(file)s refers to %(parent)s %(codes)s, which are not loaded. Import the %(parent)s file "
                    "first, or the whole folder at once."
                )
                % {"file": result.path.name, "parent": parent_attr, "codes": ", ".join(orphans[:10])}
            )
    existing = {obj.kode: obj for obj in model.objects.filter(kode__in=[r.kode for r in rows])}
    to_create, to_update = [], []
    for row in rows:
        values = {"nama": row.nama, "geom": row.geom}
        if parent_attr:
            values[f"{parent_attr}_id"] = parents[row.parent_kode]
        if row.jenis:
            values["jenis"] = row.jenis
        obj = existing.get(row.kode)
        if obj is None:
            to_create.append(model(kode=row.kode, **values))
            continue
        changed = any(
            (getattr(obj, key).equals_exact(value, 1e-9) is False) if key == "geom" else getattr(obj, key) != value
            for key, value in values.items()
        )
        if changed:
            for key, value in values.items():
                setattr(obj, key, value)
            to_update.append(obj)
        else:
            result.unchanged += 1
    model.objects.bulk_create(to_create)
    if to_update:
        model.objects.bulk_update(to_update, fields=list(values), batch_size=200)
    result.created, result.updated = len(to_create), len(to_update)
