/**
 * A tiny static file server for the built app, used by the command line. It listens on
 * 127.0.0.1 only, on a free port, and sends the headers that make the page cross-origin
 * isolated (SharedArrayBuffer and fine timers need COOP + COEP, and every resource must
 * allow itself to be embedded: https://web.dev/articles/coop-coep).
 */
import { createServer } from 'node:http';
import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { SECURITY_HEADERS, WORKER_CSP } from './security-headers.js';

/**
 * What the server sends when not isolated, like a static host that sets no headers of its
 * own (GitHub Pages sends `Access-Control-Allow-Origin: *`, which the run sandbox needs).
 */
const WORKER_CSP_ONLY = {
  'Content-Security-Policy': WORKER_CSP,
  'Access-Control-Allow-Origin': '*',
};

/** Content types by file extension; anything else is sent as bytes. */
const MIME_TYPES = /** @type {Record<string, string>} */ ({
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.wgsl': 'text/plain; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
});

/**
 * @typedef {object} StaticServer
 * @property {string} url The server's base URL, ending in `/`.
 * @property {() => Promise<void>} close Stops listening and drops open connections.
 */

/**
 * @typedef {object} ServeOptions
 * @property {boolean} [isolated] Send the cross-origin isolation headers (default true);
 *   false serves like a static host that cannot set headers (GitHub Pages), and lets the
 *   benchmarks measure the page without them.
 * @property {string} [basePath] URL path the files are served under, like a GitHub Pages
 *   project site (`/fanout/`); anything outside it is 404. Default `/`.
 * @property {number} [port] Port to listen on; default any free port.
 */

/**
 * Serves the files under `root` on 127.0.0.1, with the isolation headers unless told not
 * to; `/` and folders serve their `index.html`, and paths that leave `root` are refused.
 * @param {string} root
 * @param {ServeOptions} [options]
 * @returns {Promise<StaticServer>}
 */
export async function serveStatic(root, options = {}) {
  const base = await realpath(path.resolve(root));
  const basePath = normalizeBasePath(options.basePath ?? '/');
  const headersFor = options.isolated === false ? WORKER_CSP_ONLY : SECURITY_HEADERS;
  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    const inside = url.startsWith(basePath) ? `/${url.slice(basePath.length)}` : undefined;
    const reply =
      inside !== undefined
        ? respond(base, req.method ?? 'GET', inside)
        : Promise.resolve(
            url.split('?')[0] === basePath.slice(0, -1)
              ? { status: 301, headers: { Location: basePath }, body: '' }
              : { status: 404, headers: {}, body: `not found: serving ${basePath} only` },
          );
    reply.then(
      ({ status, headers, body }) => {
        res.writeHead(status, {
          ...headersFor,
          'Cache-Control': 'no-store',
          'Content-Type': 'text/plain; charset=utf-8',
          ...headers,
        });
        res.end(req.method === 'HEAD' ? undefined : body);
      },
      (error) => {
        res.writeHead(500, { ...headersFor, 'Content-Type': 'text/plain' });
        res.end(String(error));
      },
    );
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve(undefined));
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('server has no port');
  return {
    url: `http://127.0.0.1:${address.port}${basePath}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * `/fanout` or `fanout/` as `/fanout/`: a base path starts and ends with a slash.
 * @param {string} basePath
 */
function normalizeBasePath(basePath) {
  const trimmed = basePath.replace(/^\/+|\/+$/g, '');
  return trimmed ? `/${trimmed}/` : '/';
}

/**
 * Finds the file a request asks for and says what to send back.
 * @param {string} root Real path (symlinks resolved) of the root folder.
 * @param {string} method
 * @param {string} url The request target under the base path, e.g. `/assets/index-abc.js?x=1`.
 * @returns {Promise<{ status: number, headers: Record<string, string>, body?: Buffer | string }>}
 */
async function respond(root, method, url) {
  if (method !== 'GET' && method !== 'HEAD') {
    return { status: 405, headers: { Allow: 'GET, HEAD' }, body: 'method not allowed' };
  }
  const found = await resolveRequest(root, url);
  if ('status' in found)
    return { status: found.status, headers: {}, body: STATUS_TEXT[found.status] };
  const body = await readFile(found.file).catch(() => undefined);
  if (body === undefined) return { status: 404, headers: {}, body: 'not found' };
  const type = MIME_TYPES[path.extname(found.file).toLowerCase()] ?? 'application/octet-stream';
  return { status: 200, headers: { 'Content-Type': type }, body };
}

const STATUS_TEXT = /** @type {Record<number, string>} */ ({
  400: 'bad request',
  403: 'forbidden',
  404: 'not found',
});

/**
 * The path guard: the file under `root` that a request target names, or the status that
 * refuses it. Percent-encoding is decoded before the check (`..%2f` is `../`), a path that
 * leaves `root` is 403, and so is one that reaches outside through a symbolic link; a
 * folder means its `index.html`.
 * @param {string} root Real path (symlinks resolved) of the root folder.
 * @param {string} url The request target, e.g. `/assets/index-abc.js?x=1`.
 * @returns {Promise<{ file: string } | { status: 400 | 403 | 404 }>}
 */
export async function resolveRequest(root, url) {
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(url, 'http://localhost').pathname);
  } catch {
    return { status: 400 };
  }
  if (pathname.includes('\0')) return { status: 400 };
  const inside = (/** @type {string} */ p) => p === root || p.startsWith(root + path.sep);
  const asked = path.join(root, pathname);
  if (!inside(asked)) return { status: 403 };
  let file = await realpath(asked).catch(() => undefined);
  if (file === undefined) return { status: 404 };
  if (!inside(file)) return { status: 403 };
  if ((await stat(file).catch(() => undefined))?.isDirectory()) {
    file = await realpath(path.join(file, 'index.html')).catch(() => undefined);
    if (file === undefined) return { status: 404 };
    if (!inside(file)) return { status: 403 };
  }
  return { file };
}

// `node bin/static-server.js [DIR] [--base /fanout/] [--no-isolation] [--port N]` serves a
// build as a static host would, to try a deployment before making it (README "Deploying").
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      base: { type: 'string', default: '/' },
      'no-isolation': { type: 'boolean', default: false },
      port: { type: 'string', default: '8080' },
    },
  });
  const server = await serveStatic(positionals[0] ?? 'dist', {
    basePath: values.base,
    isolated: !values['no-isolation'],
    port: Number(values.port),
  });
  const how = values['no-isolation'] ? 'without isolation headers' : 'with isolation headers';
  console.log(`serving ${positionals[0] ?? 'dist'} at ${server.url} ${how} (Ctrl+C stops)`);
}
