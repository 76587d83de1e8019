/**
 * The HTTP headers every server of the app sends (`vite dev`, `vite preview` and the
 * command line's static server), kept in one place.
 *
 * Two Content Security Policies protect the app. The page's own policy is a `<meta>` tag in
 * index.html (no inline script, no eval, workers and connections to the app's origin
 * only), so it holds on any static host. The header below is the policy of the workers,
 * where the user's code runs: they may compile code (`eval` of shipped functions, a blob
 * URL for the script) but connect only to the app's own origin. A browser applies both
 * policies to the page, so the page keeps the stricter one. See "Security model" in
 * README.md for how a tutorial author widens either.
 */

/** Headers that make the page cross-origin isolated (SharedArrayBuffer, fine timers). */
export const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** The Content Security Policy of the workers (and, with index.html's tag, of the page). */
export const WORKER_CSP = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-eval' blob:",
  "worker-src 'self' blob:",
  "connect-src 'self' blob: data:",
  "img-src 'self' data: blob:",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
].join('; ');

/** Everything the app's servers send with every response. */
export const SECURITY_HEADERS = {
  ...ISOLATION_HEADERS,
  // The run sandbox is a frame with an opaque origin ("null"): it loads the app's scripts
  // and workers as cross-origin requests. The files are public and sent without cookies.
  'Access-Control-Allow-Origin': '*',
  'Content-Security-Policy': WORKER_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};
