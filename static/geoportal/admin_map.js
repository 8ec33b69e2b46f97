/* The admin's geometry fields (GeoDjango's MapWidget) started from the options each widget writes as JSON,
   instead of GeoDjango's inline script, which the Content-Security-Policy refuses. The basemap is the
   citizen map's (MAP_TILES_URL); without one, the geometry is drawn on a blank map. */
(function () {
  "use strict";
  function start() {
    document.querySelectorAll(".dj_map_wrapper[data-map-options]").forEach(function (wrapper) {
      var options = JSON.parse(document.getElementById(wrapper.dataset.mapOptions).textContent);
      options.base_layer = options.tiles_url
        ? new ol.layer.Tile({source: new ol.source.XYZ({url: options.tiles_url.replace("{s}", "{a-c}"), attributions: options.tiles_attribution})})
        : new ol.layer.Vector({source: new ol.source.Vector()});
      window[options.module] = new MapWidget(options);
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
