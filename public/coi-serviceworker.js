// Cross-origin isolation for static hosts that cannot set headers (GitHub
// Pages, a USB stick served by a plain file server): this worker re-serves the
// site's own responses with COOP/COEP/CORP, which gives the page
// SharedArrayBuffer and so multi-threaded training. It also keeps the last good
// copy of every file of the site, so the app opens offline once loaded.
// It never touches requests to other origins (the page makes none).
const CACHE = 'darkvec-studio-v1';

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

function isolate(response) {
  if (response.status === 0 || response.type === 'opaque') return response;
  const headers = new Headers(response.headers);
  headers.set('Cross-Origin-Opener-Policy', 'same-origin');
  headers.set('Cross-Origin-Embedder-Policy', 'require-corp');
  headers.set('Cross-Origin-Resource-Policy', 'same-origin');
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  if (request.cache === 'only-if-cached' && request.mode !== 'same-origin') return;
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      try {
        const response = await fetch(request);
        // Range and partial responses cannot be cached whole.
        if (response.ok && response.status === 200) await cache.put(request, response.clone());
        return isolate(response);
      } catch (error) {
        const cached = await cache.match(request);
        if (cached) return isolate(cached);
        throw error;
      }
    })(),
  );
});
