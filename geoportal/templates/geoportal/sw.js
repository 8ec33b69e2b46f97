{% load static %}/* Lapor Trenggalek service worker: the pages and their assets stay available offline once visited.
   Pages: network first, the cached copy when offline. Static files (hashed names): cache first. The API is
   never cached here (reports waiting to be sent live in the page's IndexedDB outbox). */
const CACHE = "lapor-{{ version }}";
// Precached: what reporting offline needs (the form and its scripts), kept small because a phone fetches it on its
// first visit whatever page that is. Everything else is stored when first used: the map's page and its library
// (network first / cache first below), Leaflet on /lapor/ once the location step has loaded it. Offline without
// Leaflet, the form takes the location from the GPS or the kecamatan/desa lists.
const SHELL = [
  "{% url 'report-new' %}",
  "{% static 'geoportal/lapor.js' %}", "{% static 'geoportal/outbox.js' %}", "{% static 'geoportal/myreports.js' %}",
  "{% static 'geoportal/page.js' %}", "{% static 'common/autosubmit.js' %}", "{% static 'geoportal/icon-192.png' %}",
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
    .then((hit) => hit || caches.match("{% url 'home' %}", {ignoreVary: true}))
    .then((hit) => hit || caches.match("{% url 'report-new' %}", {ignoreVary: true}))));
});
