"""A report's timeline (the audit trail) and its photos, inside QGIS."""

import html

from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QPixmap
from qgis.PyQt.QtWidgets import QDialog, QHBoxLayout, QLabel, QTextBrowser, QVBoxLayout

from ..core.api import ApiClient, ApiError
from ..i18n import tr


class TimelineDialog(QDialog):
    def __init__(self, client: ApiClient, report_id: int, parent=None):
        super().__init__(parent)
        feature = client.report(report_id)
        events = client.events(report_id)
        props = feature["properties"]
        self.setWindowTitle(tr("Report #{id}").format(id=report_id) + f" · {props['category_name']}")
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                f"<b>{html.escape(props['status_label'])}</b> · {html.escape(props['desa_nama'])}, "
                f"{html.escape(props['kecamatan_nama'])}"
            )
        )
        photos = QHBoxLayout()
        for photo in props.get("photos", [])[:6]:
            label = QLabel()
            try:
                pixmap = QPixmap()
                pixmap.loadFromData(client.download(photo["thumbnail"]))
                label.setPixmap(pixmap.scaledToHeight(120, Qt.SmoothTransformation))
            except ApiError as error:
                label.setText(error.message)
            label.setToolTip(tr("Proof photo") if photo["kind"] == "proof" else tr("Citizen's photo"))
            photos.addWidget(label)
        layout.addLayout(photos)
        self.text = QTextBrowser()
        rows = []
        for event in events:
            who = event.get("actor") or event.get("actor_role_label", "")
            note = f"<br>{html.escape(event['note'])}" if event.get("note") else ""
            when = html.escape(event["created_at"][:16].replace("T", " "))
            opd = f" · {html.escape(event['opd'])}" if event.get("opd") else ""
            rows.append(
                f"<p><b>{html.escape(event['to_status_label'])}</b> · {when} · {html.escape(who)}{opd}{note}</p>"
            )
        self.text.setHtml(f"<p>{html.escape(props.get('description') or '')}</p>" + "".join(rows))
        layout.addWidget(self.text)
        self.resize(520, 560)
