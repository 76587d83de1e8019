import { request } from 'node:http';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveRequest, serveStatic } from './static-server.js';

/** A served root with a file beside it that must never be served, and links both ways. */
let top: string;
let root: string;
beforeAll(() => {
  top = realpathSync(mkdtempSync(path.join(tmpdir(), 'fanout-static-')));
  root = path.join(top, 'dist');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  mkdirSync(path.join(top, 'private'));
  mkdirSync(path.join(top, 'dist-evil'));
  writeFileSync(path.join(root, 'index.html'), '<p>app</p>');
  writeFileSync(path.join(root, 'assets', 'app.js'), 'export {};');
  writeFileSync(path.join(root, 'a b.txt'), 'spaced');
  writeFileSync(path.join(top, 'secret.txt'), 'SECRET');
  writeFileSync(path.join(top, 'private', 'index.html'), 'SECRET');
  writeFileSync(path.join(top, 'dist-evil', 'x.txt'), 'SECRET');
  symlinkSync(path.join(top, 'secret.txt'), path.join(root, 'leak.txt'));
  symlinkSync(path.join(top, 'private'), path.join(root, 'leak-dir'));
  symlinkSync(path.join(root, 'assets', 'app.js'), path.join(root, 'alias.js'));
});
afterAll(() => rmSync(top, { recursive: true, force: true }));

describe(resolveRequest, () => {
  it('finds files and folders (their index.html) inside the root', async () => {
    expect(await resolveRequest(root, '/')).toEqual({ file: path.join(root, 'index.html') });
    expect(await resolveRequest(root, '/assets/app.js?v=1#x')).toEqual({
      file: path.join(root, 'assets', 'app.js'),
    });
    expect(await resolveRequest(root, '/a%20b.txt')).toEqual({ file: path.join(root, 'a b.txt') });
    expect(await resolveRequest(root, '/missing.js')).toEqual({ status: 404 });
    expect(await resolveRequest(root, '/assets/')).toEqual({ status: 404 });
  });

  it('refuses encoded traversal and keeps plain dot segments inside the root', async () => {
    // The URL parser resolves `..` and `%2e%2e` segments against `/`, so they stay inside.
    expect(await resolveRequest(root, '/../secret.txt')).toEqual({ status: 404 });
    expect(await resolveRequest(root, '/%2e%2e/secret.txt')).toEqual({ status: 404 });
    expect(await resolveRequest(root, '/assets/../../index.html')).toEqual({
      file: path.join(root, 'index.html'),
    });
    // An encoded slash is only decoded after parsing: the guard must catch it.
    expect(await resolveRequest(root, '/..%2fsecret.txt')).toEqual({ status: 403 });
    expect(await resolveRequest(root, '/assets/..%2F..%2Fsecret.txt')).toEqual({ status: 403 });
    expect(await resolveRequest(root, '/%2e%2e%2fsecret.txt')).toEqual({ status: 403 });
    // A sibling whose name starts with the root's is still outside it.
    expect(await resolveRequest(root, '/..%2fdist-evil/x.txt')).toEqual({ status: 403 });
  });

  it('treats absolute paths as paths under the root', async () => {
    const absolute = encodeURIComponent(path.join(top, 'secret.txt'));
    expect(await resolveRequest(root, `/${absolute}`)).toEqual({ status: 404 });
    expect(await resolveRequest(root, '//etc/passwd')).toEqual({ status: 404 });
    expect(await resolveRequest(root, 'http://other.example/etc/passwd')).toEqual({
      status: 404,
    });
  });

  it('refuses symbolic links that lead out of the root, follows those inside', async () => {
    expect(await resolveRequest(root, '/leak.txt')).toEqual({ status: 403 });
    expect(await resolveRequest(root, '/leak-dir/')).toEqual({ status: 403 });
    expect(await resolveRequest(root, '/leak-dir/index.html')).toEqual({ status: 403 });
    expect(await resolveRequest(root, '/alias.js')).toEqual({
      file: path.join(root, 'assets', 'app.js'),
    });
  });

  it('refuses malformed encodings and NUL bytes', async () => {
    expect(await resolveRequest(root, '/%E0%A4%A')).toEqual({ status: 400 });
    expect(await resolveRequest(root, '/index.html%00.js')).toEqual({ status: 400 });
  });
});

/** Sends a raw request target (no client-side normalisation) and returns status and body. */
function get(url: string, target: string, method = 'GET') {
  const { port } = new URL(url);
  return new Promise<{ status: number; body: string; headers: Record<string, unknown> }>(
    (resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: target, method }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      });
      req.on('error', reject);
      req.end();
    },
  );
}

describe(serveStatic, () => {
  it('serves under a base path only, with the security headers', async () => {
    const server = await serveStatic(root, { basePath: 'fanout' });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/fanout\/$/);
      const page = await get(server.url, '/fanout/');
      expect(page).toMatchObject({ status: 200, body: '<p>app</p>' });
      expect(page.headers['cross-origin-embedder-policy']).toBe('require-corp');
      expect(page.headers['content-security-policy']).toContain("connect-src 'self'");
      expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
      expect((await get(server.url, '/fanout')).status).toBe(301);
      expect((await get(server.url, '/index.html')).status).toBe(404);
      expect((await get(server.url, '/fanoutx/index.html')).status).toBe(404);
      expect((await get(server.url, '/fanout/leak.txt')).status).toBe(403);
      expect((await get(server.url, '/fanout/..%2f..%2fsecret.txt')).status).toBe(403);
      const raw = await get(server.url, '/fanout/../secret.txt');
      expect(raw.body).not.toContain('SECRET');
      expect((await get(server.url, '/fanout/', 'POST')).status).toBe(405);
    } finally {
      await server.close();
    }
  });

  it('without isolation keeps the workers’ policy but drops COOP/COEP', async () => {
    const server = await serveStatic(root, { isolated: false });
    try {
      const page = await get(server.url, '/');
      expect(page.status).toBe(200);
      expect(page.headers['cross-origin-embedder-policy']).toBeUndefined();
      expect(page.headers['content-security-policy']).toContain("connect-src 'self'");
    } finally {
      await server.close();
    }
  });
});
