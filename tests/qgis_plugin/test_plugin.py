"""The plugin inside real QGIS (offscreen), against a real running server."""

import time
from pathlib import Path

import pytest
from lapor_trenggalek.core.api import ApiClient, ApiError
from lapor_trenggalek.core.layers import STATUS_STYLE, kecamatan_layer, reports_layer, status_counts
from qgis.core import (
    QgsApplication,
    QgsMapRendererParallelJob,
    QgsMapSettings,
    QgsProject,
    QgsRectangle,
)
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor, QImage

TRENGGALEK = "35.03.11"


def wait_idle(dock, seconds: float = 60) -> None:
    """Let QGIS's event loop run until the dock has no call in flight."""
    deadline = time.time() + seconds
    while dock._tasks and time.time() < deadline:
        QgsApplication.processEvents()
        time.sleep(0.02)
    QgsApplication.processEvents()
    assert not dock._tasks, "the dock still waits for the server"


def wait_loaded(dock, seconds: float = 60) -> None:
    """After a sign-in: until the first load has drawn the layers. The sign-in's task ends a moment before the
    load's task starts (the load is started from its result), so "no call in flight" alone can come too early."""
    deadline = time.time() + seconds
    while not dock.layer_ids and time.time() < deadline:
        QgsApplication.processEvents()
        time.sleep(0.02)
    wait_idle(dock, max(1.0, deadline - time.time()))


def signed_in_dock(qgis_iface, server, username="opd-pupr"):
    from lapor_trenggalek.ui.dock import ReportsDock

    dock = ReportsDock(qgis_iface)
    wait_idle(dock)
    dock.server.setText(server)
    dock.username.setText(username)
    dock.password.setText("trenggalek-demo")
    dock._sign_in()
    wait_loaded(dock)
    return dock


def _matched(client: ApiClient, **filters) -> int:
    query = "&".join(f"{k}={v}" for k, v in filters.items())
    return client._call("GET", f"api/staff/reports/?limit=1&count=true&{query}")["numberMatched"]


def test_the_plugin_loads_through_classfactory_and_unloads(qgis_iface):
    import lapor_trenggalek

    plugin = lapor_trenggalek.classFactory(qgis_iface)
    plugin.initGui()
    plugin.action.setChecked(True)  # opens the dock
    assert plugin.dock is not None and plugin.dock.windowTitle() == "Lapor Trenggalek"
    plugin.unload()
    assert plugin.dock is None


def test_a_wrong_password_is_refused_in_words(server):
    with pytest.raises(ApiError) as caught:
        ApiClient(server).obtain_token("opd-pupr", "salah")
    assert caught.value.status == 400
    assert "Tidak dapat masuk" in caught.value.message


def test_an_unreachable_server_is_named(qgis_app):
    with pytest.raises(ApiError, match="tidak dapat dihubungi"):
        ApiClient("http://127.0.0.1:9", timeout_ms=3000).kecamatan()


def test_one_kecamatan_loads_with_the_servers_count_and_status_styles(pupr):
    features = pupr.reports({"kecamatan": TRENGGALEK}, page_size=50)  # several pages
    layer = reports_layer(features)
    assert layer.isValid()
    assert layer.featureCount() == _matched(pupr, kecamatan=TRENGGALEK) > 0
    assert {f["kecamatan"] for f in layer.getFeatures()} == {TRENGGALEK}
    assert {f["opd"] for f in layer.getFeatures()} == {"PUPR"}  # staff see only their OPD's reports
    rules = layer.renderer().rootRule().children()
    colours = {r.filterExpression().split("'")[1]: r.symbol().color().name() for r in rules[1:]}
    assert colours["dispatched"] == STATUS_STYLE["dispatched"][1] and colours["resolved"] == STATUS_STYLE["resolved"][1]
    assert sum(status_counts(layer).values()) == layer.featureCount()


def _photo(tmp_path, name="bukti.jpg") -> Path:
    photo = tmp_path / name
    image = QImage(320, 240, QImage.Format_RGB32)
    image.fill(QColor("#607d8b"))
    assert image.save(str(photo), "JPG")
    return photo


def test_acknowledge_and_resolve_from_the_plugin(server, pupr, tmp_path):
    # A citizen reports a road, the operator verifies and dispatches it: now it waits for PUPR.
    from conftest import clear_intake_limit

    clear_intake_limit()
    citizen = ApiClient(server)
    receipt = citizen._call(
        "POST",
        "api/reports/",
        auth=False,
        files={"photo": _photo(tmp_path, "lubang.jpg")},
        form={"category": "jalan-rusak", "latitude": "-8.0506", "longitude": "111.7086"},
    )
    operator = ApiClient(server)
    operator.obtain_token("operator", "trenggalek-demo")
    report_id = receipt["id"]
    operator.transition(report_id, "verify")
    operator.transition(report_id, "dispatch", fields={"opd": "PUPR"})
    assert report_id in {f["id"] for f in pupr.reports({"status": "dispatched"})}

    pupr.transition(report_id, "acknowledge", fields={"expected_status": "dispatched"})
    photo = _photo(tmp_path)
    pupr.transition(report_id, "resolve", fields={"note": "Sudah ditambal dari QGIS"}, photo=photo)
    events = pupr.events(report_id)
    assert [e["transition"] for e in events[-2:]] == ["acknowledge", "resolve"]
    assert events[-1]["actor"] == "opd-pupr" and events[-1]["note"] == "Sudah ditambal dari QGIS"
    assert events[-1]["photo"]
    assert pupr.report(report_id)["properties"]["status"] == "resolved"
    # The proof photo is served only to staff who may see the report: the plugin sends its token with downloads.
    assert pupr.download(events[-1]["photo"])[:2] == b"\xff\xd8"
    with pytest.raises(ApiError):
        ApiClient(server).download(events[-1]["photo"])


def test_a_refused_action_carries_the_servers_reason(pupr):
    report_id = pupr.reports({"status": "in_progress"})[0]["id"]
    with pytest.raises(ApiError) as caught:
        pupr.transition(report_id, "resolve", fields={"note": ""})
    assert caught.value.status == 400
    assert "foto" in caught.value.message.lower() or "catatan" in caught.value.message.lower()
    with pytest.raises(ApiError) as caught:
        pupr.transition(report_id, "verify")
    assert caught.value.status == 403


def test_the_map_canvas_renders_a_kecamatan_and_its_reports(pupr, qgis_app, tmp_path):
    boundary = kecamatan_layer(pupr.kecamatan(), only=TRENGGALEK)
    reports = reports_layer(pupr.reports({"kecamatan": TRENGGALEK}))
    settings = QgsMapSettings()
    settings.setLayers([reports, boundary])
    extent = QgsRectangle(boundary.extent())
    extent.scale(1.05)
    settings.setExtent(extent)
    settings.setOutputSize(QSize(900, 900))
    settings.setBackgroundColor(QColor("white"))
    job = QgsMapRendererParallelJob(settings)
    job.start()
    job.waitForFinished()
    image = job.renderedImage()
    target = Path(__file__).resolve().parents[2] / "var" / "qgis_canvas_trenggalek.png"
    target.parent.mkdir(exist_ok=True)
    image.save(str(target))
    colours = {image.pixelColor(x, y).name() for x in range(0, 900, 3) for y in range(0, 900, 3)}
    assert any(fill in colours for _label, fill in STATUS_STYLE.values())  # the report points, by status
    assert "#0d47a1" in colours or len(colours) > 20  # the boundary line


def test_the_dock_signs_in_and_loads_in_the_background(server, qgis_iface):
    dock = signed_in_dock(qgis_iface, server)
    assert dock.client is not None and dock.password.text() == ""
    dock.status.deselectAllOptions()
    dock.kecamatan.setCurrentIndex(dock.kecamatan.findData(TRENGGALEK))
    dock._load()
    wait_idle(dock)
    assert "laporan" in dock.summary.text()  # in Indonesian, as QGIS runs here
    assert dock.reports_layer().featureCount() == _matched(dock.client, kecamatan=TRENGGALEK)
    QgsProject.instance().removeAllMapLayers()
    dock.close_down()
    dock.deleteLater()


def test_the_zip_the_server_publishes_installs_and_loads(server, qgis_iface, tmp_path):
    """What staff get from the server's plugin repository is a plugin QGIS can load."""
    import importlib
    import io
    import sys
    import urllib.request
    import xml.etree.ElementTree as ET
    import zipfile

    xml = urllib.request.urlopen(f"{server}/qgis/plugins.xml", timeout=10).read()
    url = ET.fromstring(xml).find("pyqgis_plugin").findtext("download_url")
    archive = zipfile.ZipFile(io.BytesIO(urllib.request.urlopen(url, timeout=10).read()))
    archive.extractall(tmp_path)
    saved = {name: module for name, module in sys.modules.items() if name.startswith("lapor_trenggalek")}
    for name in saved:
        del sys.modules[name]
    sys.path.insert(0, str(tmp_path))
    try:
        installed = importlib.import_module("lapor_trenggalek")
        assert installed.__file__.startswith(str(tmp_path))
        plugin = installed.classFactory(qgis_iface)
        plugin.initGui()
        plugin.unload()
    finally:
        sys.path.remove(str(tmp_path))
        for name in [n for n in sys.modules if n.startswith("lapor_trenggalek")]:
            del sys.modules[name]
        sys.modules.update(saved)


def test_the_token_is_kept_in_the_qgis_authentication_database(server, qgis_iface):
    from lapor_trenggalek.ui.dock import SETTINGS, ReportsDock
    from qgis.core import QgsSettings

    QgsApplication.authManager().setMasterPassword("lapor-test-master", True)
    dock = signed_in_dock(qgis_iface, server)
    token = dock.client.token
    authcfg = QgsSettings().value(SETTINGS + "authcfg", "")
    assert authcfg and token not in authcfg
    settings = QgsSettings()
    assert all(token not in str(settings.value(key)) for key in settings.allKeys())  # never in plain settings
    dock.deleteLater()

    # The next time the dock opens, the officer is signed in without typing the password.
    QgsProject.instance().removeAllMapLayers()
    again = ReportsDock(qgis_iface)
    wait_loaded(again)
    assert again.client is not None and again.client.token == token
    assert again.username.text() == "opd-pupr" and again.kecamatan.count() == 15
    # ... and finds their work on the map, not an empty canvas waiting for "Muat laporan".
    assert again.reports_layer() is not None and "laporan" in again.summary.text()
    again.close_down()
    again.deleteLater()


def test_the_timeline_and_photos_of_a_report_show_in_qgis(pupr, qgis_app):
    from lapor_trenggalek.ui.timeline import TimelineDialog, fetch_timeline

    report_id = pupr.reports({"status": "resolved"})[0]["id"]
    dialog = TimelineDialog(pupr, *fetch_timeline(pupr, report_id))
    text = dialog.text.toPlainText()
    assert "Diterima" in text and "Selesai ditangani" in text
    assert dialog.windowTitle().startswith(f"Laporan #{report_id}")
    dialog.deleteLater()


def test_an_ended_token_is_refused_with_401_and_a_request_to_sign_in_again(server):
    from lapor_trenggalek.core.api import sign_in_needed

    client = ApiClient(server)
    token = client.obtain_token("opd-pupr", "trenggalek-demo")
    ApiClient(server, token).check_sign_in()  # works
    client.sign_out()  # DELETE /api/auth/token/: this device only
    assert client.token is None
    with pytest.raises(ApiError) as caught:
        ApiClient(server, token).reports({"kecamatan": TRENGGALEK})
    assert caught.value.status == 401 and sign_in_needed(caught.value)
    assert "masuk lagi" in caught.value.message.lower()


def test_the_dock_asks_to_sign_in_again_when_its_token_has_ended(server, qgis_iface):
    from lapor_trenggalek.ui.dock import SETTINGS, ReportsDock
    from qgis.core import QgsSettings

    QgsApplication.authManager().setMasterPassword("lapor-test-master", True)
    dock = signed_in_dock(qgis_iface, server)
    assert dock.sign_out.isEnabled()
    ApiClient(server, dock.client.token).sign_out()  # revoked elsewhere (the staff token page, a sign-out)

    dock._load()  # the background load meets 401
    wait_idle(dock)
    assert dock.client is None and not dock.sign_out.isEnabled()
    assert "Masuk lagi dengan kata sandi" in dock.summary.text()
    assert not QgsSettings().value(SETTINGS + "authcfg", "")  # the dead token is forgotten
    dock._load()  # nothing to load with: asks to sign in, no crash
    dock.deleteLater()

    # Signed in again, and the token ends while QGIS is closed: the dock opens asking for the password.
    dock = signed_in_dock(qgis_iface, server)
    ApiClient(server, dock.client.token).sign_out()
    dock.deleteLater()
    again = ReportsDock(qgis_iface)
    wait_idle(again)
    assert again.client is None and "Masuk lagi" in again.summary.text()
    assert again.username.text() == "opd-pupr"
    assert not QgsSettings().value(SETTINGS + "authcfg", "")
    again.deleteLater()


def test_the_sign_out_button_ends_the_token_on_the_server(server, qgis_iface):
    from lapor_trenggalek.ui.dock import SETTINGS
    from qgis.core import QgsSettings

    QgsApplication.authManager().setMasterPassword("lapor-test-master", True)
    dock = signed_in_dock(qgis_iface, server)
    token = dock.client.token
    dock._sign_out()
    wait_idle(dock)
    assert dock.client is None and dock.summary.text() == "Belum masuk."
    assert not QgsSettings().value(SETTINGS + "authcfg", "")
    with pytest.raises(ApiError) as caught:
        ApiClient(server, token).check_sign_in()
    assert caught.value.status == 401
    dock.deleteLater()


def test_only_the_first_page_of_a_load_asks_the_server_to_count(pupr, monkeypatch):
    # Counting every matching report again for each page cost ~0.4 s a page at a million reports.
    asked = []
    call = ApiClient._call

    def recording(self, method, path, **kwargs):
        asked.append(path)
        return call(self, method, path, **kwargs)

    monkeypatch.setattr(ApiClient, "_call", recording)
    pages = []
    features = pupr.reports({}, page_size=50, on_page=lambda done, total: pages.append((done, total)))
    assert len(asked) >= 3 and "count=true" in asked[0]  # page_size 50: several pages
    assert all("count" not in path for path in asked[1:]), asked[1:]
    assert all(total == len(features) for _done, total in pages)  # the first page's total, kept for the progress
    assert len({f["id"] for f in features}) == len(features)  # the keyset pages follow on, none twice
