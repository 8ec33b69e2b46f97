/* Every public page: the offline banner, the service worker (its URL comes from this script tag), the notice that a
   page shown from the phone's copy has changed on the server, and a fresh CSRF token for the page's forms. */
(function () {
  "use strict";
  var banner = document.getElementById("offline-banner");
  function update() { banner.style.display = navigator.onLine ? "none" : "block"; }
  window.addEventListener("online", update); window.addEventListener("offline", update); update();
  var worker = document.currentScript.dataset.serviceWorker;
  if (worker && "serviceWorker" in navigator) {
    navigator.serviceWorker.register(worker).catch(function () {});
    // The worker showed the kept copy of this page and the server's answer says something else (sw.js).
    navigator.serviceWorker.addEventListener("message", function (event) {
      var updated = document.getElementById("updated-banner");
      if (updated && event.data && event.data.type === "lapor-page-updated") updated.hidden = false;
    });
  }
  var reload = document.getElementById("updated-reload");
  if (reload) reload.addEventListener("click", function () { window.location.reload(); });

  // A page kept on the phone carries the CSRF token of the day it was kept; the cookie holds the current one. A form
  // sends the cookie's (Django takes the unmasked secret too); without a cookie (cleared, expired) it first asks the
  // server for one, then sends.
  function cookieToken() {
    var match = document.cookie.match(/(?:^|; )csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }
  document.addEventListener("submit", function (event) {
    var form = event.target, field = form.querySelector("input[name=csrfmiddlewaretoken]");
    if (event.defaultPrevented || !field || form.method.toLowerCase() !== "post") return;
    if (cookieToken()) { field.value = cookieToken(); return; }
    if (form.dataset.tokenAsked) return;  // asked already: sent as it is, and the server says why if it refuses
    event.preventDefault();
    form.dataset.tokenAsked = "1";
    var submitter = event.submitter;
    fetch(window.location.pathname, {method: "HEAD", credentials: "same-origin", cache: "no-store"})
      .catch(function () {})
      .then(function () { form.requestSubmit(submitter || undefined); });
  });
})();
