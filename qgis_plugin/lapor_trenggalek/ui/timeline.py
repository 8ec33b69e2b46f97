"""A report's timeline (the audit trail) and its photos, inside QGIS. A photo opens large when clicked."""

import html

from qgis.core import QgsApplication
from qgis.PyQt import sip
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QPixmap
from qgis.PyQt.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QTextBrowser, QVBoxLayout

from ..core.api import ApiClient, ApiError
from ..core.layers import wib
from ..core.tasks import CallTask
from ..i18n import tr


def fetch_timeline(client: ApiClient, report_id: int) -> tuple[dict, list, list]:
    """The report, its events and its photos' thumbnails (bytes, or the reason they failed): in a task."""
    feature = client.report(report_id)
    events = client.events(report_id)
    thumbs = []
    for photo in feature["properties"].get("photos", [])[:6]:
        try:
            thumbs.append((photo, client.download(photo["thumbnail"])))
        except ApiError as error:
            if error.cancelled:
                raise
            thumbs.append((photo, error.message))
    return feature, events, thumbs


class TimelineDialog(QDialog):
    def __init__(self, client: ApiClient, feature: dict, events: list, thumbs: list, parent=None):
        super().__init__(parent)
        self.client = client
        self._task = None
        props = feature["properties"]
        report_id = props["id"]
        self.setWindowTitle(tr("Report #{id}").format(id=report_id) + f" · {props['category_name']}")
        layout = QVBoxLayout(self)
        late = props.get("overdue")
        overdue = f" · <b style='color:#d50000'>{html.escape(tr('Overdue'))}</b>" if late else ""
        layout.addWidget(
            QLabel(
                f"<b>{html.escape(props['status_label'])}</b>{overdue} · {html.escape(props['desa_nama'] or '')}, "
                f"{html.escape(props['kecamatan_nama'] or '')}"
            )
        )
        photos = QHBoxLayout()
        self.photo_buttons = []
        for photo, content in thumbs:
            column = QVBoxLayout()
            caption = tr("Proof photo") if photo["kind"] == "proof" else tr("Citizen's photo")
            if isinstance(content, bytes):
                pixmap = QPixmap()
                pixmap.loadFromData(content)
                button = QPushButton()
                button.setIcon(_icon(pixmap))
                button.setIconSize(pixmap.scaledToHeight(120, Qt.SmoothTransformation).size())
                button.setToolTip(tr("Open the photo large"))
                button.setFlat(True)
                button.setCursor(Qt.PointingHandCursor)
                button.clicked.connect(
                    lambda _c=False, url=photo["url"], caption=caption: self.open_photo(url, caption)
                )
                self.photo_buttons.append(button)
                column.addWidget(button)
            else:
                column.addWidget(QLabel(content))
            column.addWidget(QLabel(caption), alignment=Qt.AlignHCenter)
            photos.addLayout(column)
        photos.addStretch()
        layout.addLayout(photos)
        self.text = QTextBrowser()
        rows = []
        for event in events:
            who = event.get("actor") or event.get("actor_role_label", "")
            note = f"<br>{html.escape(event['note'])}" if event.get("note") else ""
            when = html.escape(wib(event["created_at"]) or "")
            opd = f" · {html.escape(event['opd'])}" if event.get("opd") else ""
            rows.append(
                f"<p><b>{html.escape(event['to_status_label'])}</b> · {when} · {html.escape(who)}{opd}{note}</p>"
            )
        self.text.setHtml(f"<p>{html.escape(props.get('description') or '')}</p>" + "".join(rows))
        layout.addWidget(self.text)
        self.resize(560, 600)

    def open_photo(self, url: str, caption: str):
        """The full photo in its own window, fitted to the screen (downloaded in the background)."""
        client = self.client
        task = CallTask(tr("Lapor Trenggalek: photo"), lambda task: client.bound(task.feedback).download(url))
        self._task = task

        def done(content, error):
            if sip.isdeleted(self):
                return
            if error is not None:
                if not error.cancelled:
                    self.text.append(f"<p style='color:#b71c1c'>{html.escape(error.message)}</p>")
                return
            PhotoDialog(content, caption, parent=self).show()

        task.done.connect(done)
        QgsApplication.taskManager().addTask(task)

    def done(self, result):  # closing: stop a photo still downloading
        if self._task is not None and not sip.isdeleted(self._task):
            self._task.cancel()
        super().done(result)


class PhotoDialog(QDialog):
    def __init__(self, content: bytes, caption: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(caption)
        pixmap = QPixmap()
        pixmap.loadFromData(content)
        screen = QgsApplication.primaryScreen().availableGeometry()
        self.image = QLabel()
        self.image.setPixmap(
            pixmap.scaled(
                int(screen.width() * 0.8), int(screen.height() * 0.8), Qt.KeepAspectRatio, Qt.SmoothTransformation
            )
            if pixmap.width() > screen.width() * 0.8 or pixmap.height() > screen.height() * 0.8
            else pixmap
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.image)


def _icon(pixmap: QPixmap):
    from qgis.PyQt.QtGui import QIcon

    return QIcon(pixmap.scaledToHeight(120, Qt.SmoothTransformation))
