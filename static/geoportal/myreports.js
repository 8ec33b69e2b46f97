/* "Laporan saya": every report sent from this phone (by the form, or later by the outbox on any page), kept in the
   phone's localStorage with its tracking code, so that an anonymous citizen can always follow it. Nothing leaves
   the phone but the status look-ups of the newest few (each counts against the tracking-code limit). */
(function () {
  "use strict";
  var KEY = "lapor-my-reports", REFRESH_MS = 10 * 60 * 1000, LOOKUPS = 5;
  var i18n = {};
  var node = document.getElementById("my-reports-i18n");
  if (node) i18n = JSON.parse(node.textContent);

  function read() {
    try { return JSON.parse(localStorage.getItem(KEY) || "[]"); } catch (e) { return []; }
  }
  function write(entries) {
    try { localStorage.setItem(KEY, JSON.stringify(entries)); } catch (e) { /* storage full or blocked: nothing to keep */ }
    window.dispatchEvent(new Event("my-reports-changed"));
  }
  var mine = {
    all: read,
    /* A receipt of POST /api/reports/ ({tracking_code, url, id, status, desa, kecamatan}) and the label's name. */
    add: function (receipt, label) {
      if (!receipt || !receipt.tracking_code) return;
      var entries = read().filter(function (e) { return e.code !== receipt.tracking_code; });
      entries.unshift({code: receipt.tracking_code, url: receipt.url, label: label || "", place: [receipt.desa, receipt.kecamatan].filter(Boolean).join(", "),
        sent: new Date().toISOString(), status_label: "", checked: 0});
      write(entries.slice(0, 100));
    },
    remove: function (code) { write(read().filter(function (e) { return e.code !== code; })); },
  };
  window.laporMine = mine;

  function esc(text) {
    return String(text == null ? "" : text).replace(/[&<>"']/g, function (c) {
      return {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c];
    });
  }
  function when(iso) {
    return new Date(iso).toLocaleDateString(document.documentElement.lang || "id", {day: "numeric", month: "short", year: "numeric"});
  }
  function refresh(entries) {
    var now = Date.now(), due = entries.filter(function (e) { return now - (e.checked || 0) > REFRESH_MS; }).slice(0, LOOKUPS);
    if (!due.length || !navigator.onLine) return;
    Promise.all(due.map(function (entry) {
      return fetch("/api/track/" + encodeURIComponent(entry.code) + "/", {headers: {Accept: "application/json"}})
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (body) { return body ? {code: entry.code, label: body.status_label} : null; }, function () { return null; });
    })).then(function (found) {
      var byCode = {};
      found.forEach(function (f) { if (f) byCode[f.code] = f.label; });
      if (!Object.keys(byCode).length) return;
      write(read().map(function (e) {
        if (e.code in byCode) { e.status_label = byCode[e.code]; e.checked = Date.now(); }
        return e;
      }));
    });
  }
  function render() {
    var box = document.getElementById("my-reports");
    if (!box) return;
    var entries = read();
    box.hidden = !entries.length;
    var list = box.querySelector("ul");
    list.innerHTML = entries.map(function (e) {
      return '<li><a class="code" href="' + esc(e.url || "/lacak/" + e.code + "/") + '">' + esc(e.code) + "</a> " +
        '<span class="what">' + esc(e.label) + (e.place ? " · " + esc(e.place) : "") + '</span> <span class="muted">' + esc(when(e.sent)) +
        (e.status_label ? " · <b>" + esc(e.status_label) + "</b>" : "") + "</span>" +
        ' <button type="button" class="forget" data-code="' + esc(e.code) + '" aria-label="' + esc((i18n.forget_one || "").replace("{code}", e.code)) + '">' +
        esc(i18n.forget || "×") + "</button></li>";
    }).join("");
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("#my-reports button.forget");
    if (!button) return;
    if (window.confirm((i18n.confirm || "").replace("{code}", button.dataset.code))) mine.remove(button.dataset.code);
  });
  window.addEventListener("my-reports-changed", render);
  window.addEventListener("online", function () { refresh(read()); });
  render();
  refresh(read());
})();
