"""GeoJSON from the server → QGIS layers, styled the way OPD staff read them."""

from datetime import UTC, datetime, timedelta, timezone

from qgis.core import (
    QgsFeature,
    QgsFeatureRequest,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsJsonUtils,
    QgsMarkerSymbol,
    QgsPalLayerSettings,
    QgsPointXY,
    QgsRuleBasedRenderer,
    QgsTextFormat,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
)
from qgis.PyQt.QtCore import Qt, QVariant
from qgis.PyQt.QtGui import QColor

from ..i18n import tr

# (field, type, Indonesian alias source) in the order the attribute table shows them
REPORT_FIELDS = [
    ("id", QVariant.Int, "No."),
    ("status_label", QVariant.String, "Status"),
    ("overdue_label", QVariant.String, "Overdue"),
    ("category_name", QVariant.String, "Label"),
    ("desa_nama", QVariant.String, "Desa/kelurahan"),
    ("kecamatan_nama", QVariant.String, "Kecamatan"),
    ("created_at", QVariant.String, "Reported (WIB)"),
    ("response_due", QVariant.String, "Response due (WIB)"),
    ("resolution_due", QVariant.String, "Resolution due (WIB)"),
    ("description", QVariant.String, "Description"),
    ("opd", QVariant.String, "OPD"),
    ("status", QVariant.String, "Status code"),
    ("overdue", QVariant.String, "Overdue clock"),
    ("category", QVariant.String, "Label code"),
    ("squad", QVariant.String, "Squad"),
    ("colour", QVariant.String, "Squad colour"),
    ("kecamatan", QVariant.String, "Kecamatan code"),
    ("desa", QVariant.String, "Desa code"),
    ("photo", QVariant.String, "Photo"),
]
TIME_FIELDS = {"created_at", "response_due", "resolution_due"}
WIB = timezone(timedelta(hours=7))
# Which clock ran out (the server's `overdue`), in the officer's words.
OVERDUE_CLOCKS = {
    "verification": "Overdue: verification deadline passed",
    "response": "Overdue: first-response deadline passed",
    "resolution": "Overdue: resolution deadline passed",
}
OPEN_STATUSES = ("received", "verified", "dispatched", "returned", "in_progress", "reopened")
OVERDUE_RING = "#d50000"
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


def wib(value: str | None) -> str | None:
    """An ISO time from the server as the officer reads it: '2026-12-03 12:40 WIB'."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(WIB).strftime("%Y-%m-%d %H:%M WIB")


def report_values(props: dict) -> dict:
    """The layer's attribute values for a report's GeoJSON properties."""
    values = {}
    for field_name, _kind, _alias in REPORT_FIELDS:
        if field_name in TIME_FIELDS:
            values[field_name] = wib(props.get(field_name))
        elif field_name == "overdue_label":
            clock = props.get("overdue")
            values[field_name] = tr(OVERDUE_CLOCKS[clock]) if clock in OVERDUE_CLOCKS else None
        else:
            values[field_name] = _value(props.get(field_name))
    return values


def reports_layer(features: list[dict], name: str | None = None) -> QgsVectorLayer:
    """A memory layer of report points (EPSG:4326) with the report's fields (Indonesian aliases, times in WIB),
    styled so the officer's work stands out: overdue ringed in red and drawn on top, open above closed."""
    layer = QgsVectorLayer("Point?crs=EPSG:4326", name or tr("Reports"), "memory")
    fields = QgsFields()
    for field_name, kind, _alias in REPORT_FIELDS:
        fields.append(QgsField(field_name, kind))
    provider = layer.dataProvider()
    provider.addAttributes(fields.toList())
    layer.updateFields()
    for index, (_name, _kind, alias) in enumerate(REPORT_FIELDS):
        layer.setFieldAlias(index, tr(alias))
    rows = []
    for item in features:
        props = item.get("properties", {})
        lon, lat = item["geometry"]["coordinates"][:2]
        feature = QgsFeature(layer.fields())
        feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(lon, lat)))
        values = report_values(props)
        feature.setAttributes([values[field_name] for field_name, _kind, _alias in REPORT_FIELDS])
        rows.append(feature)
    provider.addFeatures(rows)
    layer.updateExtents()
    layer.setDisplayExpression("concat('#', \"id\", ' ', \"category_name\", ' · ', \"status_label\")")
    quiet(layer)
    style_by_status(layer)
    return layer


def quiet(layer) -> None:
    """A scratch layer the server fills: QGIS must not ask to save it when quitting."""
    layer.setCustomProperty("skipMemoryLayersCheck", 1)


def update_report(layer: QgsVectorLayer, props: dict) -> bool:
    """Write a report's new state (after an action) into its feature; True when the report is in the layer."""
    matches = list(layer.getFeatures(QgsFeatureRequest().setFilterExpression(f'"id" = {int(props["id"])}')))
    if not matches:
        return False
    values = report_values(props)
    changes = {layer.fields().indexOf(name): values[name] for name, _kind, _alias in REPORT_FIELDS if name in props}
    changes[layer.fields().indexOf("overdue_label")] = values["overdue_label"]
    layer.dataProvider().changeAttributeValues({matches[0].id(): changes})
    layer.triggerRepaint()
    return True


# Drawn first (bottom) to last (top): closed reports, open ones, overdue ones.
DRAW_ORDER = (
    'CASE WHEN "overdue" IS NOT NULL THEN 2 '
    "WHEN \"status\" IN ('resolved', 'closed', 'rejected', 'duplicate') THEN 0 ELSE 1 END"
)


def style_by_status(layer: QgsVectorLayer) -> None:
    """A dot per report filled by status; a red ring around overdue ones; labels at street scale."""
    root = QgsRuleBasedRenderer.Rule(None)
    ring = QgsMarkerSymbol.createSimple(
        {"name": "circle", "size": "6", "color": "0,0,0,0", "outline_color": OVERDUE_RING, "outline_width": "1.1"}
    )
    root.appendChild(QgsRuleBasedRenderer.Rule(ring, 0, 0, '"overdue" IS NOT NULL', tr("Overdue (red ring)")))
    for status, (label, fill) in STATUS_STYLE.items():
        symbol = QgsMarkerSymbol.createSimple(
            {"name": "circle", "size": "3.4", "color": fill, "outline_color": "#ffffff", "outline_width": "0.5"}
        )
        root.appendChild(QgsRuleBasedRenderer.Rule(symbol, 0, 0, f"\"status\" = '{status}'", tr(label)))
    renderer = QgsRuleBasedRenderer(root)
    renderer.setOrderBy(QgsFeatureRequest.OrderBy([QgsFeatureRequest.OrderByClause(DRAW_ORDER, True)]))
    renderer.setOrderByEnabled(True)
    layer.setRenderer(renderer)
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
    """The kecamatan boundaries (optionally one kecamatan) as a memory layer: outline and name."""
    if only:
        collection = {**collection, "features": [f for f in collection["features"] if f.get("id") == only]}
    layer = _polygons(collection, name)
    symbol = layer.renderer().symbol()
    symbol.setColor(QColor(13, 71, 161, 12))
    symbol.symbolLayer(0).setStrokeColor(QColor("#0d47a1"))
    symbol.symbolLayer(0).setStrokeWidth(0.6)
    _label(layer, 'upper("nama")', size=10, colour="#0d47a1", bold=True, max_scale=400000)
    return layer


def desa_layer(collection: dict, name: str = "Desa/kelurahan") -> QgsVectorLayer:
    """Desa/kelurahan boundaries: thin dashed grey lines, names when zoomed in (from the server's /api/desa/)."""
    layer = _polygons(collection, name)
    symbol = layer.renderer().symbol()
    symbol.setColor(QColor(0, 0, 0, 0))
    symbol.symbolLayer(0).setStrokeColor(QColor("#78909c"))
    symbol.symbolLayer(0).setStrokeWidth(0.3)
    symbol.symbolLayer(0).setStrokeStyle(Qt.DashLine)
    _label(layer, '"nama"', size=8, colour="#455a64", bold=False, max_scale=60000)
    return layer


def basemap_layer(url: str, name: str = "OpenStreetMap"):
    """An XYZ tile basemap (OpenStreetMap by default); None when no URL is configured (offline networks)."""
    from urllib.parse import quote

    from qgis.core import QgsRasterLayer

    if not url:
        return None
    layer = QgsRasterLayer(f"type=xyz&url={quote(url, safe=':/{}')}&zmax=19&zmin=0", name, "wms")
    return layer if layer.isValid() else None


def _polygons(collection: dict, name: str) -> QgsVectorLayer:
    import json

    text = json.dumps(collection)
    fields = QgsJsonUtils.stringToFields(text)
    features = QgsJsonUtils.stringToFeatureList(text, fields)
    layer = QgsVectorLayer("MultiPolygon?crs=EPSG:4326", name, "memory")
    layer.dataProvider().addAttributes(fields.toList())
    layer.updateFields()
    layer.dataProvider().addFeatures(features)
    layer.updateExtents()
    quiet(layer)
    return layer


def _label(layer, expression: str, *, size: float, colour: str, bold: bool, max_scale: float) -> None:
    from qgis.PyQt.QtGui import QFont

    settings = QgsPalLayerSettings()
    settings.fieldName = expression
    settings.isExpression = True
    settings.scaleVisibility = True
    settings.minimumScale = max_scale
    settings.maximumScale = 1
    text = QgsTextFormat()
    font = QFont()
    font.setBold(bold)
    text.setFont(font)
    text.setSize(size)
    text.setColor(QColor(colour))
    buffer = text.buffer()
    buffer.setEnabled(True)
    buffer.setSize(0.8)
    buffer.setColor(QColor("white"))
    text.setBuffer(buffer)
    settings.setFormat(text)
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    layer.setLabelsEnabled(True)


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


def overdue_counts(layer: QgsVectorLayer) -> dict[str, int]:
    """Overdue reports per clock that ran out (verification, response, resolution)."""
    return {key[0]: n for key, n in counts_by(layer, "overdue").items() if key[0]}


def summary_counts(layer: QgsVectorLayer) -> dict[str, dict]:
    """The dock's figures in one pass over the layer: reports per status, per clock that ran out (overdue) and
    per kecamatan name."""
    fields = layer.fields()
    status, overdue, kecamatan = (fields.indexOf(name) for name in ("status", "overdue", "kecamatan_nama"))
    counts: dict[str, dict] = {"status": {}, "overdue": {}, "kecamatan": {}}
    request = QgsFeatureRequest().setFlags(QgsFeatureRequest.NoGeometry)
    request.setSubsetOfAttributes([status, overdue, kecamatan])
    for feature in layer.getFeatures(request):
        attributes = feature.attributes()
        for key, index in (("status", status), ("overdue", overdue), ("kecamatan", kecamatan)):
            value = attributes[index]
            if value:  # never NULL (QGIS's NULL is falsy, not None) or empty
                counts[key][value] = counts[key].get(value, 0) + 1
    return counts


def _value(value):
    if value is None:
        return None
    if isinstance(value, bool):
        return str(value).lower()
    return value
