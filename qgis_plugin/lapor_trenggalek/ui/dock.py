"""The OPD officer's dock: sign in, filter, load, and follow up the selected report.

Nothing here waits for the server on QGIS's main thread: every call runs in a CallTask (core/tasks.py) and comes
back through `_run`'s callback, which is ignored when the dock has gone (QGIS quitting, plugin unloaded).
"""

import contextlib
import os

from qgis.core import Qgis, QgsApplication, QgsProject, QgsSettings
from qgis.gui import QgsCheckableComboBox, QgsDateEdit
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QCoreApplication, QDate, QSize, Qt
from qgis.PyQt.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDockWidget,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ..core import fieldwork
from ..core.api import ApiClient, ApiError, field_label, sign_in_needed
from ..core.auth import AuthError, token_forget, token_load, token_store
from ..core.layers import (
    OPEN_STATUSES,
    OVERDUE_CLOCKS,
    STATUS_STYLE,
    basemap_layer,
    desa_layer,
    kecamatan_layer,
    reports_layer,
    style_by_status,
    summary_counts,
    update_report,
)
from ..core.tasks import CallTask
from ..i18n import tr

SETTINGS = "lapor_trenggalek/"
# Offline: which statuses each action starts from (workflow/machine.py); the server checks again on "Kirim".
OFFLINE_ACTIONS = {
    "acknowledge": ("dispatched", "reopened"),
    "resolve": ("dispatched", "in_progress", "reopened"),
    "return_to_operator": ("dispatched", "in_progress"),
}
# What each action leads to, shown in the field package until "Kirim" brings the server's answer.
OFFLINE_RESULT = {"acknowledge": "in_progress", "resolve": "resolved", "return_to_operator": "returned"}
ACTIONS = (("acknowledge", "Acknowledge"), ("resolve", "Resolve"), ("return_to_operator", "Return"))


class ReportsDock(QDockWidget):
    def __init__(self, iface):
        super().__init__("Lapor Trenggalek")
        self.setObjectName("LaporTrenggalekDock")
        self.iface = iface
        self.client: ApiClient | None = None
        self.task: CallTask | None = None  # the running load or sign-in, which "Batal" stops
        self._tasks: dict[int, tuple[CallTask, object]] = {}  # every running task and its callback
        self.layer_ids: list[str] = []
        self._kecamatan_geojson: dict = {}
        self._allowed: dict[int, list[str]] = {}  # report id → actions the server allows the officer now
        self._closing = False
        settings = QgsSettings()

        body = QWidget()
        layout = QVBoxLayout(body)
        account = QGroupBox(tr("Account"))
        form = QFormLayout(account)
        self.server = QLineEdit(settings.value(SETTINGS + "server", "http://127.0.0.1:8000"))
        self.username = QLineEdit(settings.value(SETTINGS + "username", ""))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.Password)
        self.password.returnPressed.connect(self._sign_in)
        form.addRow(tr("Server"), self.server)
        form.addRow(tr("Username"), self.username)
        form.addRow(tr("Password"), self.password)
        self.sign_in = QPushButton(tr("Sign in"))
        self.sign_in.clicked.connect(self._sign_in)
        self.sign_out = QPushButton(tr("Sign out"))
        self.sign_out.clicked.connect(self._sign_out)
        sign = QHBoxLayout()
        sign.addWidget(self.sign_in)
        sign.addWidget(self.sign_out)
        form.addRow(sign)
        layout.addWidget(account)

        box = QGroupBox(tr("Filters"))
        filters = QFormLayout(box)
        self.kecamatan = QComboBox()
        self.status = QgsCheckableComboBox()
        self.status.setDefaultText(tr("All statuses"))
        for code, (label, _fill) in STATUS_STYLE.items():
            self.status.addItem(tr(label), code)
        self.category = QgsCheckableComboBox()
        self.category.setDefaultText(tr("All labels"))
        # One row each, wide enough for "Semua tanggal" (side by side, a narrow dock cut the text off).
        self.created_from = _date_edit()
        self.created_to = _date_edit()
        self.overdue = QCheckBox(tr("Overdue only"))
        self.open_work = QPushButton(tr("All open"))
        self.open_work.setToolTip(tr("Every report still waiting for action, whatever its date, place or label"))
        self.open_work.clicked.connect(self._all_open)
        quick = QHBoxLayout()
        quick.addWidget(self.overdue)
        quick.addWidget(self.open_work)
        filters.addRow(tr("Kecamatan"), self.kecamatan)
        filters.addRow(tr("Status"), self.status)
        filters.addRow(tr("Label"), self.category)
        filters.addRow(tr("From date"), self.created_from)
        filters.addRow(tr("To date"), self.created_to)
        filters.addRow(quick)
        layout.addWidget(box)

        buttons = QHBoxLayout()
        self.load = QPushButton(tr("Load reports"))
        self.load.clicked.connect(self._load)
        self.cancel = QPushButton(tr("Cancel"))
        self.cancel.clicked.connect(self._cancel)
        buttons.addWidget(self.load)
        buttons.addWidget(self.cancel)
        layout.addLayout(buttons)
        self.progress = QProgressBar()
        layout.addWidget(self.progress)
        self.overdue_count = QLabel()
        self.overdue_count.setStyleSheet("color: #d50000; font-weight: bold; font-size: 13px")
        layout.addWidget(self.overdue_count)
        self.summary = QLabel(tr("Not signed in."))
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextSelectableByMouse)
        layout.addWidget(self.summary)

        work = QGroupBox(tr("Selected report"))
        work_layout = QVBoxLayout(work)
        self.selected_label = QLabel(tr("Click a report on the map (Select tool)."))
        self.selected_label.setWordWrap(True)
        work_layout.addWidget(self.selected_label)
        actions = QHBoxLayout()
        self.action_buttons: dict[str, QPushButton] = {}
        for name, label in ACTIONS:
            button = QPushButton(tr(label))
            button.clicked.connect(lambda _checked=False, name=name: self._act(name))
            actions.addWidget(button)
            self.action_buttons[name] = button
        work_layout.addLayout(actions)
        self.timeline = QPushButton(tr("Timeline and photos"))
        self.timeline.clicked.connect(self._show_timeline)
        work_layout.addWidget(self.timeline)
        layout.addWidget(work)

        field = QGroupBox(tr("Fieldwork without a connection"))
        field_layout = QVBoxLayout(field)
        field_buttons = QHBoxLayout()
        self.take_out = QPushButton(tr("Take to the field"))
        self.take_out.setToolTip(tr("Save your open reports with their photos to a GeoPackage for use offline"))
        self.take_out.clicked.connect(self._take_out)
        self.send_queue = QPushButton(tr("Send"))
        self.send_queue.setToolTip(tr("Send the actions recorded in the field, now that you are online"))
        self.send_queue.clicked.connect(self.send_field)
        field_buttons.addWidget(self.take_out)
        field_buttons.addWidget(self.send_queue)
        field_layout.addLayout(field_buttons)
        self.field_status = QLabel()
        self.field_status.setWordWrap(True)
        field_layout.addWidget(self.field_status)
        layout.addWidget(field)
        self.field_path = settings.value(SETTINGS + "field_package", "") or ""
        self.field_layer_id = ""
        layout.addStretch()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        # The dock opens as wide as its content needs: no horizontal scrolling, no button or date cut off.
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(body.minimumSizeHint().width() + scroll.verticalScrollBar().sizeHint().width() + 4)
        self.setWidget(scroll)
        self._restore_filters()
        self._set_busy(False)
        self._update_actions()
        self._resume(settings.value(SETTINGS + "authcfg", ""))

    # --- background calls -----------------------------------------------------------------------------
    def _run(self, description: str, work, callback, *, main: bool = False) -> CallTask:
        """Run work(task) in QGIS's task manager; callback(result, error) on the main thread if the dock is alive.
        `main`: the load or sign-in the officer waits for (progress bar, "Batal")."""
        task = CallTask(description, work)
        self._tasks[id(task)] = (task, callback)
        task.done.connect(self._task_done)
        if main:
            self.task = task
            self.progress.setRange(0, 0)  # busy until the first page tells how many
            self.progress.setValue(0)
            task.progressChanged.connect(self._progress)
            self._set_busy(True)
        QgsApplication.taskManager().addTask(task)
        return task

    def _task_done(self, result, error):
        task = self.sender()
        entry = self._tasks.pop(id(task), None)
        if entry is None or self._closing or sip.isdeleted(self):
            return
        if task is self.task:
            self.task = None
            self._set_busy(False)
        entry[1](result, error)

    def _progress(self, value: float):
        if self.sender() is self.task and value > 0:
            self.progress.setRange(0, 100)
            self.progress.setValue(int(value))

    def _cancel(self):
        task = self.task
        if task is not None and not sip.isdeleted(task):
            task.cancel()

    def close_down(self):
        """The plugin unloads or QGIS quits: stop every call and ignore what comes back."""
        self._closing = True
        for task, _callback in list(self._tasks.values()):
            if not sip.isdeleted(task):
                with contextlib.suppress(TypeError):
                    task.done.disconnect(self._task_done)
                task.cancel()
        self._tasks.clear()
        self.task = None
        self._watch_selection(None)

    # --- sign-in --------------------------------------------------------------------------------------
    def _resume(self, authcfg: str):
        """Signed in before: take the token back from QGIS's authentication database and check it."""
        saved = token_load(authcfg)
        if not saved:
            return
        server, username, token = saved
        self.server.setText(server)
        self.username.setText(username)
        client = ApiClient(server, token, timeout_ms())

        def work(task):
            bound = client.bound(task.feedback)
            collection = bound.kecamatan()
            bound.check_sign_in()
            return collection, bound.categories()

        def done(result, error):
            if error is not None:
                if sign_in_needed(error):
                    self._session_ended(tell=False)
                elif not error.cancelled:
                    self.summary.setText(error.message)  # the server is away: sign in again when it is back
                return
            self._signed_in(client, *result)
            self._load()  # QGIS opened again: the officer's work is on the map, as after signing in

        self.summary.setText(tr("Connecting to the server…"))
        self._run(tr("Lapor Trenggalek: checking the sign-in"), work, done, main=True)

    def _sign_in(self):
        if self.task is not None:
            return
        if not self.server.text().strip() or not self.username.text().strip() or not self.password.text():
            self._say(tr("Fill in the server, your username and your password."), Qgis.Info)
            return
        client = ApiClient(self.server.text(), timeout_ms=timeout_ms())
        username, password = self.username.text().strip(), self.password.text()

        def work(task):
            bound = client.bound(task.feedback)
            token = bound.obtain_token(username, password)
            client.token = token
            return bound.kecamatan(), bound.categories()

        def done(result, error):
            self.sign_in.setEnabled(True)
            if error is not None:
                if not error.cancelled:
                    self._say(error.message, Qgis.Warning)
                else:
                    self.summary.setText(tr("Sign-in cancelled."))
                return
            self.password.clear()
            self._keep_token(client, username)
            self._signed_in(client, *result)
            self._load()  # the officer's open work, straight away

        self.summary.setText(tr("Signing in…"))
        self.sign_in.setEnabled(False)
        self._run(tr("Lapor Trenggalek: signing in"), work, done, main=True)

    def _keep_token(self, client: ApiClient, username: str):
        settings = QgsSettings()
        if not master_password_set() and not settings.value(SETTINGS + "master_explained", False, type=bool):
            self.explain_master_password()
            settings.setValue(SETTINGS + "master_explained", True)
        try:
            authcfg = token_store(
                server=self.server.text().strip(),
                username=username,
                token=client.token,
                authcfg=settings.value(SETTINGS + "authcfg", "") or None,
            )
            settings.setValue(SETTINGS + "authcfg", authcfg)
        except AuthError as error:
            self._say(tr("{error} You stay signed in for this session.").format(error=error), Qgis.Info)
        settings.setValue(SETTINGS + "server", self.server.text().strip())
        settings.setValue(SETTINGS + "username", username)

    def explain_master_password(self):
        """Before QGIS asks for its master password the first time: what it is for."""
        QMessageBox.information(
            self,
            tr("QGIS master password"),
            tr(
                "QGIS will now ask for a master password. It locks the sign-in this plugin keeps on this computer, "
                "so you do not type your Lapor Trenggalek password every day. Choose one you remember: QGIS asks "
                "for it once per session. It is not your Lapor Trenggalek password and is never sent anywhere."
            ),
        )

    def _signed_in(self, client: ApiClient, collection: dict, categories: list | None = None):
        self.client = client
        self._kecamatan_geojson = collection
        chosen = QgsSettings().value(SETTINGS + "filters/kecamatan", "")
        self.kecamatan.clear()
        self.kecamatan.addItem(tr("All kecamatan"), "")
        for feature in sorted(collection["features"], key=lambda f: f["properties"]["nama"]):
            self.kecamatan.addItem(feature["properties"]["nama"], feature["id"])
        self.kecamatan.setCurrentIndex(max(0, self.kecamatan.findData(chosen)))
        if categories is not None:
            saved = set(_list(QgsSettings().value(SETTINGS + "filters/categories", [])))
            self.category.clear()
            for item in sorted(categories, key=lambda c: c.get("name", "")):
                self.category.addItem(item.get("name", item.get("code")), item.get("code"))
            check_items(self.category, saved)
        self.summary.setText(tr("Signed in as {user}.").format(user=self.username.text()))
        self._set_busy(False)
        self._update_actions()

    def _sign_out(self):
        """End the token on the server (when reachable) and forget it here; the map stays as it is."""
        client = self.client
        self._forget()
        self.summary.setText(tr("Not signed in."))
        self.overdue_count.clear()
        if client is not None:
            # ended or unreachable: forgetting it here is what matters; the server ends it within its idle limit
            self._run(
                tr("Lapor Trenggalek: signing out"),
                lambda task: client.bound(task.feedback).sign_out(),
                lambda _r, _e: None,
            )

    def _session_ended(self, tell: bool = True):
        """The server refused the token (401: expired, revoked, password changed): ask for the password again."""
        self._forget()
        message = tr("Your sign-in has ended (expired or revoked). Sign in again with your password.")
        self.summary.setText(message)
        self.password.setFocus()
        if tell:
            self._say(message, Qgis.Warning)

    def _forget(self):
        settings = QgsSettings()
        token_forget(settings.value(SETTINGS + "authcfg", ""))
        settings.remove(SETTINGS + "authcfg")
        self.client = None
        self._allowed.clear()
        self._set_busy(False)
        self._update_actions()

    def _refused(self, error: ApiError):
        if sign_in_needed(error):
            self._session_ended()
        elif not error.cancelled:
            self._say(error.message, Qgis.Warning)

    # --- filters and loading --------------------------------------------------------------------------
    def filters(self) -> dict:
        """The server's parameters for what the dock shows now."""
        start, end = self.created_from.date(), self.created_to.date()
        return {
            "kecamatan": self.kecamatan.currentData() or "",
            "status": ",".join(self.status.checkedItemsData()),
            "category": ",".join(self.category.checkedItemsData()),
            "created_from": start.toString("yyyy-MM-dd") if not self.created_from.isNull() else "",
            "created_to": end.toString("yyyy-MM-dd") if not self.created_to.isNull() else "",
            "overdue": "true" if self.overdue.isChecked() else "",
        }

    def _all_open(self):
        """Every open report: the open statuses, no date, label, place or overdue limit."""
        check_items(self.status, OPEN_STATUSES)
        self.category.deselectAllOptions()
        self.kecamatan.setCurrentIndex(0)
        self.created_from.clear()
        self.created_to.clear()
        self.overdue.setChecked(False)
        if self.client is not None:
            self._load()

    def _restore_filters(self):
        settings = QgsSettings()
        statuses = _list(settings.value(SETTINGS + "filters/statuses", None))
        if statuses is None or settings.value(SETTINGS + "filters/saved", False, type=bool) is False:
            statuses = list(OPEN_STATUSES)  # first time: the officer's open work
        check_items(self.status, statuses)
        for edit, key in ((self.created_from, "from"), (self.created_to, "to")):
            day = QDate.fromString(settings.value(SETTINGS + f"filters/{key}", "") or "", "yyyy-MM-dd")
            if day.isValid():
                edit.setDate(day)
        self.overdue.setChecked(settings.value(SETTINGS + "filters/overdue", False, type=bool))

    def _save_filters(self, filters: dict):
        settings = QgsSettings()
        settings.setValue(SETTINGS + "filters/saved", True)
        settings.setValue(SETTINGS + "filters/statuses", [s for s in filters["status"].split(",") if s])
        settings.setValue(SETTINGS + "filters/categories", [c for c in filters["category"].split(",") if c])
        settings.setValue(SETTINGS + "filters/kecamatan", filters["kecamatan"])
        settings.setValue(SETTINGS + "filters/from", filters["created_from"])
        settings.setValue(SETTINGS + "filters/to", filters["created_to"])
        settings.setValue(SETTINGS + "filters/overdue", bool(filters["overdue"]))

    def _load(self):
        if self.client is None:
            self._say(tr("Sign in first with your staff account."), Qgis.Info)
            return
        if self.task is not None:
            return
        filters = self.filters()
        self.summary.clear()  # never the previous load's figures under new filters
        self.overdue_count.clear()
        if filters["created_from"] and filters["created_to"] and filters["created_to"] < filters["created_from"]:
            self._say(f"{field_label('created_to')}: " + tr("the last day comes before the first day."), Qgis.Warning)
            return
        self._save_filters(filters)
        client = self.client

        tiles = basemap_url()

        def work(task):
            bound = client.bound(task.feedback)
            features = bound.reports(
                filters,
                page_size=page_size(),
                on_page=lambda done, total: task.setProgress(max(1, 100 * done / total) if total else 100),
                is_cancelled=task.isCanceled,
            )
            desa = bound.desa(filters.get("kecamatan") or "")
            probe = tiles.replace("{z}", "0").replace("{x}", "0").replace("{y}", "0")
            with_basemap = bool(tiles) and bound.reachable(probe)
            # Tens of thousands of features: the layers and their figures are made here, off QGIS's main thread
            # (built there, 22,545 reports froze the window for 5.6 s; bench/qgis_load.py), then handed to it.
            reports = reports_layer(features, name=tr("Reports"))
            villages = desa_layer(desa, name=tr("Desa/kelurahan boundary"))
            counts = summary_counts(reports)
            main_thread = QCoreApplication.instance().thread()
            for layer in (reports, villages):
                layer.moveToThread(main_thread)
            return reports, villages, counts, with_basemap

        def done(features, error):
            if error is not None:
                if error.cancelled:
                    self.summary.setText(tr("Loading was cancelled; the map is as it was."))
                else:
                    self._refused(error)
                    if not sign_in_needed(error):
                        self.summary.setText(error.message)
                return
            self._show(*features, filters)

        self.summary.setText(tr("Loading reports…"))
        self._run(tr("Loading Lapor Trenggalek reports"), work, done, main=True)

    def _show(self, reports, villages, counts: dict, with_basemap: bool, filters: dict):
        """Replace the plugin's layers: reports on top, then kecamatan and desa boundaries, then the basemap."""
        project = QgsProject.instance()
        self._watch_selection(None)
        for layer_id in self.layer_ids:
            if project.mapLayer(layer_id):
                project.removeMapLayer(layer_id)
        boundary = kecamatan_layer(
            self._kecamatan_geojson, only=filters.get("kecamatan") or None, name=tr("Kecamatan boundary")
        )
        basemap = basemap_layer(basemap_url(), tr("Basemap (OpenStreetMap)")) if with_basemap else None
        layers = [layer for layer in (reports, boundary, villages, basemap) if layer is not None]
        group = _group()
        for layer in layers:
            project.addMapLayer(layer, False)
            group.addLayer(layer)
        self.layer_ids = [layer.id() for layer in reversed(layers)]  # the reports layer last
        self._watch_selection(reports)
        extent = reports.extent() if reports.featureCount() > 1 else boundary.extent()
        extent.scale(1.1)
        canvas = self.iface.mapCanvas()
        if canvas.mapSettings().destinationCrs().authid() != "EPSG:4326":
            from qgis.core import QgsCoordinateTransform

            extent = QgsCoordinateTransform(
                reports.crs(), canvas.mapSettings().destinationCrs(), project
            ).transformBoundingBox(extent)
        canvas.setExtent(extent)
        canvas.refresh()
        self._summarise(reports, filters, counts)

    def _summarise(self, reports, filters: dict | None = None, counts: dict | None = None):
        filters = filters or self.filters()
        counts = counts or summary_counts(reports)
        late = counts["overdue"]
        total_late = sum(late.values())
        self.overdue_count.setText(tr("Overdue: {n}").format(n=total_late) if total_late else "")
        lines = [
            f"{tr(STATUS_STYLE.get(status, (status,))[0])}: {n}"
            for status, n in sorted(
                counts["status"].items(),
                key=lambda kv: list(STATUS_STYLE).index(kv[0]) if kv[0] in STATUS_STYLE else 99,
            )
        ]
        if late:
            lines += [f"  {tr(OVERDUE_CLOCKS[clock])}: {n}" for clock, n in sorted(late.items())]
        if not filters.get("kecamatan"):
            lines.append("")
            lines += [f"{nama}: {n}" for nama, n in sorted(counts["kecamatan"].items()) if nama]
        self.summary.setText(tr("{n} reports").format(n=reports.featureCount()) + "\n" + "\n".join(lines))

    # --- the selected report --------------------------------------------------------------------------
    def reports_layer(self):
        return QgsProject.instance().mapLayer(self.layer_ids[-1]) if self.layer_ids else None

    def _watch_selection(self, layer):
        old = getattr(self, "_watched", None)
        if old is not None and not sip.isdeleted(old):
            with contextlib.suppress(TypeError):
                old.selectionChanged.disconnect(self._selection_changed)
        self._watched = layer
        if layer is not None:
            layer.selectionChanged.connect(self._selection_changed)

    def _selected(self):
        layer = self.reports_layer()
        selected = layer.selectedFeatures() if layer else []
        return selected[0] if len(selected) == 1 else None

    def _field_selected(self):
        """The report selected in the field package's layer (offline work), or None."""
        layer = QgsProject.instance().mapLayer(self.field_layer_id) if self.field_layer_id else None
        selected = layer.selectedFeatures() if layer else []
        return selected[0] if len(selected) == 1 else None

    def _selection_changed(self, *_args):
        feature = self._selected()
        self._update_actions()
        if feature is None or self.client is None:
            return
        report_id = feature["id"]
        self.selected_label.setText(f"#{report_id} · {feature['category_name']} · {feature['status_label']}")
        if report_id in self._allowed:
            return
        client = self.client

        def done(result, error):
            if error is not None:
                self._refused(error)
                return
            self._allowed[report_id] = [a["name"] for a in result["properties"].get("actions", [])]
            self._update_actions()

        self._run(
            tr("Lapor Trenggalek: actions of report {id}").format(id=report_id),
            lambda task: client.bound(task.feedback).report(report_id),
            done,
        )

    def _update_actions(self):
        """Each action button is enabled only when the server allows it for the selected report now (offline:
        what the report's status allowed when it was taken to the field)."""
        feature = self._selected() if self.client is not None else None
        allowed = self._allowed.get(feature["id"], []) if feature is not None else []
        offline = self._field_selected()
        if offline is not None:
            allowed = [name for name, sources in OFFLINE_ACTIONS.items() if offline["status"] in sources]
        for name, button in self.action_buttons.items():
            button.setEnabled(name in allowed)
        self.timeline.setEnabled(feature is not None)
        if offline is not None:
            self.selected_label.setText(
                f"#{offline['id']} · {offline['category_name']} · {offline['status_label']}\n"
                + tr("Field package: actions are recorded here and sent with Send.")
            )
        elif feature is None:
            self.selected_label.setText(
                tr("Click a report on the map (Select tool).") if self.client else tr("Not signed in.")
            )

    def _act(self, name: str):
        offline = self._field_selected()
        feature = self._selected() if offline is None else offline
        if (self.client is None and offline is None) or feature is None:
            self._say(tr("Select exactly one report on the map."), Qgis.Info)
            return
        report_id = feature["id"]
        fields, photo = {"expected_status": feature["status"]}, None
        if name in ("resolve", "return_to_operator"):
            note, ok = QInputDialog.getText(self, tr("Note"), tr("Note for the timeline:"))
            if not ok:
                return
            fields["note"] = note
        if name == "resolve":
            photo, _filter = QFileDialog.getOpenFileName(
                self, tr("Proof photo"), "", tr("Photos") + " (*.jpg *.jpeg *.png *.webp *.heic)"
            )
            if not photo:
                return
        if offline is not None:
            self.record_offline(report_id, name, fields, photo or None)
            return
        self.act(report_id, name, fields, photo or None)

    # --- fieldwork --------------------------------------------------------------------------------------
    def _take_out(self):
        path, _filter = QFileDialog.getSaveFileName(
            self,
            tr("Take to the field"),
            self.field_path or os.path.join(os.path.expanduser("~"), "lapangan.gpkg"),
            "GeoPackage (*.gpkg)",
        )
        if path:
            self.take_to_field(path if path.endswith(".gpkg") else path + ".gpkg")

    def take_to_field(self, path: str):
        if self.client is None:
            self._say(tr("Sign in first with your staff account."), Qgis.Info)
            return
        client = self.client

        def done(count, error):
            if error is not None:
                self._refused(error)
                return
            self.field_path = path
            QgsSettings().setValue(SETTINGS + "field_package", path)
            self._open_field_layer()
            self.field_status.setText(tr("{n} open reports saved to {path}.").format(n=count, path=path))

        self._run(
            tr("Lapor Trenggalek: taking reports to the field"),
            lambda task: fieldwork.take_to_field(client.bound(task.feedback), path),
            done,
            main=True,
        )

    def _open_field_layer(self):
        project = QgsProject.instance()
        if self.field_layer_id and project.mapLayer(self.field_layer_id):
            project.removeMapLayer(self.field_layer_id)
        layer = fieldwork.field_layer(self.field_path)
        style_by_status(layer)
        project.addMapLayer(layer, False)
        _group().insertLayer(0, layer)
        self.field_layer_id = layer.id()
        layer.selectionChanged.connect(self._update_actions)

    def record_offline(self, report_id: int, name: str, fields: dict, photo=None):
        fieldwork.record(self.field_path, report_id, name, fields["expected_status"], fields.get("note", ""), photo)
        status = OFFLINE_RESULT[name]
        layer = QgsProject.instance().mapLayer(self.field_layer_id) if self.field_layer_id else None
        fieldwork.mark(self.field_path, report_id, status, tr(STATUS_STYLE[status][0]), layer)
        if layer is not None:
            layer.triggerRepaint()
        self._update_actions()
        n = len(fieldwork.waiting(self.field_path))
        self.field_status.setText(tr("Recorded offline; waiting to be sent: {n}.").format(n=n))
        self._say(tr("Report {id}: recorded; press Send when you are online.").format(id=report_id), Qgis.Info)

    def send_field(self):
        if self.client is None or not self.field_path:
            self._say(tr("Sign in and take reports to the field first."), Qgis.Info)
            return
        client, path = self.client, self.field_path

        def done(results, error):
            if error is not None:
                self._refused(error)
                return
            lines = []
            for report_id, outcome, answer in results:
                if outcome == "sent":
                    lines.append(tr("Report {id}: sent ({status}).").format(id=report_id, status=answer))
                else:
                    lines.append(tr("Report {id}: refused: {reason}").format(id=report_id, reason=answer))
            self.field_status.setText("\n".join(lines) or tr("Nothing waiting to be sent."))
            refused = sum(1 for _id, outcome, _answer in results if outcome != "sent")
            if results:  # also on the message bar: the dock scrolls back up when the map is loaded again
                self._say(
                    tr("Fieldwork sent: {sent}, refused: {refused} (details under Send).").format(
                        sent=len(results) - refused, refused=refused
                    ),
                    Qgis.Warning if refused else Qgis.Success,
                )
            if any(outcome == "sent" for _id, outcome, _answer in results):
                self._load()  # the map and its figures show what the server now holds

        self._run(
            tr("Lapor Trenggalek: sending fieldwork"),
            lambda task: fieldwork.send(client.bound(task.feedback), path),
            done,
            main=True,
        )

    def act(self, report_id: int, name: str, fields: dict, photo=None):
        """Send an action; the report stays on the map with the state the server answers."""
        client = self.client
        for button in self.action_buttons.values():
            button.setEnabled(False)

        def done(result, error):
            if error is not None:
                self._refused(error)
                self._allowed.pop(report_id, None)
                self._selection_changed()
                return
            self._allowed.pop(report_id, None)
            layer = self.reports_layer()
            if layer is not None and update_report(layer, result["properties"]):
                self._summarise(layer)
            self._say(
                tr("Report {id}: {status}.").format(id=report_id, status=result["properties"]["status_label"]),
                Qgis.Success,
            )
            self._selection_changed()

        self._run(
            tr("Lapor Trenggalek: report {id}").format(id=report_id),
            lambda task: client.bound(task.feedback).transition(report_id, name, fields=fields, photo=photo),
            done,
        )

    def _show_timeline(self):
        feature = self._selected()
        if self.client is None or feature is None:
            self._say(tr("Select exactly one report on the map."), Qgis.Info)
            return
        from .timeline import TimelineDialog, fetch_timeline

        client = self.client
        report_id = feature["id"]

        def done(result, error):
            if error is not None:
                self._refused(error)
                return
            dialog = TimelineDialog(client, *result, parent=self)
            dialog.show()

        self._run(
            tr("Lapor Trenggalek: timeline of report {id}").format(id=report_id),
            lambda task: fetch_timeline(client.bound(task.feedback), report_id),
            done,
        )

    # --- helpers --------------------------------------------------------------------------------------
    def _say(self, message: str, level):
        """Message bar and the dock's own summary (a message bar line can be cut off or missed)."""
        self.iface.messageBar().pushMessage("Lapor Trenggalek", message, level=level, duration=10)
        if level in (Qgis.Warning, Qgis.Critical):
            self.summary.setText(message)

    def _set_busy(self, busy: bool):
        self.load.setEnabled(not busy and self.client is not None)
        self.cancel.setEnabled(busy)
        self.progress.setVisible(busy)
        self.sign_in.setEnabled(not busy)
        self.sign_out.setEnabled(self.client is not None)
        self.open_work.setEnabled(not busy)


PAGE_SIZE = 2000
OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"


def basemap_url() -> str:
    """The basemap's XYZ URL (settings: lapor_trenggalek/basemap_url; empty: none, for offline networks)."""
    return str(QgsSettings().value(SETTINGS + "basemap_url", OSM_TILES) or "")


def _group():
    """The layer tree group of the plugin's layers, at the top of the layer panel."""
    root = QgsProject.instance().layerTreeRoot()
    group = root.findGroup("Lapor Trenggalek")
    return group if group is not None else root.insertGroup(0, "Lapor Trenggalek")


def master_password_set() -> bool:
    return QgsApplication.authManager().masterPasswordIsSet()


def timeout_ms() -> int:
    """How long a silent server is waited for (settings: lapor_trenggalek/timeout_s, 20 s by default)."""
    try:
        seconds = float(QgsSettings().value(SETTINGS + "timeout_s", 20))
    except (TypeError, ValueError):
        seconds = 20
    return int(min(max(seconds, 1), 300) * 1000)


def page_size() -> int:
    """Reports per request when loading (settings: lapor_trenggalek/page_size; the server allows at most 5,000)."""
    try:
        size = int(QgsSettings().value(SETTINGS + "page_size", PAGE_SIZE))
    except (TypeError, ValueError):
        size = PAGE_SIZE
    return min(max(size, 100), 5000)


class _DateEdit(QgsDateEdit):
    """A date picker whose size hints leave room for its "no date" text, not only for a date (Qt sizes a date
    edit by its longest date: "Semua tanggal" was cut to "nua tanggal")."""

    def _text_width(self) -> int:
        from qgis.PyQt.QtWidgets import QStyle, QStyleOptionComboBox

        metrics = self.fontMetrics()
        text = max((self.nullRepresentation(), self.displayFormat()), key=metrics.horizontalAdvance)
        option = QStyleOptionComboBox()
        option.initFrom(self)
        option.editable = True
        inner = QSize(metrics.horizontalAdvance(text + "  ") + 4, metrics.height())
        return self.style().sizeFromContents(QStyle.CT_ComboBox, option, inner, self).width()

    def clear(self):
        """No date: show "Semua tanggal" (QGIS 3.22 showed today's date in grey after a clear: the clear button or
        "Semua yang terbuka" looked like a filter on today)."""
        super().clear()
        if self.isNull():
            self.setNullRepresentation(self.nullRepresentation())

    def sizeHint(self):
        hint = super().sizeHint()
        return QSize(max(hint.width(), self._text_width()), hint.height())

    def minimumSizeHint(self):
        hint = super().minimumSizeHint()
        return QSize(max(hint.width(), self._text_width()), hint.height())


def _date_edit() -> QgsDateEdit:
    edit = _DateEdit()
    edit.setAllowNull(True)
    edit.setNullRepresentation(tr("any day"))
    edit.setDisplayFormat("dd-MM-yyyy")
    edit.setCalendarPopup(True)
    edit.clear()
    return edit


def check_items(combo: QgsCheckableComboBox, codes) -> None:
    """Exactly these items (by their data) checked, all others unchecked."""
    codes = set(codes)
    for index in range(combo.count()):
        combo.setItemCheckState(index, Qt.Checked if combo.itemData(index) in codes else Qt.Unchecked)


def _list(value):
    if value is None:
        return None
    if isinstance(value, str):
        return [value] if value else []
    return list(value)
