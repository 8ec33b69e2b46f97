"""QGIS's own OGC API – Features provider (no plugin involved) reads /ogc/ of a running server: the public
collections, a bbox, and the staff queue with an API token through QGIS's "ESRI token" authentication (QGIS 3.22
has no other way to send a token header), and renders the reports in the tile style's status colours."""

import json
import urllib.parse
import urllib.request
from pathlib import Path

from qgis.core import (
    QgsApplication,
    QgsAuthMethodConfig,
    QgsCategorizedSymbolRenderer,
    QgsFeatureRequest,
    QgsMapRendererParallelJob,
    QgsMapSettings,
    QgsMarkerSymbol,
    QgsRectangle,
    QgsRendererCategory,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor

PASSWORD = "trenggalek-demo"  # the demo accounts of the server fixture (conftest.py)

BBOX = (111.60, -8.12, 111.80, -8.00)


def _get(url: str, token: str | None = None) -> dict:
    request = urllib.request.Request(url, headers={"Authorization": f"Token {token}"} if token else {})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def _token(server: str, username: str) -> str:
    data = urllib.parse.urlencode({"username": username, "password": PASSWORD, "name": "QGIS OAPIF"}).encode()
    with urllib.request.urlopen(f"{server}/api/auth/token/", data=data, timeout=30) as response:
        return json.loads(response.read())["token"]


def _layer(server: str, collection: str, authcfg: str = "") -> QgsVectorLayer:
    uri = f"pageSize=500 typename='{collection}' url='{server}/ogc/'"
    if authcfg:
        uri += f" authcfg={authcfg}"
    return QgsVectorLayer(uri, collection, "OAPIF")


def test_qgis_reads_every_public_report_and_the_boundaries(server, qgis_app):
    reports = _layer(server, "reports")
    assert reports.isValid()
    expected = _get(f"{server}/api/reports/?limit=1&count=true")["numberMatched"]
    assert expected > 500  # more than one page
    assert sum(1 for _ in reports.getFeatures()) == expected
    assert {"status", "category", "kecamatan"} <= set(reports.fields().names())
    kecamatan = _layer(server, "kecamatan")
    assert kecamatan.isValid() and sum(1 for _ in kecamatan.getFeatures()) == 14


def test_qgis_asks_for_a_bbox(server, qgis_app):
    reports = _layer(server, "reports")
    inside = list(reports.getFeatures(QgsFeatureRequest().setFilterRect(QgsRectangle(*BBOX))))
    box = ",".join(map(str, BBOX))
    assert len(inside) == _get(f"{server}/api/reports/?limit=1&count=true&in_bbox={box}")["numberMatched"] > 0


def test_the_staff_queue_opens_with_a_token_only(server, qgis_app):
    assert not _layer(server, "staff-reports").isValid()
    token = _token(server, "opd-pupr")
    manager = QgsApplication.authManager()
    if not manager.masterPasswordIsSet():
        manager.setMasterPassword("lapor-test-master", True)
    config = QgsAuthMethodConfig("EsriToken")
    config.setName("Lapor Trenggalek (PUPR)")
    config.setConfig("token", token)
    stored = manager.storeAuthenticationConfig(config)
    assert stored if isinstance(stored, bool) else stored[0]
    layer = _layer(server, "staff-reports", config.id())
    assert layer.isValid()
    expected = _get(f"{server}/api/staff/reports/?limit=1&count=true", token)["numberMatched"]
    features = list(layer.getFeatures())
    assert len(features) == expected > 0
    assert {f["opd"] for f in features} == {"PUPR"}


def test_the_reports_render_in_the_status_colours(server, qgis_app):
    reports, kecamatan = _layer(server, "reports"), _layer(server, "kecamatan")
    style = _get(f"{server}/tiles/reports-style.json")
    colours = {
        status: layer["paint"]["circle-color"]
        for layer in style["layers"]
        if layer["id"].startswith("reports-")
        for status in layer["filter"][-1][2:]
    }
    categories = []
    for status, colour in colours.items():
        symbol = QgsMarkerSymbol.createSimple(
            {"name": "circle", "color": colour, "size": "2.6", "outline_color": "white"}
        )
        categories.append(QgsRendererCategory(status, symbol, status))
    reports.setRenderer(QgsCategorizedSymbolRenderer("status", categories))
    kecamatan.renderer().symbol().setColor(QColor(0, 0, 0, 0))
    kecamatan.renderer().symbol().symbolLayer(0).setStrokeColor(QColor("#0d47a1"))
    settings = QgsMapSettings()
    settings.setLayers([reports, kecamatan])
    settings.setDestinationCrs(reports.crs())
    extent = QgsRectangle(kecamatan.extent())
    extent.scale(1.05)
    settings.setExtent(extent)
    settings.setOutputSize(QSize(1000, 1000))
    settings.setBackgroundColor(QColor("white"))
    job = QgsMapRendererParallelJob(settings)
    job.start()
    job.waitForFinished()
    image = job.renderedImage()
    target = Path(__file__).resolve().parents[2] / "var" / "qgis_oapif_reports.png"
    target.parent.mkdir(exist_ok=True)
    image.save(str(target))
    seen = {image.pixelColor(x, y).name() for x in range(0, 1000, 2) for y in range(0, 1000, 2)}
    assert set(colours.values()) & seen


def test_qgis_loads_the_tile_style_with_the_status_colours(server, qgis_app):
    from qgis.core import QgsDataSourceUri, QgsVectorTileLayer

    tilejson = _get(f"{server}/tiles/reports.json")
    uri = QgsDataSourceUri()
    uri.setParam("type", "xyz")
    uri.setParam("url", tilejson["tiles"][0])
    uri.setParam("zmax", str(tilejson["maxzoom"]))
    uri.setParam("styleUrl", f"{server}/tiles/reports-style.json")
    layer = QgsVectorTileLayer(bytes(uri.encodedUri()).decode(), "reports")
    assert layer.isValid()
    _message, loaded = layer.loadDefaultStyle()
    assert loaded
    colours = {style.symbol().color().name() for style in layer.renderer().styles()}
    assert {"#c62828", "#f9a825", "#2e7d32"} <= colours
