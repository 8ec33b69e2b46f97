"""GeoJSON from the server → QGIS layers, styled the way OPD staff read them."""

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsFeature,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsJsonUtils,
    QgsMarkerSymbol,
    QgsPalLayerSettings,
    QgsPointXY,
    QgsProperty,
    QgsRendererCategory,
    QgsSymbolLayer,
    QgsTextFormat,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
)
from qgis.PyQt.QtCore import QVariant
from qgis.PyQt.QtGui import QColor

from ..i18n import tr

# (field, type) in the order the attribute table shows them
REPORT_FIELDS = [
    ("id", QVariant.Int),
    ("category", QVariant.String),
    ("category_name", QVariant.String),
    ("squad", QVariant.String),
    ("colour", QVariant.String),
    ("status", QVariant.String),
    ("status_label", QVariant.String),
    ("created_at", QVariant.String),
    ("opd", QVariant.String),
    ("response_due", QVariant.String),
    ("resolution_due", QVariant.String),
    ("overdue", QVariant.String),
    ("kecamatan", QVariant.String),
    ("kecamatan_nama", QVariant.String),
    ("desa", QVariant.String),
    ("desa_nama", QVariant.String),
    ("description", QVariant.String),
    ("photo", QVariant.String),
]
# Status → (label, fill): red waiting, yellow being handled, green resolved (as on the citizen map).
STATUS_STYLE = {
    "received": ("Received", "#9e9e9e"),
    "verified": ("Verified", "#c62828"),
    "dispatched": ("Dispatched to OPD", "#c62828"),
    "returned": ("Returned by OPD", "#6d4c41"),
    "in_progress": ("In progress", "#f9a825"),
    "reopened": ("Reopened", "#ef6c00"),
    "resolved": ("Resolved", "#2e7d32"),
    "closed": ("Closed", "#1b5e20"),
    "rejected": ("Rejected", "#424242"),
    "duplicate": ("Duplicate", "#757575"),
}


def reports_layer(features: list[dict], name: str | None = None) -> QgsVectorLayer:
    """A memory layer of report points (EPSG:4326) with the report's fields, styled by status."""
    layer = QgsVectorLayer("Point?crs=EPSG:4326", name or tr("Reports"), "memory")
    fields = QgsFields()
    for field_name, kind in REPORT_FIELDS:
        fields.append(QgsField(field_name, kind))
    provider = layer.dataProvider()
    provider.addAttributes(fields.toList())
    layer.updateFields()
    rows = []
    for item in features:
        props = item.get("properties", {})
        lon, lat = item["geometry"]["coordinates"][:2]
        feature = QgsFeature(layer.fields())
        feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(lon, lat)))
        feature.setAttributes([_value(props.get(field_name)) for field_name, _kind in REPORT_FIELDS])
        rows.append(feature)
    provider.addFeatures(rows)
    layer.updateExtents()
    style_by_status(layer)
    return layer


def style_by_status(layer: QgsVectorLayer) -> None:
    """Categorised by status (fill), with the squad's colour as the outline; labels at street scale."""
    categories = []
    for status, (label, fill) in STATUS_STYLE.items():
        symbol = QgsMarkerSymbol.createSimple({"name": "circle", "size": "3.2", "color": fill, "outline_width": "0.6"})
        symbol.symbolLayer(0).setDataDefinedProperty(
            QgsSymbolLayer.PropertyStrokeColor, QgsProperty.fromExpression("coalesce(\"colour\", '#222222')")
        )
        categories.append(QgsRendererCategory(status, symbol, tr(label)))
    layer.setRenderer(QgsCategorizedSymbolRenderer("status", categories))
    settings = QgsPalLayerSettings()
    settings.fieldName = "category_name"
    settings.scaleVisibility = True
    settings.maximumScale = 1
    settings.minimumScale = 25000  # only when zoomed in to a desa, where names are readable
    text = QgsTextFormat()
    text.setSize(8)
    text.setColor(QColor("#1c2430"))
    settings.setFormat(text)
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    layer.setLabelsEnabled(True)


def kecamatan_layer(collection: dict, only: str | None = None, name: str = "Kecamatan") -> QgsVectorLayer:
    """The kecamatan boundaries (optionally one kecamatan) as a memory layer with an outline style."""
    import json

    if only:
        collection = {**collection, "features": [f for f in collection["features"] if f.get("id") == only]}
    text = json.dumps(collection)
    fields = QgsJsonUtils.stringToFields(text)
    features = QgsJsonUtils.stringToFeatureList(text, fields)
    layer = QgsVectorLayer("MultiPolygon?crs=EPSG:4326", name, "memory")
    layer.dataProvider().addAttributes(fields.toList())
    layer.updateFields()
    layer.dataProvider().addFeatures(features)
    layer.updateExtents()
    symbol = layer.renderer().symbol()
    symbol.setColor(QColor(13, 71, 161, 20))
    symbol.symbolLayer(0).setStrokeColor(QColor("#0d47a1"))
    symbol.symbolLayer(0).setStrokeWidth(0.6)
    return layer


def counts_by(layer: QgsVectorLayer, *fields: str) -> dict[tuple, int]:
    """How many features per value (or combination of values) of these fields."""
    indexes = [layer.fields().indexOf(name) for name in fields]
    counts: dict[tuple, int] = {}
    for feature in layer.getFeatures():
        attributes = feature.attributes()
        key = tuple(attributes[i] for i in indexes)
        counts[key] = counts.get(key, 0) + 1
    return counts


def status_counts(layer: QgsVectorLayer) -> dict[str, int]:
    return {key[0]: n for key, n in counts_by(layer, "status").items()}


def _value(value):
    if value is None:
        return None
    if isinstance(value, bool):
        return str(value).lower()
    return value
