"""The OPD officer's dock: sign in, choose kecamatan/status/period, load, and follow up the selected report."""

import contextlib

from qgis.core import Qgis, QgsApplication, QgsProject, QgsSettings, QgsTask
from qgis.PyQt.QtWidgets import (
    QComboBox,
    QDockWidget,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..core.api import ApiClient, ApiError, sign_in_needed
from ..core.auth import AuthError, token_forget, token_load, token_store
from ..core.layers import STATUS_STYLE, counts_by, kecamatan_layer, reports_layer, status_counts
from ..i18n import tr

SETTINGS = "lapor_trenggalek/"


class ReportsDock(QDockWidget):
    def __init__(self, iface):
        super().__init__("Lapor Trenggalek")
        self.iface = iface
        self.client: ApiClient | None = None
        self.task = None
        self.layer_ids: list[str] = []
        settings = QgsSettings()
        body = QWidget()
        layout = QVBoxLayout(body)
        form = QFormLayout()
        self.server = QLineEdit(settings.value(SETTINGS + "server", "http://127.0.0.1:8000"))
        self.username = QLineEdit(settings.value(SETTINGS + "username", ""))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.Password)
        form.addRow(tr("Server"), self.server)
        form.addRow(tr("Username"), self.username)
        form.addRow(tr("Password"), self.password)
        self.sign_in = QPushButton(tr("Sign in"))
        self.sign_in.clicked.connect(self._sign_in)
        self.sign_out = QPushButton(tr("Sign out"))
        self.sign_out.clicked.connect(self._sign_out)
        self.sign_out.setEnabled(False)
        sign = QHBoxLayout()
        sign.addWidget(self.sign_in)
        sign.addWidget(self.sign_out)
        form.addRow(sign)
        self.kecamatan = QComboBox()
        self.status = QComboBox()
        self.status.addItem(tr("All statuses"), "")
        for code, (label, _fill) in STATUS_STYLE.items():
            self.status.addItem(tr(label), code)
        self.created_from = QLineEdit()
        self.created_from.setPlaceholderText("2026-10-01")
        form.addRow(tr("Kecamatan"), self.kecamatan)
        form.addRow(tr("Status"), self.status)
        form.addRow(tr("Since (date)"), self.created_from)
        layout.addLayout(form)
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
        self.summary = QLabel(tr("Not signed in."))
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        actions = QHBoxLayout()
        for name, label in (
            ("acknowledge", tr("Acknowledge")),
            ("resolve", tr("Resolve")),
            ("return_to_operator", tr("Return")),
        ):
            button = QPushButton(label)
            button.clicked.connect(lambda _checked=False, name=name: self._act(name))
            actions.addWidget(button)
        layout.addLayout(actions)
        self.timeline = QPushButton(tr("Timeline and photos"))
        self.timeline.clicked.connect(self._show_timeline)
        layout.addWidget(self.timeline)
        layout.addStretch()
        self.setWidget(body)
        self._set_busy(False)
        self._resume(settings.value(SETTINGS + "authcfg", ""))

    def _resume(self, authcfg: str):
        """Signed in before: take the token back from QGIS's authentication database."""
        saved = token_load(authcfg)
        if not saved:
            return
        server, username, token = saved
        self.server.setText(server)
        self.username.setText(username)
        client = ApiClient(server, token)
        try:
            collection = client.kecamatan()
            client.check_sign_in()
        except ApiError as error:
            if sign_in_needed(error):
                self._session_ended(tell=False)
            return  # otherwise the server is away; the officer signs in again when it is back
        self._signed_in(client, collection)

    # --- actions --------------------------------------------------------------------------------------
    def _sign_in(self):
        client = ApiClient(self.server.text())
        try:
            client.obtain_token(self.username.text(), self.password.text())
            collection = client.kecamatan()
        except ApiError as error:
            self._tell(error.message, Qgis.Warning)
            return
        self.password.clear()
        settings = QgsSettings()
        try:
            authcfg = token_store(
                server=self.server.text(),
                username=self.username.text(),
                token=client.token,
                authcfg=settings.value(SETTINGS + "authcfg", "") or None,
            )
            settings.setValue(SETTINGS + "authcfg", authcfg)
        except AuthError as error:
            self._tell(tr("{error} You stay signed in for this session.").format(error=error), Qgis.Info)
        settings.setValue(SETTINGS + "server", self.server.text())
        settings.setValue(SETTINGS + "username", self.username.text())
        self._signed_in(client, collection)

    def _signed_in(self, client: ApiClient, collection: dict):
        self.client = client
        self._kecamatan_geojson = collection
        self.kecamatan.clear()
        self.kecamatan.addItem(tr("All kecamatan"), "")
        for feature in sorted(collection["features"], key=lambda f: f["properties"]["nama"]):
            self.kecamatan.addItem(feature["properties"]["nama"], feature["id"])
        self.summary.setText(tr("Signed in as {user}.").format(user=self.username.text()))
        self.sign_out.setEnabled(True)

    def _sign_out(self):
        """Sign-out button: end the token on the server (when reachable) and forget it here."""
        if self.client is not None:
            with contextlib.suppress(ApiError):  # ended or unreachable: forgetting it here is what matters
                self.client.sign_out()
        self._forget()
        self.summary.setText(tr("Not signed in."))

    def _session_ended(self, tell: bool = True):
        """The server refused the token (401: expired, revoked, password changed): ask for the password again."""
        self._forget()
        message = tr("Your sign-in has ended (expired or revoked). Sign in again with your password.")
        self.summary.setText(message)
        self.password.setFocus()
        if tell:
            self._tell(message, Qgis.Warning)

    def _forget(self):
        settings = QgsSettings()
        token_forget(settings.value(SETTINGS + "authcfg", ""))
        settings.remove(SETTINGS + "authcfg")
        self.client = None
        self.sign_out.setEnabled(False)

    def _refused(self, error: ApiError):
        if sign_in_needed(error):
            self._session_ended()
        else:
            self._tell(error.message, Qgis.Warning)

    def _load(self):
        if self.client is None:
            self._tell(tr("Sign in first with your staff account."), Qgis.Info)
            return
        filters = {
            "kecamatan": self.kecamatan.currentData(),
            "status": self.status.currentData(),
            "created_from": self.created_from.text().strip(),
        }
        client = self.client
        self.task = _LoadTask(client, filters)
        self.task.progressChanged.connect(lambda value: self.progress.setValue(int(value)))
        self.task.taskCompleted.connect(lambda: self._show(self.task))
        self.task.taskTerminated.connect(lambda: self._failed(self.task))
        self._set_busy(True)
        QgsApplication.taskManager().addTask(self.task)

    def _cancel(self):
        if self.task is not None:
            self.task.cancel()

    def _show(self, task):
        self._set_busy(False)
        project = QgsProject.instance()
        for layer_id in self.layer_ids:
            if project.mapLayer(layer_id):
                project.removeMapLayer(layer_id)
        boundary = kecamatan_layer(self._kecamatan_geojson, only=task.filters.get("kecamatan") or None)
        reports = reports_layer(task.features)
        project.addMapLayer(boundary)
        project.addMapLayer(reports)
        self.layer_ids = [boundary.id(), reports.id()]
        self.iface.mapCanvas().setExtent(boundary.extent())
        self.iface.mapCanvas().refresh()
        lines = [
            f"{tr(STATUS_STYLE.get(status, (status,))[0])}: {n}" for status, n in sorted(status_counts(reports).items())
        ]
        if not task.filters.get("kecamatan"):
            lines.append("")
            lines += [f"{nama}: {n}" for (nama,), n in sorted(counts_by(reports, "kecamatan_nama").items())]
        self.summary.setText(tr("{n} reports").format(n=reports.featureCount()) + "\n" + "\n".join(lines))

    def _failed(self, task):
        self._set_busy(False)
        if task.error is not None and sign_in_needed(task.error):
            self._session_ended()
            return
        self._tell(task.error.message if task.error else tr("Loading was cancelled."), Qgis.Warning)

    def _act(self, name: str):
        layer = QgsProject.instance().mapLayer(self.layer_ids[-1]) if self.layer_ids else None
        selected = layer.selectedFeatures() if layer else []
        if self.client is None or len(selected) != 1:
            self._tell(tr("Select exactly one report on the map."), Qgis.Info)
            return
        report_id = selected[0]["id"]
        fields, photo = {"expected_status": selected[0]["status"]}, None
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
        try:
            self.client.transition(report_id, name, fields=fields, photo=photo or None)
        except ApiError as error:
            self._refused(error)
            return
        self._tell(tr("Report {id}: done.").format(id=report_id), Qgis.Success)
        self._load()

    def _selected(self):
        layer = QgsProject.instance().mapLayer(self.layer_ids[-1]) if self.layer_ids else None
        selected = layer.selectedFeatures() if layer else []
        return selected[0] if len(selected) == 1 else None

    def _show_timeline(self):
        feature = self._selected()
        if self.client is None or feature is None:
            self._tell(tr("Select exactly one report on the map."), Qgis.Info)
            return
        from .timeline import TimelineDialog

        try:
            dialog = TimelineDialog(self.client, feature["id"], parent=self)
        except ApiError as error:
            self._refused(error)
            return
        dialog.show()

    # --- helpers --------------------------------------------------------------------------------------
    def _tell(self, message: str, level):
        self.iface.messageBar().pushMessage("Lapor Trenggalek", message, level=level, duration=8)

    def _set_busy(self, busy: bool):
        self.load.setEnabled(not busy)
        self.cancel.setEnabled(busy)
        self.progress.setVisible(busy)

    def close_down(self):
        self._cancel()


class _LoadTask(QgsTask):
    """Pages through the reports in the background; the layer is built on the main thread when it is done."""

    def __init__(self, client: ApiClient, filters: dict):
        super().__init__(tr("Loading Lapor Trenggalek reports"), QgsTask.CanCancel)
        self.client = client
        self.filters = filters
        self.features: list[dict] = []
        self.error = None

    def run(self) -> bool:
        try:
            self.features = self.client.reports(
                self.filters,
                on_page=lambda done, total: self.setProgress(100 * done / total if total else 0),
                is_cancelled=self.isCanceled,
            )
        except ApiError as error:  # reported in the message bar by the dock, never raised inside Qt
            self.error = error
            return False
        return True
