/* The report form: photo, location (GPS, a draggable pin, or kecamatan/desa), label, optional text and contact.
   Sends to POST /api/reports/; without a connection the report waits in the outbox (outbox.js). */
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("form-config").textContent);
  var t = config.i18n;
  var form = document.getElementById("report-form");
  var lat = document.getElementById("latitude"), lon = document.getElementById("longitude");

  // --- the map and its pin -------------------------------------------------------------------------
  // Leaflet (JS and CSS) loads when the location step is used: GPS, "put the pin on the map", or a desa. The
  // form itself is usable before: on a slow line the first visit is the form alone. Without the map (offline
  // and never loaded, or it failed) the location still comes from the GPS or the kecamatan/desa lists.
  var map = null, pin = null, mapLoading = null, mapBox = document.getElementById("pick-map");
  function loadMap() {
    if (mapLoading) return mapLoading;
    mapLoading = new Promise(function (resolve, reject) {
      if (window.L) { resolve(); return; }
      var css = document.createElement("link");
      css.rel = "stylesheet"; css.href = config.leaflet.css;
      document.head.appendChild(css);
      var script = document.createElement("script");
      script.src = config.leaflet.js;
      script.onload = function () { resolve(); };
      script.onerror = function () { reject(new Error("leaflet")); };
      document.head.appendChild(script);
    }).then(function () {
      mapBox.innerHTML = "";
      map = L.map(mapBox, {zoomControl: true}).fitBounds([[config.bounds[1], config.bounds[0]], [config.bounds[3], config.bounds[2]]]);
      if (config.tiles) L.tileLayer(config.tiles, {attribution: config.attribution, maxZoom: 19}).addTo(map);
      fetch(config.outlines).then(function (r) { return r.ok ? r.json() : Promise.reject(new Error(r.status)); })
        .then(function (outlines) {
          L.geoJSON(outlines, {style: {color: "#0d47a1", weight: 1, fill: false}, interactive: false}).addTo(map);
        }).catch(function () {});  // the pin works without them
      map.on("click", function (event) { place(event.latlng.lat, event.latlng.lng); });
      if (lat.value && lon.value) place(parseFloat(lat.value), parseFloat(lon.value), 16);
      return map;
    });
    mapLoading.catch(function () {
      mapLoading = null;
      document.getElementById("no-map").open = true;  // the lists work without the map
    });
    return mapLoading;
  }
  function place(latitude, longitude, zoom) {
    lat.value = latitude.toFixed(6);
    lon.value = longitude.toFixed(6);
    if (!map) return;
    if (!pin) {
      // The icon's files named outright: Leaflet's own guess from leaflet.css fails on the hashed static names.
      var icon = L.icon({iconUrl: config.icon.url, iconRetinaUrl: config.icon.retina, shadowUrl: config.icon.shadow,
        iconSize: [25, 41], iconAnchor: [12, 41], popupAnchor: [1, -34], tooltipAnchor: [16, -28], shadowSize: [41, 41]});
      pin = L.marker([latitude, longitude], {icon: icon, draggable: true, keyboard: true, title: t.pin, alt: t.pin}).addTo(map);
      pin.on("dragend", function () { var p = pin.getLatLng(); place(p.lat, p.lng); });
    } else {
      pin.setLatLng([latitude, longitude]);
    }
    if (zoom) map.setView([latitude, longitude], zoom);
  }
  document.getElementById("show-map").addEventListener("click", function () { loadMap().catch(function () {}); });

  var gpsStatus = document.getElementById("gps-status");
  function locate() {
    loadMap().catch(function () {});
    if (!navigator.geolocation) { gpsStatus.textContent = t.no_gps; return; }
    gpsStatus.textContent = t.locating;
    navigator.geolocation.getCurrentPosition(function (position) {
      place(position.coords.latitude, position.coords.longitude, 16);
      gpsStatus.textContent = t.located.replace("%s", Math.round(position.coords.accuracy));
    }, function () { gpsStatus.textContent = t.gps_failed; }, {enableHighAccuracy: true, timeout: 15000, maximumAge: 60000});
  }
  document.getElementById("use-gps").addEventListener("click", locate);

  // Without the map: kecamatan, then desa; the pin goes to a point inside that desa.
  var pickKecamatan = document.getElementById("pick-kecamatan"), pickDesa = document.getElementById("pick-desa");
  pickKecamatan.addEventListener("change", function () {
    pickDesa.innerHTML = '<option value=""></option>' + config.desa.filter(function (d) { return d.kecamatan === pickKecamatan.value; })
      .map(function (d) { return '<option value="' + d.kode + '">' + d.nama + "</option>"; }).join("");
  });
  pickDesa.addEventListener("change", function () {
    var desa = config.desa.find(function (d) { return d.kode === pickDesa.value; });
    if (desa) { place(desa.lat, desa.lon, 15); loadMap().catch(function () {}); }
  });

  // --- photos, label, contact ----------------------------------------------------------------------
  var photo = document.getElementById("photo"), more = document.getElementById("more-photos");
  function previews() {
    var box = document.getElementById("previews");
    box.innerHTML = "";
    [].concat(Array.from(photo.files), Array.from(more.files)).forEach(function (file) {
      var img = document.createElement("img");
      img.alt = file.name;
      img.src = URL.createObjectURL(file);
      box.appendChild(img);
    });
  }
  // What was chosen, in the page's language (the inputs themselves are hidden: the browser words them in its own).
  var video = document.getElementById("video"), chosenText = document.getElementById("files-chosen");
  function chosen() {
    var parts = [], count = photo.files.length + more.files.length;
    if (count) parts.push(t.photos_chosen.replace("%s", count));
    if (video.files.length) parts.push(t.video_chosen.replace("%s", video.files[0].name));
    chosenText.textContent = parts.join(" · ");
  }
  photo.addEventListener("change", previews);
  more.addEventListener("change", previews);
  [photo, more, video].forEach(function (input) { input.addEventListener("change", chosen); });
  form.addEventListener("change", function (event) {
    if (event.target.name === "category") {
      document.getElementById("confidential-note").hidden = !event.target.dataset.confidential;
    }
  });
  document.getElementById("anonymous").addEventListener("change", function (event) {
    document.querySelectorAll("#contact input").forEach(function (input) { input.disabled = event.target.checked; });
    document.getElementById("contact").classList.toggle("off", event.target.checked);
  });

  // --- sending ---------------------------------------------------------------------------------------
  function uuid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx".replace(/[xy]/g, function (c) {
      var r = Math.random() * 16 | 0; return (c === "x" ? r : (r & 3 | 8)).toString(16);
    });
  }
  function showErrors(errors) {
    document.querySelectorAll("[data-error]").forEach(function (p) { p.textContent = ""; });
    Object.keys(errors).forEach(function (field) {
      // data-error lists the request fields a message box shows (the location box: latitude and longitude)
      var target = document.querySelector('[data-error~="' + field + '"]') || document.querySelector('[data-error="detail"]');
      target.textContent = [].concat(errors[field]).join(" ");
    });
    var first = document.querySelector("[data-error]:not(:empty)");
    if (first) first.scrollIntoView({behavior: "smooth", block: "center"});
  }
  function labelName(code) {
    var label = code && document.querySelector('label[for="cat-' + code + '"]');
    return label ? label.textContent.trim() : "";
  }
  function receipt(body, label) {
    if (window.laporMine) window.laporMine.add(body, label);
    form.style.display = "none";
    document.getElementById("receipt-code").textContent = body.tracking_code;
    document.getElementById("receipt-link").href = body.url;
    document.getElementById("receipt").style.display = "block";
    window.scrollTo(0, 0);
  }
  function showQueue() {
    window.laporOutbox.all().then(function (entries) {
      var box = document.getElementById("queue");
      box.style.display = entries.length ? "block" : "none";
      document.getElementById("queue-text").textContent = t.waiting.replace("%s", entries.length);
    });
  }
  // The API's refusal: {detail, errors: {field: [...]}}; the fields' reasons, or else the summary.
  function refusal(body) {
    return body.errors && Object.keys(body.errors).length ? body.errors : {detail: body.detail};
  }
  window.laporOnSent = function (entry, result) {
    if (result.ok) receipt(result.body, entry.label); else showErrors(refusal(result.body));
  };
  // The receipt's code: copied, or shared to a chat, in one tap.
  document.getElementById("receipt-copy").addEventListener("click", function () {
    var code = document.getElementById("receipt-code").textContent, done = document.getElementById("receipt-copied");
    var copied = navigator.clipboard && window.isSecureContext ? navigator.clipboard.writeText(code) : Promise.reject();
    copied.catch(function () {
      var range = document.createRange();
      range.selectNodeContents(document.getElementById("receipt-code"));
      window.getSelection().removeAllRanges();
      window.getSelection().addRange(range);
      document.execCommand("copy");
    }).then(function () { done.textContent = t.copied; });
  });
  var share = document.getElementById("receipt-share");
  if (navigator.share) {
    share.hidden = false;
    share.addEventListener("click", function () {
      var code = document.getElementById("receipt-code").textContent;
      navigator.share({title: t.share_title, text: t.share_text.replace("%s", code), url: document.getElementById("receipt-link").href}).catch(function () {});
    });
  }
  window.addEventListener("outbox-changed", showQueue);

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var files = [].concat(Array.from(photo.files), Array.from(more.files));
    var category = form.elements.category.value;
    var problems = {};
    if (!files.length) problems.photo = t.need_photo;
    if (!category) problems.category = t.need_label;
    if (Object.keys(problems).length) { showErrors(problems); return; }
    var anonymous = document.getElementById("anonymous").checked;
    var entry = {
      client_id: uuid(),
      created: new Date().toISOString(),
      label: labelName(category),
      fields: {
        category: category, latitude: lat.value, longitude: lon.value, description: form.elements.description.value,
        name: anonymous ? "" : form.elements.name.value, phone: anonymous ? "" : form.elements.phone.value,
        email: anonymous ? "" : form.elements.email.value, anonymous: anonymous ? "true" : "false", website: form.elements.website.value,
      },
      photos: files.map(function (file) { return {name: file.name, type: file.type, blob: file}; }),
    };
    if (video.files[0]) entry.video = {name: video.files[0].name, type: video.files[0].type, blob: video.files[0]};
    var button = document.getElementById("send");
    button.disabled = true;
    button.textContent = t.sending;
    function keep() {
      return window.laporOutbox.add(entry).then(function () {
        form.reset(); document.getElementById("previews").innerHTML = ""; chosen(); showQueue();
      });
    }
    var attempt = navigator.onLine ? window.laporOutbox.send(entry) : Promise.reject(new Error("offline"));
    attempt.then(function (result) {
      if (result.ok) receipt(result.body, entry.label); else showErrors(refusal(result.body));
    }, keep).then(function () { button.disabled = false; button.textContent = t.send; });
  });
  showQueue();
})();
