/* The phone's outbox: reports that could not be sent wait in IndexedDB (photos included) and are sent when
   the connection returns. Each carries a client_id, so a report sent twice is stored once by the server. */
(function () {
  "use strict";
  var DB = "lapor-trenggalek", STORE = "outbox", flushing = false;

  function open() {
    return new Promise(function (resolve, reject) {
      var request = indexedDB.open(DB, 1);
      request.onupgradeneeded = function () { request.result.createObjectStore(STORE, {keyPath: "client_id"}); };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }
  function run(mode, work) {
    return open().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(STORE, mode), result;
        tx.oncomplete = function () { db.close(); resolve(result); };
        tx.onerror = function () { db.close(); reject(tx.error); };
        result = work(tx.objectStore(STORE));
        if (result && "onsuccess" in result) result.onsuccess = function () { result = result.result; };
      });
    });
  }
  function formData(entry) {
    var data = new FormData();
    Object.keys(entry.fields).forEach(function (key) { data.append(key, entry.fields[key]); });
    entry.photos.forEach(function (photo) { data.append("photo", photo.blob, photo.name); });
    if (entry.video) data.append("video", entry.video.blob, entry.video.name);
    data.append("client_id", entry.client_id);
    return data;
  }
  function csrf() {
    var match = document.cookie.match(/(?:^|; )csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }
  /* Send one report. Resolves {ok, status, body}; rejects only when the network failed. */
  function send(entry) {
    return fetch("/api/reports/", {method: "POST", body: formData(entry), headers: {"X-CSRFToken": csrf(), Accept: "application/json"}})
      .then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (body) {
          return {ok: response.ok, status: response.status, body: body};
        });
      });
  }
  function announce(receipt) {
    var banner = document.getElementById("sent-banner");
    if (!banner || !receipt.tracking_code) return;
    banner.querySelector("span").textContent = banner.dataset.text.replace("{code}", receipt.tracking_code);
    banner.querySelector("a").href = receipt.url;
    banner.hidden = false;
  }
  var outbox = {
    add: function (entry) { return run("readwrite", function (store) { return store.put(entry); }); },
    all: function () { return run("readonly", function (store) { return store.getAll(); }); },
    remove: function (id) { return run("readwrite", function (store) { return store.delete(id); }); },
    send: send,
    /* Try every waiting report; onResult(entry, result) for each answered one. */
    flush: function (onResult) {
      if (flushing || !navigator.onLine) return Promise.resolve();
      flushing = true;
      return outbox.all().then(function (entries) {
        return entries.reduce(function (chain, entry) {
          return chain.then(function () {
            return send(entry).then(function (result) {
              // Answered (accepted, or refused for good): it leaves the outbox either way.
              if (result.status !== 429 && result.status < 500) {
                return outbox.remove(entry.client_id).then(function () {
                  // Kept on the phone and announced on whatever page is open: the code must never be lost.
                  if (result.ok) {
                    if (window.laporMine) window.laporMine.add(result.body, entry.label);
                    announce(result.body);
                  }
                  if (onResult) onResult(entry, result);
                });
              }
            });
          });
        }, Promise.resolve());
      }).catch(function () {}).then(function () { flushing = false; window.dispatchEvent(new Event("outbox-changed")); });
    },
  };
  window.laporOutbox = outbox;
  window.addEventListener("online", function () { outbox.flush(window.laporOnSent); });
  if (navigator.onLine) setTimeout(function () { outbox.flush(window.laporOnSent); }, 500);
})();
