/* The citizen map: loads the visible area's public reports from /api/reports/ into a marker cluster and an
   accessible list, following the filters. The map object and its colours come from the folium page. */
(function () {
  "use strict";
  var map = window.laporMap, config = window.laporConfig;
  var form = document.getElementById("filters");
  var list = document.getElementById("report-list");
  var summary = document.getElementById("report-summary");
  var i18n = JSON.parse(document.getElementById("map-i18n").textContent);
  // Without a basemap no tile layer sets the zoom range; the cluster needs one.
  if (!map.options.maxZoom) map.setMaxZoom(19);
  var cluster = L.markerClusterGroup({chunkedLoading: true, showCoverageOnHover: false, maxClusterRadius: 45});
  map.addLayer(cluster);
  var LIMIT = 2000, pending = null, timer = null;

  function esc(text) {
    return String(text == null ? "" : text).replace(/[&<>"']/g, function (c) {
      return {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c];
    });
  }
  function colour(p) {
    return form.elements.colour.value === "squad" ? p.colour : (config.colours[p.status] || "#607d8b");
  }
  function when(iso) {
    return new Date(iso).toLocaleDateString(document.documentElement.lang || "id", {day: "numeric", month: "short", year: "numeric"});
  }
  function popup(f) {
    var p = f.properties;
    return '<div class="popup">' + (p.photo ? '<img src="' + esc(p.photo) + '" alt="" width="160">' : "") +
      "<b>" + esc(p.category_name) + "</b><br>" + esc(p.status_label) + "<br>" + esc(p.desa_nama) + ", " +
      esc(p.kecamatan_nama) + "<br>" + when(p.created_at) + '<br><a href="/laporan/' + p.id + '/">' + esc(i18n.open) + "</a></div>";
  }
  function query() {
    var params = new URLSearchParams();
    ["category", "status", "kecamatan", "created_from", "created_to"].forEach(function (name) {
      var value = form.elements[name].value;
      if (value) params.set(name, value);
    });
    var b = map.getBounds();
    var box = [Math.max(b.getWest(), -180), Math.max(b.getSouth(), -90), Math.min(b.getEast(), 180), Math.min(b.getNorth(), 90)];
    params.set("in_bbox", box.map(function (v) { return v.toFixed(5); }).join(","));
    params.set("limit", LIMIT);
    return params;
  }
  function show(collection) {
    cluster.clearLayers();
    var items = [];
    collection.features.forEach(function (f) {
      var c = f.geometry.coordinates, p = f.properties;
      var marker = L.circleMarker([c[1], c[0]], {radius: 8, color: "#1c2430", weight: 1, fillColor: colour(p), fillOpacity: 0.9});
      marker.bindPopup(popup(f));
      marker.bindTooltip(p.category_name + " · " + p.status_label);
      cluster.addLayer(marker);
      items.push('<li data-report="' + p.id + '"><span class="dot" style="background:' + esc(colour(p)) + '"></span><a href="/laporan/' +
        p.id + '/">' + esc(p.category_name) + "</a> · " + esc(p.status_label) + " · " + esc(p.desa_nama) + ", " + esc(p.kecamatan_nama) +
        ' <span class="muted">' + when(p.created_at) + "</span></li>");
    });
    list.innerHTML = items.slice(0, 200).join("");
    summary.textContent = collection.next ? i18n.more.replace("%s", collection.numberReturned) : i18n.count.replace("%s", collection.numberReturned);
  }
  function load() {
    if (pending) pending.abort();
    pending = new AbortController();
    summary.textContent = i18n.loading;
    fetch("/api/reports/?" + query().toString(), {headers: {Accept: "application/geo+json"}, signal: pending.signal})
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(show)
      .catch(function (e) { if (e.name !== "AbortError") summary.textContent = i18n.failed; });
  }
  function soon() { clearTimeout(timer); timer = setTimeout(load, 250); }
  map.on("moveend", soon);
  form.addEventListener("change", function (event) {
    if (event.target.name === "kecamatan" && event.target.value && window.laporKecamatan) {
      window.laporKecamatan.eachLayer(function (layer) {
        if (layer.feature && layer.feature.properties.kode === event.target.value) map.fitBounds(layer.getBounds());
      });
    }
    soon();
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); load(); });
  map.eachLayer(function (layer) { if (layer instanceof L.GeoJSON) window.laporKecamatan = layer; });
  load();
})();
