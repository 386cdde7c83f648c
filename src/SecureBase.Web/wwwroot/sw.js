// SecureBase's service worker (ADR 0023): the log opens from the home screen without a connection.
// Only our own origin and only GET requests are touched; nothing is fetched from anywhere else.
'use strict';
const CACHE = 'securebase-offline-v1';
// The log page drawn without the person's recent moments: what opens when there is no connection.
const SHELL = '/Log?handler=Shell';
const STATIC = ['/css/site.css', '/js/offline.js', '/js/menu.js', '/favicon.svg', '/manifest.webmanifest', '/icons/icon-192.png'];
let shellFetchedAt = 0;

async function refreshShell() {
  if (Date.now() - shellFetchedAt < 10 * 60 * 1000) return;
  const response = await fetch(SHELL, { credentials: 'same-origin', cache: 'no-store' });
  // Signed out, the answer is a redirect to sign-in: the copy kept before stays.
  if (response.ok && !response.redirected) {
    await (await caches.open(CACHE)).put(SHELL, response);
    shellFetchedAt = Date.now();
  }
}

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE)
    .then((cache) => cache.addAll(STATIC))
    .then(() => refreshShell().catch(() => {}))
    .then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    if (url.pathname !== '/Log') return;
    // The network first, always: the kept copy only when there is no connection.
    event.respondWith(fetch(request)
      .then((response) => {
        if (response.ok && !response.redirected) event.waitUntil(refreshShell().catch(() => {}));
        return response;
      })
      .catch(() => caches.match(SHELL).then((kept) => kept || Response.error())));
    return;
  }
  if (STATIC.includes(url.pathname)) {
    event.respondWith(fetch(request)
      .then((response) => {
        if (response.ok) {
          const copy = response.clone();
          event.waitUntil(caches.open(CACHE).then((cache) => cache.put(url.pathname, copy)));
        }
        return response;
      })
      .catch(() => caches.match(url.pathname).then((kept) => kept || Response.error())));
  }
});
