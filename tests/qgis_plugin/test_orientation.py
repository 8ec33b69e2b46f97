"""Orientation on the map: kecamatan and desa boundaries with names from the server, a basemap when reachable."""

import pytest
from lapor_trenggalek.ui.dock import SETTINGS
from qgis.core import QgsProject, QgsRasterLayer, QgsSettings
from test_plugin import TRENGGALEK, signed_in_dock, wait_idle


@pytest.fixture(autouse=True)
def _clean():
    yield
    QgsProject.instance().removeAllMapLayers()
    QgsSettings().setValue(SETTINGS + "basemap_url", "")


def _tree_order() -> list[str]:
    group = QgsProject.instance().layerTreeRoot().findGroup("Lapor Trenggalek")
    return [child.layer().name() for child in group.findLayers()]


def test_boundaries_with_names_lie_below_the_reports_and_a_reachable_basemap_below_them(server, qgis_iface):
    QgsSettings().setValue(SETTINGS + "basemap_url", server + "/api/categories/?z={z}&x={x}&y={y}")  # answers 200
    dock = signed_in_dock(qgis_iface, server)
    dock.kecamatan.setCurrentIndex(dock.kecamatan.findData(TRENGGALEK))
    dock._load()
    wait_idle(dock)
    assert _tree_order() == ["Laporan", "Batas kecamatan", "Batas desa/kelurahan", "Peta dasar (OpenStreetMap)"]
    project = QgsProject.instance()
    desa = project.mapLayersByName("Batas desa/kelurahan")[0]
    assert desa.featureCount() > 5 and {f["kecamatan"] for f in desa.getFeatures()} == {TRENGGALEK}
    assert desa.labelsEnabled() and desa.labeling().settings().fieldName == '"nama"'
    kecamatan = project.mapLayersByName("Batas kecamatan")[0]
    assert kecamatan.labelsEnabled() and next(kecamatan.getFeatures())["nama"] == "Trenggalek"
    assert isinstance(project.mapLayersByName("Peta dasar (OpenStreetMap)")[0], QgsRasterLayer)
    # The legend speaks the officer's language: the report layer's entries are statuses and "overdue".
    labels = [rule.label() for rule in dock.reports_layer().renderer().rootRule().children()]
    assert labels[:3] == ["Terlambat (lingkar merah)", "Diterima", "Terverifikasi"]
    dock.close_down()


def test_no_basemap_when_it_cannot_be_reached_or_is_switched_off(server, qgis_iface):
    QgsSettings().setValue(SETTINGS + "basemap_url", "http://127.0.0.1:9/{z}/{x}/{y}.png")  # offline
    dock = signed_in_dock(qgis_iface, server)
    assert "Peta dasar (OpenStreetMap)" not in _tree_order() and "Laporan" in _tree_order()
    QgsSettings().setValue(SETTINGS + "basemap_url", "")
    dock._load()
    wait_idle(dock)
    assert "Peta dasar (OpenStreetMap)" not in _tree_order()
    dock.close_down()
