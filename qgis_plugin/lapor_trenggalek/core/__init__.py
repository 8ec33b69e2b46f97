"""The plugin's core: talking to the server and turning its GeoJSON into QGIS layers. No widgets here."""
