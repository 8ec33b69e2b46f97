{% load static %}/* Lapor Trenggalek service worker: the citizen pages open at once on a repeat visit and stay available offline.
   - The citizen pages the server marks as keepable (header {{ keep_header }}, geoportal/offline.py: the map, the form,
     one tracking code's page, for anonymous visitors, without a one-off message): the kept copy at once, the server
     asked at the same time; its answer replaces the copy, and the page is told when what it says changed (page.js
     shows "this page has been updated"). Each URL is kept apart: one code's page is never shown for another.
   - Static files (hashed names, never changing): cache first.
   - Any POST of a page (sign in, sign out, language, the citizen's answer) may change what the pages say: the kept
     pages are forgotten before the next page is shown.
   - Everything else (staff pages, the API, files) goes to the network, never kept here. The map's reports come from
     the API, so they are always the server's current ones; reports waiting to be sent live in the page's IndexedDB
     outbox. Offline, a page never kept falls back to a kept map or form. */
const CACHE = "lapor-{{ version }}";
const KEEP_HEADER = "{{ keep_header }}";
// The pages that may be kept; the server's header decides, this only spares asking for the rest.
const KEPT = /^\/(?:lapor\/|lacak\/[^/]+\/)?$/;
// Precached: what reporting offline needs, the form (its scripts are inside it), kept small because a phone fetches
// it on its first visit whatever page that is. Everything else is stored when first used.
const FORM = "{% url 'report-new' %}";

// The map's libraries, stored at install only when the map's page installs the worker: that page has just fetched
// them (the browser's HTTP cache answers, nothing more comes over the line), and scripts stored during install are
// compiled ahead by Chromium, so the next visit runs them sooner (a cheap phone spends ~1 s compiling the map).
const MAP_FILES = [
  "{% static 'vendor/leaflet/leaflet.js' %}", "{% static 'vendor/markercluster/leaflet.markercluster.js' %}",
  "{% static 'vendor/vectorgrid/Leaflet.VectorGrid.bundled.min.js' %}", "{% static 'vendor/leaflet/leaflet.css' %}",
  "{% static 'vendor/markercluster/MarkerCluster.css' %}", "{% static 'vendor/markercluster/MarkerCluster.Default.css' %}",
  "{% static 'geoportal/map.js' %}",
];
function installingPages() {
  return self.clients.matchAll({type: "window", includeUncontrolled: true})
    .then((clients) => clients.map((client) => new URL(client.url)).filter((url) => url.origin === self.location.origin));
}
// The form, and the citizen page that installs the worker (the worker came after it, so it could not keep it then):
// the very next visit shows it at once. From the browser's HTTP cache when it holds them (it seldom does: the page's
// answer set the CSRF cookie it varies on), else once more from the server (~7 KiB for the map, ~10 for a tracking
// page); keepPage still asks for the server's keep mark.
function keepInstallingPages(pages, withForm) {
  const paths = new Set(withForm ? [FORM] : []);
  pages.forEach((url) => { if (KEPT.test(url.pathname) && !url.search) paths.add(url.pathname); });
  return Promise.all([...paths].map((path) => fetch(path, {credentials: "same-origin", cache: "force-cache"})
    .then((response) => keepPage(new Request(path), response)).catch(() => {})));
}

function keepable(response) {
  return response.ok && response.type === "basic" && !response.redirected && response.headers.get(KEEP_HEADER) === "page";
}
function keepPage(request, response) {
  const copy = keepable(response) && response.clone();  // now: the page is about to read the response itself
  return caches.open(CACHE).then((cache) => copy
    ? cache.put(request, copy)
    : cache.delete(request, {ignoreVary: true}));  // no longer keepable (signed in, a message): the old copy goes
}

self.addEventListener("install", (event) => {
  // Installed from the map, the form waits for the next visit (formLater): a first visit on a slow line pays for the
  // map, not also for the offline form (~26 KiB).
  event.waitUntil(caches.open(CACHE).then((cache) => installingPages().then((pages) => {
    const fromTheMap = pages.some((url) => url.pathname === "{% url 'home' %}");
    return Promise.all([fromTheMap ? cache.addAll(MAP_FILES).catch(() => {}) : null, keepInstallingPages(pages, !fromTheMap)]);
  })).then(() => self.skipWaiting()));
});
self.addEventListener("activate", (event) => {
  event.waitUntil(caches.keys().then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

let forgetting = Promise.resolve();
function forgetPages() {
  return caches.open(CACHE).then((cache) => cache.keys().then((requests) => Promise.all(requests
    .filter((request) => KEPT.test(new URL(request.url).pathname))
    .map((request) => cache.delete(request, {ignoreVary: true})))));
}

// What a page says, without what changes on every answer: the script nonce, the CSRF token, a file link's signature,
// the map's generated element names.
function said(text) {
  return text.replace(/ nonce="[^"]*"/g, "").replace(/_[0-9a-f]{32}/g, "_").replace(/name="csrfmiddlewaretoken" value="[^"]*"/g, "")
    .replace(/(\/media\/[^"?]*)\?[^"]*/g, "$1");
}
async function tellIfChanged(event, kept, fresh) {
  if (!keepable(fresh) || said(await kept.text()) === said(await fresh.text())) return;
  // The page may still be starting: wait for it a little.
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const client = await self.clients.get(event.resultingClientId || event.clientId);
    if (client) { client.postMessage({type: "lapor-page-updated"}); return; }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
async function offlinePage(request) {
  const cache = await caches.open(CACHE);
  return (await cache.match(request, {ignoreVary: true})) || (await cache.match("{% url 'home' %}", {ignoreVary: true}))
    || (await cache.match(FORM, {ignoreVary: true})) || Response.error();
}
// The offline form, if the worker does not hold it yet: a few seconds after a page has opened, not to slow it down.
function formLater() {
  return new Promise((resolve) => setTimeout(resolve, 5000)).then(() => caches.open(CACHE))
    .then((cache) => cache.match(FORM, {ignoreVary: true}).then((hit) => hit || fetch(FORM, {credentials: "same-origin"})
      .then((response) => keepPage(new Request(FORM), response))))
    .catch(() => {});
}
async function keptPage(event) {
  const request = event.request;
  await forgetting;
  const kept = await (await caches.open(CACHE)).match(request, {ignoreVary: true});
  if (!kept) {
    return fetch(request).then((response) => { event.waitUntil(keepPage(request, response)); return response; })
      .catch(() => offlinePage(request));
  }
  const copy = kept.clone();
  event.waitUntil(fetch(request).then(async (fresh) => {
    await keepPage(request, fresh);
    await tellIfChanged(event, copy, fresh);
  }).catch(() => {}));
  return kept;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method !== "GET") {
    if (request.mode === "navigate") { forgetting = forgetPages(); event.waitUntil(forgetting); }
    return;
  }
  if (url.pathname.startsWith("{{ static_prefix }}")) {
    event.respondWith(caches.match(request).then((hit) => hit || fetch(request).then((response) => {
      if (response.ok) { const copy = response.clone(); caches.open(CACHE).then((cache) => cache.put(request, copy)); }
      return response;
    })));
    return;
  }
  if (request.mode !== "navigate") return;
  event.waitUntil(formLater());
  if (KEPT.test(url.pathname) && !url.search) {
    event.respondWith(keptPage(event));
    return;
  }
  event.respondWith(fetch(request).catch(() => offlinePage(request)));
});
