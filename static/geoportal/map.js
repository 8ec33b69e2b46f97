/* The citizen map: loads the visible area's public reports from /api/reports/ into a marker cluster and an
   accessible list, following the filters. Where the view holds more reports than one GeoJSON page
   (config.featureLimit), it draws the vector tiles of /tiles/reports/ instead: circles sized by the number
   of reports per area, and the reports themselves at street level. The map object and its colours come
   from the folium page. */
(function () {
  "use strict";
  var map = window.laporMap, config = window.laporConfig;
  var form = document.getElementById("filters");
  var list = document.getElementById("report-list");
  var summary = document.getElementById("report-summary");
  var i18n = JSON.parse(document.getElementById("map-i18n").textContent);
  // Without a basemap no tile layer sets the zoom range; the cluster needs one.
  if (!map.options.maxZoom) map.setMaxZoom(19);
  L.control.scale({imperial: false}).addTo(map);  // kilometres and metres only
  var PROGRESS = config.progress;  // geoportal/progress.py
  // The filters as the page opens: the status filter's first choice, the reports still open (first_reports_url asks
  // the same before the map library has loaded).
  var defaultFilters = new URLSearchParams({status: form.elements.status.options[0].value}).toString();
  // The colour of many reports shown as one circle (a cluster here, a cell of the vector tiles), as the legend says:
  // red while any of them waits, yellow while any is being handled, green only when all are done. (Markercluster's
  // own green-yellow-orange by size would paint a cluster of waiting reports green.)
  function groupColour(waiting, handling) {
    return waiting > 0 ? PROGRESS.waiting : handling > 0 ? PROGRESS.handling : PROGRESS.done;
  }
  function clusterIcon(group) {
    var count = {waiting: 0, handling: 0, done: 0}, squads = {};
    group.getAllChildMarkers().forEach(function (m) {
      count[m.options.progress] = (count[m.options.progress] || 0) + 1;
      squads[m.options.fillColor] = true;
    });
    var n = group.getChildCount(), keys = Object.keys(squads);
    var fill = form.elements.colour.value === "squad" ? (keys.length === 1 ? keys[0] : "#607d8b") : groupColour(count.waiting, count.handling);
    var size = n < 10 ? 34 : n < 100 ? 40 : 46;
    return L.divIcon({
      html: '<span style="background:' + fill + ";color:" + ink(fill) + '">' + n + "</span>", className: "progress-cluster", iconSize: [size, size]
    });
  }
  function ink(hex) {  // the number's colour on a fill: dark on light (yellow), white on dark (WCAG contrast)
    var c = parseInt(hex.slice(1), 16), channel = function (v) { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    var l = 0.2126 * channel(c >> 16) + 0.7152 * channel((c >> 8) & 255) + 0.0722 * channel(c & 255);
    return (l + 0.05) / 0.0673 > 1.05 / (l + 0.05) ? "#1c2430" : "#fff";
  }
  var cluster = L.markerClusterGroup({chunkedLoading: true, showCoverageOnHover: false, maxClusterRadius: 45, iconCreateFunction: clusterIcon});
  map.addLayer(cluster);
  var LIMIT = config.featureLimit || 2000, pending = null, timer = null, tiles = null;

  function esc(text) {
    return String(text == null ? "" : text).replace(/[&<>"']/g, function (c) {
      return {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c];
    });
  }
  function colour(p) {
    return form.elements.colour.value === "squad" ? p.colour : (config.colours[p.status] || "#607d8b");
  }
  function statusName(p) {  // the citizen's words for the state (geoportal/progress.py), not the office's
    return (config.statusNames || {})[p.status] || p.status_label;
  }
  function when(iso) {
    return new Date(iso).toLocaleDateString(document.documentElement.lang || "id", {day: "numeric", month: "short", year: "numeric"});
  }
  function popup(f) {
    var p = f.properties;
    return '<div class="popup">' + (p.photo ? '<img src="' + esc(p.photo) + '" alt="" width="160">' : "") +
      "<b>" + esc(p.category_name) + "</b><br>" + esc(statusName(p)) + "<br>" + esc(p.desa_nama) + ", " +
      esc(p.kecamatan_nama) + "<br>" + when(p.created_at) + '<br><a href="/laporan/' + p.id + '/">' + esc(i18n.open) + "</a></div>";
  }
  function filters() {
    var params = new URLSearchParams();
    ["category", "status", "kecamatan", "created_from", "created_to"].forEach(function (name) {
      var value = form.elements[name].value;
      if (value) params.set(name, value);
    });
    return params;
  }
  function boxParam(b) {
    var box = [Math.max(b.getWest(), -180), Math.max(b.getSouth(), -90), Math.min(b.getEast(), 180), Math.min(b.getNorth(), 90)];
    return box.map(function (v) { return v.toFixed(5); }).join(",");
  }
  function query() {
    var params = filters();
    params.set("in_bbox", boxParam(map.getBounds()));
    params.set("limit", LIMIT);
    return params;
  }
  // Vector tiles: a cell holds a count and how many wait, are being handled and are done; a report its status.
  function tileStyle(p) {
    var fill;
    if (p.kind === "cell") {
      var w = p.waiting || 0, h = p.handling || 0;
      // A cell with any open report takes the colour of its open work (waiting before being handled): green only when
      // everything in it is done, so the regency view shows where problems are still open, not where most are old.
      // The same rule as the clusters (groupColour) and the legend.
      fill = form.elements.colour.value === "squad" ? p.colour : groupColour(w, h);
      // Radius by the count's order of magnitude, up to ~100,000 in a cell: 1 → 6 px, 100 → 10, 10,000 → 15. (Capped
      // at a few hundred, every cell of a regency-wide view at a million reports looked the same.)
      return {radius: Math.max(6, Math.min(17.5, 5 + 2.5 * Math.log10(p.count))), fill: true, fillColor: fill, fillOpacity: 0.75, color: "#1c2430", weight: 1};
    }
    return {radius: 7, fill: true, fillColor: colour(p), fillOpacity: 0.9, color: "#1c2430", weight: 1};
  }
  function showTiles(on) {
    if (!on) {
      if (tiles) { map.removeLayer(tiles); tiles = null; }
      return;
    }
    var url = config.tiles + "?" + filters().toString();
    if (!tiles) {
      tiles = L.vectorGrid.protobuf(url, {vectorTileLayerStyles: {reports: tileStyle}, interactive: false, maxNativeZoom: 22, rendererFactory: L.canvas.tile});
      tiles.laporUrl = url;
      map.addLayer(tiles);
    } else if (tiles.laporUrl !== url) {
      tiles.laporUrl = url;
      tiles.setUrl(url);
    }
  }
  // In tile mode a tap asks the API what lies under the finger: zoom in on a crowd, list a few reports.
  function tapped(event) {
    if (!tiles) return;
    var p = map.latLngToContainerPoint(event.latlng), r = 16;
    var box = L.latLngBounds(map.containerPointToLatLng([p.x - r, p.y + r]), map.containerPointToLatLng([p.x + r, p.y - r]));
    var params = filters();
    params.set("in_bbox", boxParam(box));
    params.set("limit", 5);
    params.set("count", "true");
    fetch("/api/reports/?" + params.toString(), {headers: {Accept: "application/geo+json"}})
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (found) {
        if (!found.numberMatched) return;
        if (found.numberMatched > 5 && map.getZoom() < map.getMaxZoom() - 1) {
          map.setView(event.latlng, Math.min(map.getZoom() + 2, map.getMaxZoom()));
          return;
        }
        var html = found.features.length === 1 ? popup(found.features[0]) :
          "<b>" + esc(i18n.here.replace("%s", found.numberMatched)) + "</b><ul>" + found.features.map(function (f) {
            var q = f.properties;
            return '<li><a href="/laporan/' + q.id + '/">' + esc(q.category_name) + "</a> · " + esc(statusName(q)) + "</li>";
          }).join("") + "</ul>";
        L.popup().setLatLng(event.latlng).setContent(html).openOn(map);
      })
      .catch(function () { summary.textContent = i18n.failed; });
  }
  map.on("click", tapped);
  function show(collection) {
    cluster.clearLayers();
    var dense = collection.numberMatched !== undefined ? collection.numberMatched > LIMIT : Boolean(collection.next);
    showTiles(dense);
    var items = [];
    collection.features.forEach(function (f) {
      var c = f.geometry.coordinates, p = f.properties;
      if (!dense) {
        var marker = L.circleMarker([c[1], c[0]], {radius: 8, color: "#1c2430", weight: 1, fillColor: colour(p), fillOpacity: 0.9,
          progress: (config.statusProgress || {})[p.status] || "waiting"});
        marker.bindPopup(popup(f));
        marker.bindTooltip(p.category_name + " · " + statusName(p));
        cluster.addLayer(marker);
      }
      items.push('<li data-report="' + p.id + '"><span class="dot" style="background:' + esc(colour(p)) + '"></span><a href="/laporan/' +
        p.id + '/">' + esc(p.category_name) + "</a> · " + esc(statusName(p)) + " · " + esc(p.desa_nama) + ", " + esc(p.kecamatan_nama) +
        ' <span class="muted">' + when(p.created_at) + "</span></li>");
    });
    list.innerHTML = items.slice(0, 200).join("");
    var onlyOpen = form.elements.status.selectedIndex === 0;  // the default: still open (waiting or being handled)
    summary.textContent = dense ? i18n.dense.replace("%s", LIMIT.toLocaleString(document.documentElement.lang || "id")) :
      (onlyOpen ? i18n.count_open : i18n.count).replace("%s", collection.numberMatched !== undefined ? collection.numberMatched : collection.numberReturned);
    map.getContainer().dataset.mode = dense ? "tiles" : "markers";
  }
  // The kecamatan outlines, once the list is there (not in the page: they are not what a citizen waits for).
  function outlines() {
    if (!config.outlines || window.laporKecamatan) return;
    window.laporKecamatan = L.featureGroup();
    if (!map.getPane("outlines")) map.createPane("outlines").style.zIndex = 350;  // under the reports
    fetch(config.outlines).then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (geojson) {
        window.laporKecamatan = L.geoJSON(geojson, {
          pane: "outlines", renderer: L.canvas({pane: "outlines"}), style: {color: "#0d47a1", weight: 1.5, fill: false},
          onEachFeature: function (feature, layer) { layer.bindTooltip("Kecamatan " + feature.properties.nama); },
        }).addTo(map);
      })
      .catch(function () { window.laporKecamatan = null; });
  }
  var asked = null;  // the query of the list shown or being loaded: the same view is not asked for twice
  function load() {
    // First the newest few and how many there are: the list shows at once and a crowded view goes straight to the
    // tiles (a regency-wide view no longer downloads 2,000 reports only to draw tiles instead); then, when the view
    // is not crowded, all its reports for the markers.
    var first = query();
    first.set("limit", config.firstLimit || Math.min(50, LIMIT));
    first.set("count", "true");
    if (asked === first.toString()) return;
    asked = first.toString();
    if (pending) pending.abort();
    pending = new AbortController();
    summary.textContent = i18n.loading;
    var signal = pending.signal;
    function get(params) {
      return fetch("/api/reports/?" + params.toString(), {headers: {Accept: "application/geo+json"}, signal: signal})
        .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); });
    }
    // The page asked for the whole area's first reports before the map library loaded (home.html): the same reports
    // as this view's while it holds the whole area and the filters are the page's defaults (the open reports).
    var early = window.laporFirst;
    window.laporFirst = null;
    var firstAnswer = early && filters().toString() === defaultFilters && map.getBounds().contains(config.area)
      ? early.catch(function () { return get(first); }) : get(first);
    firstAnswer
      .then(function (collection) {
        if (signal.aborted) return;
        show(collection);
        outlines();
        if (collection.next && collection.numberMatched <= LIMIT) return get(query()).then(show);
      })
      .catch(function (e) {
        if (e.name === "AbortError") return;
        asked = null;  // asked again when the connection returns or the filters are sent
        summary.textContent = i18n.failed;
      });
  }
  function soon() { clearTimeout(timer); timer = setTimeout(load, 250); }
  map.on("moveend", soon);
  form.addEventListener("change", function (event) {
    if (event.target.name === "colour") { asked = null; if (tiles) tiles.redraw(); }
    if (event.target.name === "kecamatan" && event.target.value && window.laporKecamatan && window.laporKecamatan.eachLayer) {
      window.laporKecamatan.eachLayer(function (layer) {
        if (layer.feature && layer.feature.properties.kode === event.target.value) map.fitBounds(layer.getBounds());
      });
    }
    soon();
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); asked = null; load(); });
  // "Near me": the map goes to where the phone is, at street level, and marks it; the list then holds what is
  // (still open, by default) around the citizen. Refused or unavailable, it says what to do instead.
  var nearMe = document.getElementById("near-me"), here = null;
  nearMe.addEventListener("click", function () {
    if (!navigator.geolocation) { summary.textContent = i18n.no_location; return; }
    summary.textContent = i18n.locating;
    navigator.geolocation.getCurrentPosition(function (position) {
      var at = [position.coords.latitude, position.coords.longitude];
      if (here) map.removeLayer(here);
      here = L.circleMarker(at, {radius: 8, color: "#fff", weight: 3, fillColor: "#1565c0", fillOpacity: 1, interactive: false}).addTo(map);
      map.setView(at, 16);
    }, function () { summary.textContent = i18n.no_location; }, {enableHighAccuracy: true, timeout: 15000, maximumAge: 60000});
  });
  // Opened without a connection, the map said so: it loads by itself when the connection returns.
  window.addEventListener("online", load);
  load();
})();
