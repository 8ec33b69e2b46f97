"""Fieldwork without a connection: a GeoPackage the officer takes out, actions recorded in it, sent when back.

- `take_to_field(client, path)`: the officer's open reports (with their photos' thumbnails) into `path`, layer
  `laporan`, plus an empty queue table `antrian`.
- `record(path, ...)`: an acknowledge/resolve/return recorded offline (note, proof photo copied into the package).
- `send(client, path)`: every unsent action, oldest first, with the status the officer saw (`expected_status`): the
  server refuses (409) an action on a report that moved on meanwhile, so a repeat never acts twice. Sent and
  refused rows are marked and never sent again; a network failure stops and leaves the rest for later.
"""

import uuid
from datetime import UTC, datetime
from pathlib import Path

from qgis.core import (
    QgsCoordinateTransformContext,
    QgsFeature,
    QgsField,
    QgsFields,
    QgsVectorFileWriter,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QByteArray, QVariant

from ..i18n import tr
from .api import ApiClient, ApiError
from .layers import OPEN_STATUSES, reports_layer

QUEUE_FIELDS = [
    ("client_id", QVariant.String),  # this action's own id: the row, never the server's
    ("report_id", QVariant.Int),
    ("action", QVariant.String),
    ("expected_status", QVariant.String),
    ("note", QVariant.String),
    ("photo", QVariant.ByteArray),
    ("photo_name", QVariant.String),
    ("recorded_at", QVariant.String),
    ("state", QVariant.String),  # waiting | sent | refused
    ("answer", QVariant.String),  # the server's new status or its reason for refusing
]


def take_to_field(client: ApiClient, path: str, *, on_page=None) -> int:
    """Save the officer's open reports with their photos to a GeoPackage; returns how many."""
    features = client.reports({"status": ",".join(OPEN_STATUSES)}, on_page=on_page)
    layer = reports_layer(features, name="laporan")
    layer.dataProvider().addAttributes([QgsField("thumbnail", QVariant.ByteArray)])
    layer.updateFields()
    index = layer.fields().indexOf("thumbnail")
    changes = {}
    for feature in layer.getFeatures():
        if feature["photo"]:
            try:
                changes[feature.id()] = {index: QByteArray(client.download(feature["photo"]))}
            except ApiError as error:
                if error.cancelled:
                    raise
    layer.dataProvider().changeAttributeValues(changes)
    _write(layer, path, "laporan", overwrite_file=True)
    queue = QgsVectorLayer("None", "antrian", "memory")
    fields = QgsFields()
    for name, kind in QUEUE_FIELDS:
        fields.append(QgsField(name, kind))
    queue.dataProvider().addAttributes(fields.toList())
    queue.updateFields()
    _write(queue, path, "antrian", overwrite_file=False)
    return layer.featureCount()


def _write(layer, path: str, name: str, *, overwrite_file: bool) -> None:
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    options.layerName = name
    options.actionOnExistingFile = (
        QgsVectorFileWriter.CreateOrOverwriteFile if overwrite_file else QgsVectorFileWriter.CreateOrOverwriteLayer
    )
    result = QgsVectorFileWriter.writeAsVectorFormatV2(layer, path, QgsCoordinateTransformContext(), options)
    if result[0] != QgsVectorFileWriter.NoError:
        raise ApiError(tr("The field package could not be written: {error}").format(error=result[1]))


def field_layer(path: str) -> QgsVectorLayer:
    return QgsVectorLayer(f"{path}|layername=laporan", tr("Reports (field package)"), "ogr")


def queue_layer(path: str) -> QgsVectorLayer:
    return QgsVectorLayer(f"{path}|layername=antrian", "antrian", "ogr")


def record(path: str, report_id: int, action: str, expected_status: str, note: str = "", photo=None) -> str:
    """An action taken in the field, kept until `send`; returns its client id."""
    queue = queue_layer(path)
    feature = QgsFeature(queue.fields())
    client_id = uuid.uuid4().hex
    content = Path(photo).read_bytes() if photo else None
    values = {
        "client_id": client_id,
        "report_id": report_id,
        "action": action,
        "expected_status": expected_status,
        "note": note,
        "photo": QByteArray(content) if content else None,
        "photo_name": Path(photo).name if photo else None,
        "recorded_at": datetime.now(UTC).isoformat(),
        "state": "waiting",
        "answer": None,
    }
    for name, value in values.items():
        feature[name] = value
    if not queue.dataProvider().addFeatures([feature])[0]:
        raise ApiError(tr("The action could not be kept in the field package."))
    return client_id


def mark(path: str, report_id: int, status: str, status_label: str, layer: QgsVectorLayer | None = None) -> None:
    """The report's state in the package after an action recorded offline, so that the map shows the officer's
    progress and the next action starts from it (acknowledged, then resolved: sent with the right status).
    `layer`: the package's layer on the map, written through so that its selection stays."""
    layer = layer or field_layer(path)
    fields = layer.fields()
    for feature in layer.getFeatures(f'"id" = {int(report_id)}'):
        changes = {fields.indexOf("status"): status, fields.indexOf("status_label"): status_label}
        layer.dataProvider().changeAttributeValues({feature.id(): changes})


def waiting(path: str) -> list[QgsFeature]:
    queue = queue_layer(path)
    rows = [f for f in queue.getFeatures() if f["state"] == "waiting"]
    return sorted(rows, key=lambda f: f["recorded_at"])


def send(client: ApiClient, path: str) -> list[tuple[int, str, str]]:
    """Send the waiting actions; returns (report id, 'sent'|'refused', the answer) for each one handled."""
    import tempfile

    queue = queue_layer(path)
    state, answer = queue.fields().indexOf("state"), queue.fields().indexOf("answer")
    results = []
    for row in waiting(path):
        fields = {"expected_status": row["expected_status"]}
        if row["note"]:
            fields["note"] = row["note"]
        photo = None
        if row["photo"]:
            folder = Path(tempfile.mkdtemp())
            photo = folder / (row["photo_name"] or "bukti.jpg")
            photo.write_bytes(bytes(row["photo"]))
        try:
            done = client.transition(row["report_id"], row["action"], fields=fields, photo=photo)
        except ApiError as error:
            if error.status in (400, 403, 404, 409):  # the report moved on, or the action is not allowed
                message = error.message
                if error.status == 409:
                    message = tr("The report changed meanwhile (someone acted first): {reason}").format(
                        reason=error.message
                    )
                queue.dataProvider().changeAttributeValues({row.id(): {state: "refused", answer: message}})
                results.append((row["report_id"], "refused", message))
                continue
            raise  # offline again, or the session ended: the rest waits
        status_label = done["properties"]["status_label"]
        queue.dataProvider().changeAttributeValues({row.id(): {state: "sent", answer: status_label}})
        results.append((row["report_id"], "sent", status_label))
    return results
