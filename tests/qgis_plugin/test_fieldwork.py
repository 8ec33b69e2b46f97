"""Fieldwork without a connection: open reports to a GeoPackage, actions recorded offline, sent once when back."""

from lapor_trenggalek.core.api import ApiClient
from lapor_trenggalek.core.fieldwork import field_layer, queue_layer, record, send, take_to_field, waiting
from qgis.PyQt.QtGui import QColor, QImage


def _photo(tmp_path):
    path = tmp_path / "bukti-lapangan.jpg"
    image = QImage(320, 240, QImage.Format_RGB32)
    image.fill(QColor("#8d6e63"))
    image.save(str(path), "JPG")
    return path


def test_a_field_session_is_saved_recorded_offline_and_sent_once(server, pupr, tmp_path, dispatched_to_pupr, qgis_app):
    from conftest import make_dispatched

    other = make_dispatched(server, tmp_path)
    package = str(tmp_path / "lapangan.gpkg")
    n = take_to_field(pupr, package)
    layer = field_layer(package)
    assert layer.isValid() and layer.featureCount() == n > 0
    row = next(f for f in layer.getFeatures() if f["id"] == dispatched_to_pupr)
    assert row["status"] == "dispatched" and row["thumbnail"] and bytes(row["thumbnail"])[:2] == b"\xff\xd8"
    assert {f["status"] for f in layer.getFeatures()} <= {"dispatched", "in_progress", "reopened", "returned"}

    # In the field, no connection: acknowledge, then resolve with a note and a proof photo.
    record(package, dispatched_to_pupr, "acknowledge", "dispatched")
    record(package, dispatched_to_pupr, "resolve", "in_progress", "Ditambal di lokasi", _photo(tmp_path))
    # Another report the officer acknowledges offline, while the office acts on it first.
    record(package, other, "acknowledge", "dispatched")
    ApiClient(server, pupr.token).transition(other, "acknowledge", fields={"expected_status": "dispatched"})
    assert len(waiting(package)) == 3

    # Offline still: nothing is lost, nothing marked.
    offline = ApiClient("http://127.0.0.1:9", pupr.token, timeout_ms=2000)
    try:
        send(offline, package)
    except Exception as error:  # noqa: BLE001
        assert "menolak sambungan" in str(error)
    assert len(waiting(package)) == 3

    # Back online: "Kirim".
    results = send(pupr, package)
    assert [(r[0], r[1]) for r in results] == [
        (dispatched_to_pupr, "sent"),
        (dispatched_to_pupr, "sent"),
        (other, "refused"),
    ]
    assert "sudah berubah" in results[2][2]  # the refusal explained: the report moved on meanwhile
    events = pupr.events(dispatched_to_pupr)
    assert [e["transition"] for e in events[-2:]] == ["acknowledge", "resolve"]
    assert events[-1]["note"] == "Ditambal di lokasi" and events[-1]["photo"]
    assert pupr.report(dispatched_to_pupr)["properties"]["status"] == "resolved"

    # "Kirim" again: nothing is sent twice.
    assert send(pupr, package) == []
    assert len(pupr.events(dispatched_to_pupr)) == len(events)
    states = {f["client_id"]: f["state"] for f in queue_layer(package).getFeatures()}
    assert sorted(states.values()) == ["refused", "sent", "sent"] and len(states) == 3


def test_the_dock_takes_reports_to_the_field_records_offline_and_sends(
    server, qgis_iface, tmp_path, dispatched_to_pupr, monkeypatch
):
    from lapor_trenggalek.core.fieldwork import waiting
    from qgis.core import Qgis, QgsProject
    from qgis.PyQt.QtWidgets import QFileDialog, QInputDialog
    from test_plugin import signed_in_dock, wait_idle

    dock = signed_in_dock(qgis_iface, server)
    dock._all_open()  # whatever filters an earlier test left in this profile: every open report
    wait_idle(dock)
    package = str(tmp_path / "lapangan.gpkg")
    dock.take_to_field(package)
    wait_idle(dock)
    assert "laporan terbuka disimpan" in dock.field_status.text()
    layer = QgsProject.instance().mapLayer(dock.field_layer_id)
    assert layer.isValid() and layer.name() == "Laporan (paket lapangan)"
    assert dispatched_to_pupr in {f["id"] for f in dock.reports_layer().getFeatures()}  # open work, on the map
    layer.selectByIds([next(f.id() for f in layer.getFeatures() if f["id"] == dispatched_to_pupr)])
    assert dock.action_buttons["acknowledge"].isEnabled()  # offline: from the status it had when taken out
    dock.client_backup, dock.client = dock.client, None  # no connection in the field
    dock._act("acknowledge")
    assert "menunggu dikirim: 1" in dock.field_status.text() and len(waiting(package)) == 1
    # The package shows the officer's progress, and the next action starts from it: resolved after acknowledged.
    row = next(f for f in layer.getFeatures() if f["id"] == dispatched_to_pupr)
    assert row["status"] == "in_progress" and row["status_label"] == "Sedang ditangani"
    assert dock.selected_label.text().startswith(f"#{dispatched_to_pupr} · ")
    assert not dock.action_buttons["acknowledge"].isEnabled() and dock.action_buttons["resolve"].isEnabled()
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Ditambal di lokasi", True))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(_photo(tmp_path)), ""))
    dock._act("resolve")
    assert [f["expected_status"] for f in waiting(package)] == ["dispatched", "in_progress"]
    dock.client = dock.client_backup  # back in the office
    dock.send_field()
    wait_idle(dock)
    assert f"Laporan {dispatched_to_pupr}: terkirim (Sedang ditangani)." in dock.field_status.text()
    assert f"Laporan {dispatched_to_pupr}: terkirim (Selesai ditangani)." in dock.field_status.text()
    told = qgis_iface.messageBar().get_messages(Qgis.Success)
    assert any("Kerja lapangan terkirim: 2, ditolak: 0" in text for text in told), told
    wait_idle(dock)  # the map is loaded again: the resolved report has left the open work
    assert dispatched_to_pupr not in {f["id"] for f in dock.reports_layer().getFeatures()}
    dock.send_field()
    wait_idle(dock)
    assert dock.field_status.text() == "Tidak ada yang menunggu dikirim."
    QgsProject.instance().removeAllMapLayers()
    dock.close_down()
