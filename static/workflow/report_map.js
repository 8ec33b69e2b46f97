/* The desk's report page: the report's point on its desa's boundary (OpenLayers, no basemap). */
(function () {
  "use strict";
  var format = new ol.format.GeoJSON();
  var desa = format.readFeature(JSON.parse(JSON.parse(document.getElementById("desa-geojson").textContent)),
                                {dataProjection: "EPSG:4326", featureProjection: "EPSG:3857"});
  var report = JSON.parse(document.getElementById("report-point").textContent);
  var point = new ol.Feature(new ol.geom.Point(ol.proj.fromLonLat([report.lon, report.lat])));
  point.setStyle(new ol.style.Style({image: new ol.style.Circle({radius: 8, fill: new ol.style.Fill({color: report.colour}), stroke: new ol.style.Stroke({color: "#111", width: 2})})}));
  desa.setStyle(new ol.style.Style({stroke: new ol.style.Stroke({color: "#0d47a1", width: 2}), fill: new ol.style.Fill({color: "rgba(13,71,161,0.06)"})}));
  var source = new ol.source.Vector({features: [desa, point]});
  var map = new ol.Map({target: "map", layers: [new ol.layer.Vector({source: source})], view: new ol.View()});
  map.getView().fit(desa.getGeometry().getExtent(), {padding: [20, 20, 20, 20]});
})();
