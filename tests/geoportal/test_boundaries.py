import json
from pathlib import Path

import geopandas as gpd
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from geoportal.models import Desa, Kabupaten, Kecamatan
from geoportal.services.boundaries import BoundaryImportError, FieldMap, boundaries_import

pytestmark = pytest.mark.django_db
SHARED = settings.BOUNDARIES_DIR


def test_trenggalek_is_loaded_with_its_14_kecamatan_and_157_desa():
    assert Kabupaten.objects.get().kode == "35.03"
    assert Kecamatan.objects.count() == 14
    assert Desa.objects.count() == 157
    assert set(Desa.objects.filter(jenis=Desa.Jenis.KELURAHAN).values_list("nama", flat=True)) == {
        "Tamanan",
        "Ngantru",
        "Kelutan",
        "Surodakan",
        "Sumbergedong",
    }
    panggul = Kecamatan.objects.get(kode="35.03.01")
    assert panggul.nama == "Panggul" and panggul.desa.count() == 17
    # lon/lat order survived GDAL (no axis swap): the regency lies around 111.6 E, 8.1 S
    centroid = Kabupaten.objects.get().geom.centroid
    assert 111.3 < centroid.x < 111.9 and -8.5 < centroid.y < -7.8


def test_reimporting_the_same_folder_changes_nothing():
    results = boundaries_import(path=SHARED)
    assert [(r.level, r.created, r.updated, r.unchanged) for r in results] == [
        ("kabupaten", 0, 0, 1),
        ("kecamatan", 0, 0, 14),
        ("desa", 0, 0, 157),
    ]


def test_geopackage_in_utm_with_other_field_names_is_reprojected_and_updates_by_code(tmp_path):
    frame = gpd.read_file(SHARED / "kecamatan.geojson").rename(columns={"kode": "KD_KEC", "nama": "NM_KEC"})
    frame = frame.to_crs(32749)
    frame.loc[frame["KD_KEC"] == "35.03.11", "NM_KEC"] = "Trenggalek Kota"
    target = tmp_path / "kec_utm.gpkg"
    frame.to_file(target, driver="GPKG")
    before = Kecamatan.objects.get(kode="35.03.11").geom

    call_command(
        "import_boundaries", str(target), "--level", "kecamatan", "--kode-field", "KD_KEC", "--nama-field", "NM_KEC"
    )

    after = Kecamatan.objects.get(kode="35.03.11")
    assert Kecamatan.objects.count() == 14
    assert after.nama == "Trenggalek Kota"
    assert after.geom.srid == 4326
    # the UTM round trip moves vertices by well under a metre
    assert after.geom.sym_difference(before).area / before.area < 1e-4


def test_shapefile_of_desa_is_imported(tmp_path):
    frame = gpd.read_file(SHARED / "desa.geojson")
    frame = frame[frame["kecamatan_kode"] == "35.03.14"][["kode", "nama", "jenis", "geometry"]].copy()
    frame["nama"] = frame["nama"].str.upper()
    frame.to_file(tmp_path / "suruh.shp")
    results = boundaries_import(path=tmp_path / "suruh.shp", level="desa")
    assert results[0].updated == 7
    assert set(Desa.objects.filter(kecamatan__kode="35.03.14").values_list("nama", flat=True)) == set(frame["nama"])


def _write_geojson(path: Path, features: list[dict]) -> Path:
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    return path


def _feature(kode, nama, geometry):
    return {"type": "Feature", "properties": {"kode": kode, "nama": nama}, "geometry": geometry}


SQUARE = {
    "type": "Polygon",
    "coordinates": [[[111.5, -8.1], [111.6, -8.1], [111.6, -8.0], [111.5, -8.0], [111.5, -8.1]]],
}
BOWTIE = {
    "type": "Polygon",
    "coordinates": [[[111.5, -8.1], [111.6, -8.0], [111.6, -8.1], [111.5, -8.0], [111.5, -8.1]]],
}


def test_points_are_refused_as_boundaries(tmp_path):
    bad = _write_geojson(
        tmp_path / "kecamatan.geojson",
        [_feature("35.03.99", "Titik", {"type": "Point", "coordinates": [111.5, -8.1]})],
    )
    with pytest.raises(BoundaryImportError, match="is a Point; boundaries must be polygons"):
        boundaries_import(path=bad)
    assert not Kecamatan.objects.filter(kode="35.03.99").exists()


def test_a_missing_field_is_named_with_the_fields_the_file_has(tmp_path):
    bad = tmp_path / "kecamatan.geojson"
    bad.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {"type": "Feature", "properties": {"KODE_KEC": "35.03.98", "name": "X"}, "geometry": SQUARE}
                ],
            }
        )
    )
    with pytest.raises(BoundaryImportError) as caught:
        boundaries_import(path=bad)
    message = str(caught.value)
    assert "no field 'kode', 'nama'" in message
    assert "KODE_KEC, name" in message
    assert "--kode-field" in message


def test_an_invalid_polygon_is_refused_unless_repair_is_asked(tmp_path):
    bad = _write_geojson(tmp_path / "kecamatan.geojson", [_feature("35.03.97", "Dasi Kupu", BOWTIE)])
    with pytest.raises(BoundaryImportError, match=r"35\.03\.97\).*invalid geometry: Self-intersection"):
        boundaries_import(path=bad)
    assert not Kecamatan.objects.filter(kode="35.03.97").exists()

    result = boundaries_import(path=bad, make_valid=True)
    assert result[0].repaired == ["35.03.97"]
    repaired = Kecamatan.objects.get(kode="35.03.97").geom
    assert repaired.valid and repaired.geom_type == "MultiPolygon" and len(repaired) == 2


def test_an_unreadable_file_is_refused_in_words(tmp_path):
    junk = tmp_path / "desa.geojson"
    junk.write_text("this is not geojson at all")
    with pytest.raises(BoundaryImportError, match="Cannot read desa.geojson"):
        boundaries_import(path=junk)


def test_a_folder_with_one_bad_file_imports_nothing(tmp_path):
    frame = gpd.read_file(SHARED / "kabupaten.geojson")
    frame["nama"] = "Trenggalek (diubah)"
    frame.to_file(tmp_path / "kabupaten.geojson", driver="GeoJSON")
    _write_geojson(tmp_path / "desa.geojson", [_feature("35.03.01.2001", "", SQUARE)])

    with pytest.raises(BoundaryImportError, match="empty code or name"):
        boundaries_import(path=tmp_path)
    assert Kabupaten.objects.get().nama == "Trenggalek"


def test_a_desa_whose_kecamatan_is_not_loaded_is_refused(tmp_path):
    orphan = _write_geojson(tmp_path / "desa.geojson", [_feature("35.03.42.2001", "Yatim", SQUARE)])
    with pytest.raises(BoundaryImportError, match=r"refers to kecamatan 35\.03\.42, which are not loaded"):
        boundaries_import(path=orphan)
    assert not Desa.objects.filter(kode="35.03.42.2001").exists()


def test_duplicate_codes_in_one_file_are_refused(tmp_path):
    twice = _write_geojson(
        tmp_path / "kecamatan.geojson", [_feature("35.03.96", "A", SQUARE), _feature("35.03.96", "B", SQUARE)]
    )
    with pytest.raises(BoundaryImportError, match="appears more than once"):
        boundaries_import(path=twice)


def test_the_command_reports_errors_without_a_traceback(tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        call_command("import_boundaries", str(tmp_path / "nowhere.gpkg"))
    with pytest.raises(CommandError, match="Cannot tell whether"):
        call_command("import_boundaries", str(_write_geojson(tmp_path / "batas.geojson", [])))
    with pytest.raises(CommandError, match="holds no boundary files"):
        call_command("import_boundaries", str(tmp_path / ".."))


def test_a_file_without_a_coordinate_system_asks_for_one(tmp_path):
    frame = gpd.read_file(SHARED / "kecamatan.geojson").head(1)
    frame.to_file(tmp_path / "kecamatan.shp")
    (tmp_path / "kecamatan.prj").unlink()
    with pytest.raises(BoundaryImportError, match="--srid"):
        boundaries_import(path=tmp_path / "kecamatan.shp")
    assert boundaries_import(path=tmp_path / "kecamatan.shp", source_srid=4326)[0].features == 1


def test_field_map_names_a_parent_field(tmp_path):
    _write_geojson(
        tmp_path / "desa.geojson",
        [
            {
                "type": "Feature",
                "properties": {"kode": "X-1", "nama": "Baru", "induk": "35.03.05"},
                "geometry": SQUARE,
            }
        ],
    )
    boundaries_import(path=tmp_path / "desa.geojson", fields=FieldMap(parent="induk"))
    desa = Desa.objects.get(kode="X-1")
    assert desa.kecamatan.nama == "Tugu"
    assert desa.jenis == Desa.Jenis.DESA
