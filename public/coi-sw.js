// @ts-check
/// <reference lib="webworker" />
/**
 * Fanout's cross-origin isolation fallback for static hosts that cannot set headers
 * (GitHub Pages, for one). Registered by the page (src/host/isolation.ts) only when the
 * page is not isolated, it adds `Cross-Origin-Opener-Policy: same-origin` and
 * `Cross-Origin-Embedder-Policy: require-corp` to every same-origin response in its scope,
 * so the next load of the page is cross-origin isolated (SharedArrayBuffer, 5 us timers).
 * The same idea as coi-serviceworker (https://github.com/gzuidhof/coi-serviceworker),
 * written for Fanout: it touches same-origin requests only and never caches anything.
 */

const sw = /** @type {ServiceWorkerGlobalScope} */ (/** @type {unknown} */ (self));

sw.addEventListener('install', () => {
  // Take over at once: the page reloads itself as soon as this worker is active.
  sw.skipWaiting().catch(() => undefined);
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(sw.clients.claim());
});

sw.addEventListener('fetch', (event) => {
  const request = event.request;
  // Requests to other origins go to the network untouched: their own headers decide.
  if (new URL(request.url).origin !== sw.location.origin) return;
  // A request Chromium makes only from its cache cannot be answered by a fetch() here.
  if (request.cache === 'only-if-cached' && request.mode !== 'same-origin') return;
  event.respondWith(fetch(request).then(withIsolationHeaders));
});

/**
 * The response with the isolation headers added (a response the host already marks keeps
 * its own values). Opaque and error responses cannot be rebuilt and pass as they are.
 * @param {Response} response
 * @returns {Response}
 */
function withIsolationHeaders(response) {
  if (response.status === 0 || response.type === 'opaque') return response;
  const headers = new Headers(response.headers);
  if (!headers.has('Cross-Origin-Opener-Policy')) {
    headers.set('Cross-Origin-Opener-Policy', 'same-origin');
  }
  if (!headers.has('Cross-Origin-Embedder-Policy')) {
    headers.set('Cross-Origin-Embedder-Policy', 'require-corp');
  }
  return new Response(response.body, {
    status: response.status,
    statusText: response.statusText,
    headers,
  });
}
