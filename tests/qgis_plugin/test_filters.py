"""The filters an officer uses, remembered per QGIS profile, and QGIS manners (aliases, WIB, quiet layers)."""

from datetime import date, timedelta

import pytest
from lapor_trenggalek.core.api import ApiError
from lapor_trenggalek.core.layers import REPORT_FIELDS, reports_layer
from lapor_trenggalek.ui.dock import SETTINGS, ReportsDock, check_items
from qgis.core import QgsApplication, QgsProject, QgsSettings
from qgis.gui import QgsDateEdit
from qgis.PyQt.QtCore import QDate
from test_plugin import TRENGGALEK, _matched, signed_in_dock, wait_idle


@pytest.fixture(autouse=True)
def _clean():
    yield
    QgsProject.instance().removeAllMapLayers()
    QgsSettings().remove(SETTINGS + "filters")


def test_several_statuses_a_label_a_kecamatan_and_a_date_range_load_what_the_server_matches(server, qgis_iface):
    dock = signed_in_dock(qgis_iface, server, username="pimpinan")  # leadership sees every OPD's reports
    assert isinstance(dock.created_from, QgsDateEdit) and dock.created_from.calendarPopup()
    check_items(dock.status, ["resolved", "closed"])
    check_items(dock.category, ["jalan-rusak", "sampah"])
    dock.kecamatan.setCurrentIndex(dock.kecamatan.findData(TRENGGALEK))
    start = date.today() - timedelta(days=120)
    dock.created_from.setDate(QDate(start.year, start.month, start.day))
    dock.created_to.setDate(QDate.currentDate())
    filters = dock.filters()
    assert filters["status"] == "resolved,closed" and filters["category"] == "jalan-rusak,sampah"
    assert filters["created_from"] == start.isoformat() and filters["created_to"] == date.today().isoformat()
    dock._load()
    wait_idle(dock)
    layer = dock.reports_layer()
    expected = _matched(
        dock.client,
        status="resolved,closed",
        category="jalan-rusak,sampah",
        kecamatan=TRENGGALEK,
        created_from=filters["created_from"],
        created_to=filters["created_to"],
    )
    assert layer.featureCount() == expected > 0
    assert {f["status"] for f in layer.getFeatures()} <= {"resolved", "closed"}
    assert {f["category"] for f in layer.getFeatures()} <= {"jalan-rusak", "sampah"}

    # Overdue only: what the server counts as past a deadline (none of these closed ones).
    dock.overdue.setChecked(True)
    dock._load()
    wait_idle(dock)
    assert dock.reports_layer().featureCount() == 0 and dock.overdue_count.text() == ""
    dock.close_down()

    # QGIS restarts: the same filters are there (per profile: QgsSettings); labels and kecamatan once signed in.
    again = ReportsDock(qgis_iface)
    wait_idle(again)
    assert again.status.checkedItemsData() == ["resolved", "closed"] and again.overdue.isChecked()
    again.close_down()
    again = signed_in_dock(qgis_iface, server, username="pimpinan")
    assert again.status.checkedItemsData() == ["resolved", "closed"]
    assert sorted(again.category.checkedItemsData()) == ["jalan-rusak", "sampah"]
    assert again.kecamatan.currentData() == TRENGGALEK
    assert again.filters()["created_from"] == start.isoformat() and again.overdue.isChecked()

    # "All open": every open report, no other limit.
    again._all_open()
    wait_idle(again)
    assert again.filters() == {
        "kecamatan": "",
        "status": "received,verified,dispatched,returned,in_progress,reopened",
        "category": "",
        "created_from": "",
        "created_to": "",
        "overdue": "",
    }
    assert again.reports_layer().featureCount() == _matched(
        again.client, status="received,verified,dispatched,returned,in_progress,reopened"
    )
    again.close_down()


def test_a_wrong_date_range_names_the_field_and_clears_the_old_summary(server, qgis_iface):
    dock = signed_in_dock(qgis_iface, server)
    assert "laporan" in dock.summary.text()
    layers = list(dock.layer_ids)
    dock.created_from.setDate(QDate(2026, 12, 1))
    dock.created_to.setDate(QDate(2026, 11, 1))
    dock._load()
    wait_idle(dock)
    assert dock.summary.text() == "Sampai tanggal: tanggal akhir lebih awal dari tanggal awal."
    assert dock.layer_ids == layers
    dock.close_down()


def test_a_narrow_dock_shows_semua_tanggal_whole_and_cuts_off_nothing(qgis_iface):
    # QGIS first opens the dock about 250 px wide; two date pickers side by side cut "Semua tanggal" to
    # "nua tanggal" there, and the dock scrolled sideways hiding "Keluar", "Batal" and "Kirim".
    dock = ReportsDock(qgis_iface)
    wait_idle(dock)
    dock.resize(250, 900)
    dock.show()
    QgsApplication.processEvents()
    scroll = dock.widget()
    body = scroll.widget()
    assert body.width() <= scroll.viewport().width()  # nothing to scroll sideways to
    for edit in (dock.created_from, dock.created_to):
        assert edit.isNull() and edit.lineEdit().text() == "Semua tanggal"
        text = edit.lineEdit().fontMetrics().horizontalAdvance("Semua tanggal")
        assert edit.lineEdit().width() >= text + 4, (edit.lineEdit().width(), text)
        edit.setDate(QDate(2026, 12, 31))
        QgsApplication.processEvents()
        shown = edit.lineEdit().fontMetrics().horizontalAdvance(edit.lineEdit().text())
        assert edit.lineEdit().text() == "31-12-2026" and edit.lineEdit().width() >= shown + 4
    # "Semua yang terbuka" and the picker's clear button: "Semua tanggal" again, not today's date in grey.
    dock._all_open()
    dock.created_to.setDate(QDate(2026, 12, 31))
    dock.created_to.clear()
    QgsApplication.processEvents()
    for edit in (dock.created_from, dock.created_to):
        assert edit.isNull() and edit.lineEdit().text() == "Semua tanggal"
    for button in (dock.sign_out, dock.cancel, dock.send_queue, *dock.action_buttons.values()):
        assert button.mapTo(body, button.rect().topRight()).x() < scroll.viewport().width(), button.text()
    dock.close_down()
    dock.close()


def test_the_servers_refusal_of_a_filter_names_the_field_in_the_officers_words(pupr):
    with pytest.raises(ApiError) as caught:
        pupr.reports({"created_from": "01/12/2026"})
    assert caught.value.status == 400
    assert "Sejak tanggal:" in caught.value.message and "created_from" not in caught.value.message


def test_fields_have_indonesian_names_and_times_are_in_wib(pupr, qgis_app):
    layer = reports_layer(pupr.reports({"kecamatan": TRENGGALEK}, page_size=100))
    names = {layer.fields().at(i).name(): layer.attributeDisplayName(i) for i in range(layer.fields().count())}
    assert names["created_at"] == "Dilaporkan (WIB)" and names["resolution_due"] == "Tenggat penyelesaian (WIB)"
    assert names["status_label"] == "Status" and names["desa_nama"] == "Desa/kelurahan"
    assert len(names) == len(REPORT_FIELDS)
    feature = next(layer.getFeatures())
    raw = next(f for f in pupr.reports({"kecamatan": TRENGGALEK}) if f["id"] == feature["id"])
    from datetime import datetime

    utc = datetime.fromisoformat(raw["properties"]["created_at"])
    assert feature["created_at"] == (utc + timedelta(hours=7)).strftime("%Y-%m-%d %H:%M WIB")


def test_the_layers_do_not_ask_to_be_saved_when_qgis_quits(server, qgis_iface):
    dock = signed_in_dock(qgis_iface, server)
    for layer_id in dock.layer_ids:
        assert QgsProject.instance().mapLayer(layer_id).customProperty("skipMemoryLayersCheck") == 1
    dock.close_down()


def test_the_master_password_is_explained_before_qgis_asks_for_it(
    server, qgis_iface, master_password_explained, monkeypatch
):
    import lapor_trenggalek.ui.dock

    monkeypatch.setattr(lapor_trenggalek.ui.dock, "master_password_set", lambda: False)  # a fresh QGIS
    QgsSettings().remove(SETTINGS + "master_explained")
    dock = signed_in_dock(qgis_iface, server)
    assert master_password_explained == [True]
    dock.close_down()
    dock = signed_in_dock(qgis_iface, server)
    assert master_password_explained == [True]  # once, not every sign-in
    dock.close_down()


def test_a_photo_opens_large(pupr, qgis_app, dispatched_to_pupr):
    from lapor_trenggalek.ui.timeline import PhotoDialog, TimelineDialog, fetch_timeline

    report_id = dispatched_to_pupr  # with the citizen's photo
    dialog = TimelineDialog(pupr, *fetch_timeline(pupr, report_id))
    assert dialog.photo_buttons
    dialog.photo_buttons[0].click()
    shown = []
    for _ in range(300):
        QgsApplication.processEvents()
        shown = [w for w in QgsApplication.topLevelWidgets() if isinstance(w, PhotoDialog) and w.isVisible()]
        if shown:
            break
        import time

        time.sleep(0.02)
    assert shown, "no large photo"
    pixmap = shown[0].image.pixmap()
    assert pixmap.height() > 120  # larger than the thumbnail
    for window in shown:
        window.close()
    dialog.close()
