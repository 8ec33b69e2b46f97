{% load static %}/* Lapor Trenggalek service worker: the pages and their assets stay available offline once visited.
   Pages: network first, the cached copy when offline. Static files (hashed names): cache first. The API is
   never cached here (reports waiting to be sent live in the page's IndexedDB outbox). */
const CACHE = "lapor-{{ version }}";
const SHELL = [
  "{% url 'home' %}", "{% url 'report-new' %}",
  "{% static 'vendor/leaflet/leaflet.js' %}", "{% static 'vendor/leaflet/leaflet.css' %}",
  "{% static 'vendor/jquery/jquery.min.js' %}", "{% static 'vendor/bootstrap/bootstrap.bundle.min.js' %}",
  "{% static 'vendor/bootstrap/bootstrap.min.css' %}", "{% static 'vendor/fontawesome/css/all.min.css' %}",
  "{% static 'vendor/fontawesome/webfonts/fa-solid-900.woff2' %}",
  "{% static 'vendor/markercluster/leaflet.markercluster.js' %}", "{% static 'vendor/markercluster/MarkerCluster.css' %}",
  "{% static 'vendor/markercluster/MarkerCluster.Default.css' %}", "{% static 'vendor/leaflet/images/marker-icon.png' %}",
  "{% static 'vendor/leaflet/images/marker-shadow.png' %}", "{% static 'vendor/leaflet/images/marker-icon-2x.png' %}",
  "{% static 'geoportal/map.js' %}", "{% static 'geoportal/lapor.js' %}", "{% static 'geoportal/outbox.js' %}",
  "{% static 'geoportal/myreports.js' %}",
  "{% static 'geoportal/page.js' %}", "{% static 'common/autosubmit.js' %}",
  "{% static 'geoportal/icon-192.png' %}",
];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});
self.addEventListener("activate", (event) => {
  event.waitUntil(caches.keys().then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});
self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin || url.pathname.startsWith("/api/")
      || url.pathname.startsWith("/admin/") || url.pathname.startsWith("/staf/")) {
    return;
  }
  if (url.pathname.startsWith("{{ static_prefix }}")) {
    event.respondWith(caches.match(request).then((hit) => hit || fetch(request).then((response) => {
      const copy = response.clone();
      caches.open(CACHE).then((cache) => cache.put(request, copy));
      return response;
    })));
    return;
  }
  event.respondWith(fetch(request).then((response) => {
    if (response.ok) { const copy = response.clone(); caches.open(CACHE).then((cache) => cache.put(request, copy)); }
    return response;
  // ignoreVary: pages vary on Cookie and Accept-Language, but offline any stored copy beats none.
  }).catch(() => caches.match(request, {ignoreVary: true})
    .then((hit) => hit || caches.match("{% url 'home' %}", {ignoreVary: true}))));
});
