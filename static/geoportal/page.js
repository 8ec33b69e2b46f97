/* Every public page: the offline banner and the service worker (its URL comes from this script tag). */
(function () {
  "use strict";
  var banner = document.getElementById("offline-banner");
  function update() { banner.style.display = navigator.onLine ? "none" : "block"; }
  window.addEventListener("online", update); window.addEventListener("offline", update); update();
  var worker = document.currentScript.dataset.serviceWorker;
  if (worker && "serviceWorker" in navigator) { navigator.serviceWorker.register(worker).catch(function () {}); }
})();
