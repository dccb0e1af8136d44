// Keeps the checkpoint page itself available offline: network first (so updates arrive), the cache when the
// network is gone. The API is never cached here; check.js keeps keys and revocations in localStorage.
const CACHE = 'check-v1';
const PAGE = ['./', 'index.html', 'check.css', 'check.js', 'verify.js', 'vendor/cbor-x.min.js',
  'vendor/pako_inflate.min.js', 'vendor/qr-scanner.umd.min.js', 'vendor/qr-scanner-worker.min.js'];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PAGE)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((names) => Promise.all(names.filter((n) => n !== CACHE).map((n) => caches.delete(n))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin
      || !url.pathname.startsWith(new URL('./', self.location).pathname)) {
    return;
  }
  event.respondWith(fetch(event.request)
    .then((response) => {
      if (response.ok) {
        const copy = response.clone();
        caches.open(CACHE).then((cache) => cache.put(event.request, copy));
      }
      return response;
    })
    .catch(() => caches.match(event.request, { ignoreSearch: true })));
});
