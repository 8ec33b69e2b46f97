"""The officer's dock inside real QGIS: it never freezes or crashes, and the officer's work comes first."""

import time

import pytest
from lapor_trenggalek.core.api import ApiClient, ApiError
from lapor_trenggalek.core.layers import OPEN_STATUSES, OVERDUE_RING, STATUS_STYLE, reports_layer
from lapor_trenggalek.ui.dock import check_items
from qgis.core import QgsApplication, QgsMapRendererParallelJob, QgsMapSettings, QgsProject, QgsRectangle, QgsSettings
from qgis.PyQt.QtCore import QSize, QTimer
from qgis.PyQt.QtGui import QColor
from test_plugin import signed_in_dock, wait_idle, wait_loaded


def _fast_timeout(seconds: int = 2):
    QgsSettings().setValue("lapor_trenggalek/timeout_s", seconds)


@pytest.fixture(autouse=True)
def _clean_settings():
    yield
    QgsSettings().remove("lapor_trenggalek/timeout_s")
    QgsProject.instance().removeAllMapLayers()


def _ticks_while(dock, seconds: float) -> int:
    """How often QGIS's event loop ran a 50 ms timer while the dock worked: a blocked main thread gives ~0."""
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(50)
    deadline = time.time() + seconds
    while dock._tasks and time.time() < deadline:
        QgsApplication.processEvents()
        time.sleep(0.01)
    timer.stop()
    return len(ticks)


def _closed_by_the_plugin(connection, seconds: float = 3) -> bool:
    connection.settimeout(seconds)
    try:
        while connection.recv(65536):
            pass
    except TimeoutError:
        return False
    return True


# --- never freeze, never crash -------------------------------------------------------------------------
def test_a_silent_server_neither_blocks_qgis_nor_raises_and_is_told_in_indonesian(
    silent_server, qgis_iface, tracebacks
):
    from lapor_trenggalek.ui.dock import ReportsDock

    url, accepted = silent_server
    _fast_timeout(2)
    dock = ReportsDock(qgis_iface)
    wait_idle(dock)
    dock.server.setText(url)
    dock.username.setText("opd-pupr")
    dock.password.setText("trenggalek-demo")
    started = time.time()
    dock._sign_in()
    assert time.time() - started < 0.5  # "Masuk" returns at once: the request runs in a task
    assert not dock.progress.isHidden() and dock.cancel.isEnabled() and "Sedang masuk" in dock.summary.text()
    ticks = _ticks_while(dock, 10)
    assert not dock._tasks, "the silent server was waited for beyond the timeout"
    assert time.time() - started < 6
    assert ticks > 15  # the main thread kept running while the server said nothing
    assert accepted  # the server did accept the connection
    assert "tidak menjawab dalam 2 detik" in dock.summary.text()
    assert dock.client is None and tracebacks == []
    dock.close_down()


def test_connection_refused_is_told_in_indonesian(qgis_iface, tracebacks):
    from lapor_trenggalek.ui.dock import ReportsDock

    dock = ReportsDock(qgis_iface)
    wait_idle(dock)
    dock.server.setText("http://127.0.0.1:9")
    dock.username.setText("opd-pupr")
    dock.password.setText("x")
    dock._sign_in()
    wait_idle(dock, 10)
    assert "menolak sambungan" in dock.summary.text() and "Server tidak dapat dihubungi" in dock.summary.text()
    assert "refused" not in dock.summary.text() and tracebacks == []
    dock.close_down()


def test_an_answer_that_is_not_lapor_is_told_not_a_keyerror(qgis_app, server, monkeypatch):
    client = ApiClient(server)
    monkeypatch.setattr(client, "_send", lambda *args: (200, b"<html>Welcome to nginx</html>"))
    with pytest.raises(ApiError, match="tidak menjawab seperti server Lapor Trenggalek"):
        client.obtain_token("opd-pupr", "x")
    monkeypatch.setattr(client, "_send", lambda *args: (200, b'{"detail": "ok"}'))
    with pytest.raises(ApiError, match="tidak menjawab seperti server Lapor Trenggalek"):
        client.obtain_token("opd-pupr", "x")


def test_cancel_stops_the_request_and_leaves_the_map_as_it_was(server, silent_server, qgis_iface, tracebacks):
    url, accepted = silent_server
    dock = signed_in_dock(qgis_iface, server)  # signs in and loads the open work
    before = list(dock.layer_ids)
    assert before and all(QgsProject.instance().mapLayer(i) for i in before)
    summary = dock.summary.text()
    dock.client = ApiClient(url, dock.client.token, timeout_ms=30000)  # the server goes quiet
    dock._load()
    assert dock.cancel.isEnabled()
    deadline = time.time() + 5
    while not accepted and time.time() < deadline:
        QgsApplication.processEvents()
    assert accepted, "the load never reached the server"
    started = time.time()
    dock.cancel.click()
    wait_idle(dock, 5)
    assert time.time() - started < 2  # not the 30 s timeout: the request was aborted
    assert _closed_by_the_plugin(accepted[0])  # the request stopped, not left hanging
    assert dock.layer_ids == before and all(QgsProject.instance().mapLayer(i) for i in before)
    assert "dibatalkan" in dock.summary.text() and summary not in dock.summary.text()
    assert not dock.cancel.isEnabled() and dock.load.isEnabled() and tracebacks == []
    dock.close_down()


def test_the_progress_bar_starts_afresh_on_a_second_load(server, qgis_iface):
    dock = signed_in_dock(qgis_iface, server)
    dock.progress.setRange(0, 100)
    dock.progress.setValue(100)  # what the first load left
    dock._load()
    assert dock.progress.value() != 100 or dock.progress.maximum() == 0
    assert dock.progress.maximum() == 0  # busy until the first page tells how many there are
    wait_idle(dock)
    dock.close_down()


@pytest.mark.parametrize("running", [False, True])
def test_unloading_the_plugin_with_a_finished_or_running_task_is_clean(
    server, silent_server, qgis_iface, tracebacks, running
):
    import lapor_trenggalek

    plugin = lapor_trenggalek.classFactory(qgis_iface)
    plugin.initGui()
    plugin.action.setChecked(True)
    dock = plugin.dock
    wait_idle(dock)
    dock.server.setText(server)
    dock.username.setText("opd-pupr")
    dock.password.setText("trenggalek-demo")
    dock._sign_in()
    wait_loaded(dock)  # signed in, the first load finished (its task deleted by QGIS)
    assert dock.layer_ids
    if running:
        dock.client = ApiClient(silent_server[0], dock.client.token, timeout_ms=30000)
        dock._load()
        assert dock._tasks
    plugin.unload()
    deadline = time.time() + 3
    while time.time() < deadline:
        QgsApplication.processEvents()
        time.sleep(0.02)
    assert plugin.dock is None and tracebacks == []
    QgsApplication.taskManager().cancelAll()


# --- the officer's work first --------------------------------------------------------------------------
def test_the_default_view_is_the_officers_open_work(server, qgis_iface):
    from lapor_trenggalek.ui.dock import SETTINGS

    QgsSettings().remove(SETTINGS + "filters")
    dock = signed_in_dock(qgis_iface, server)  # a first sign-in loads at once
    assert set(dock.status.checkedItemsData()) == set(OPEN_STATUSES)
    layer = dock.reports_layer()
    statuses = {f["status"] for f in layer.getFeatures()}
    assert layer.featureCount() > 0 and statuses <= set(OPEN_STATUSES)
    dock.close_down()


def test_overdue_reports_are_ringed_counted_and_named_by_their_clock(
    server, qgis_iface, django_shell, dispatched_to_pupr
):
    django_shell(
        "from datetime import timedelta; from django.utils import timezone; from geoportal.models import Report; "
        f"Report.objects.filter(pk={dispatched_to_pupr}).update(resolution_due=timezone.now() - timedelta(days=3))"
    )
    dock = signed_in_dock(qgis_iface, server)
    layer = dock.reports_layer()
    late = [f for f in layer.getFeatures() if f["overdue"]]
    assert dispatched_to_pupr in {f["id"] for f in late}, "the overdue report is not in the officer's open work"
    assert dock.overdue_count.text() == f"Terlambat: {len(late)}"
    assert "Terlambat: tenggat penyelesaian lewat" in dock.summary.text()
    assert {f["overdue_label"] for f in late if f["id"] == dispatched_to_pupr} == {
        "Terlambat: tenggat penyelesaian lewat"
    }
    rules = layer.renderer().rootRule().children()
    assert rules[0].label() == "Terlambat (lingkar merah)" and rules[0].filterExpression() == '"overdue" IS NOT NULL'
    dock.close_down()


def _render(layer, lon, lat) -> tuple:
    settings = QgsMapSettings()
    settings.setLayers([layer])
    settings.setExtent(QgsRectangle(lon - 0.001, lat - 0.001, lon + 0.001, lat + 0.001))
    settings.setOutputSize(QSize(200, 200))
    settings.setBackgroundColor(QColor("white"))
    job = QgsMapRendererParallelJob(settings)
    job.start()
    job.waitForFinished()
    return job.renderedImage()


def _feature(report_id, status, overdue=None, lon=111.7, lat=-8.05):
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
        "properties": {"id": report_id, "status": status, "overdue": overdue, "created_at": "2026-12-01T01:00:00Z"},
    }


def test_open_reports_draw_above_closed_ones_and_overdue_ones_on_top(qgis_app):
    # Open first in the data, closed after it at the same spot: without a drawing order the closed dot would win.
    layer = reports_layer([_feature(1, "in_progress"), _feature(2, "closed"), _feature(3, "resolved")])
    image = _render(layer, 111.7, -8.05)
    assert image.pixelColor(100, 100).name() == STATUS_STYLE["in_progress"][1]
    ringed = reports_layer([_feature(1, "dispatched", overdue="response"), _feature(2, "closed")])
    image = _render(ringed, 111.7, -8.05)
    assert image.pixelColor(100, 100).name() == STATUS_STYLE["dispatched"][1]
    colours = {image.pixelColor(x, 100).name() for x in range(100, 200)}
    assert any(QColor(c).red() > 180 and QColor(c).green() < 60 for c in colours), colours  # the red ring
    assert OVERDUE_RING == "#d50000"


def test_after_an_action_the_report_stays_in_view_with_its_new_state(server, qgis_iface, dispatched_to_pupr):
    report_id = dispatched_to_pupr
    dock = signed_in_dock(qgis_iface, server)
    check_items(dock.status, ["dispatched"])  # only what waits for acknowledgement
    dock._load()
    wait_idle(dock)
    layer = dock.reports_layer()
    fid = next(f.id() for f in layer.getFeatures() if f["id"] == report_id)
    assert not any(b.isEnabled() for b in dock.action_buttons.values())  # nothing selected
    assert dock.selected_label.text() == "Klik satu laporan di peta (alat Pilih)."  # signed in, not "Belum masuk"
    layer.selectByIds([fid])
    wait_idle(dock)  # the server says which actions are allowed for this report now
    assert dock.action_buttons["acknowledge"].isEnabled() and dock.action_buttons["return_to_operator"].isEnabled()
    count = layer.featureCount()
    dock.act(report_id, "acknowledge", {"expected_status": "dispatched"})
    wait_idle(dock)
    assert layer.featureCount() == count and dock.reports_layer() is layer  # not reloaded away
    feature = next(f for f in layer.getFeatures() if f["id"] == report_id)
    assert feature["status"] == "in_progress" and feature["status_label"] == "Sedang ditangani"
    assert "Sedang ditangani: " in dock.summary.text()  # the summary follows the new state
    assert dock.action_buttons["resolve"].isEnabled() and not dock.action_buttons["acknowledge"].isEnabled()

    # A closed report allows the OPD nothing: every button stays off.
    check_items(dock.status, ["closed"])
    dock._load()
    wait_idle(dock)
    dock.reports_layer().selectByIds([next(dock.reports_layer().getFeatures()).id()])
    wait_idle(dock)
    assert dock._selected()["status"] == "closed"
    assert not any(b.isEnabled() for b in dock.action_buttons.values()) and dock.timeline.isEnabled()
    dock.close_down()


def test_actions_are_disabled_before_sign_in(qgis_iface):
    from lapor_trenggalek.ui.dock import SETTINGS, ReportsDock

    QgsSettings().remove(SETTINGS + "authcfg")
    dock = ReportsDock(qgis_iface)
    wait_idle(dock)
    assert dock.client is None
    assert not any(b.isEnabled() for b in dock.action_buttons.values())
    assert not dock.timeline.isEnabled() and not dock.load.isEnabled() and not dock.sign_out.isEnabled()
    dock.close_down()
