#!/usr/bin/env node
/**
 * Profiles one script in the built app with Chromium's sampling profiler, in the page, the
 * run sandbox frame (its own process) and every worker (driver and engines, which the frame
 * hosts), and prints where each thread spent its time: the functions with the most self
 * time. Used to decide what to optimise (see README's Benchmarks).
 *
 * Usage: npm run build && node bench/profile.js [file.ts] [--workers N] [--top N] [--calls N]
 *   [--dist DIR] (readable names: `npx vite build --minify false --outDir DIR`)
 *   [--plain] (served without cross-origin isolation: the copying paths)
 * Without a file it profiles 20,000 one-item tasks (`chunkSize: 1`).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { BENCH_CHROMIUM_ARGS, CHROMIUM_PATH } from '../bin/chromium.js';
import { serveStatic } from '../bin/static-server.js';

/**
 * The parts of CDP's Profiler.Profile this script reads.
 * @typedef {{ functionName: string, url: string, lineNumber: number }} CallFrame
 * @typedef {{ id: number, callFrame: CallFrame, children?: number[] }} ProfileNode
 * @typedef {{ nodes: ProfileNode[], samples: number[], timeDeltas: number[] }} Profile
 * A worker's reply to a command sent through the page's session.
 * @typedef {{ id?: number, result?: { profile?: Profile }, error?: unknown }} WorkerReply
 */

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const args = process.argv.slice(2);
/** @type {(name: string, fallback: string | number) => string | number} */
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? (args.splice(i, 2)[1] ?? fallback) : fallback;
};
const workers = Number(option('--workers', 2));
const top = Number(option('--top', 12));
const calls = Number(option('--calls', 1));
const dist = path.resolve(ROOT, String(option('--dist', 'dist')));
const plainAt = args.indexOf('--plain');
const plain = plainAt >= 0 && args.splice(plainAt, 1).length > 0;
const code = args[0]
  ? await readFile(args[0], 'utf8')
  : `const c = await cluster();
const ys = await c.balanced().map((x: number) => x + 1, Array.from({ length: 20_000 }, (_, i) => i), { chunkSize: 1 });
if (ys[19_999] !== 20_000) throw new Error('wrong result');`;

const server = await serveStatic(dist, { isolated: !plain });
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: BENCH_CHROMIUM_ARGS });
try {
  // Service workers blocked: the plain page would otherwise isolate itself (coi-sw.js).
  const page = await (await browser.newContext({ serviceWorkers: 'block' })).newPage();
  const cdp = await page.context().newCDPSession(page);
  // Targets reached through the page's session, nested as the browser nests them: the
  // page's workers, and the run sandbox frame (a process of its own) with the driver and
  // engines it hosts. Each is addressed by its path of session ids from the page.
  /** @type {Map<string, { title: string, type: string, path: string[] }>} */
  const targets = new Map();
  /** @type {Map<number, (r: WorkerReply['result']) => void>} */
  const pending = new Map();
  let nextId = 1;
  /**
   * Sends a command to the target at `path`, wrapping it once per level of nesting.
   * @type {(path: string[], method: string, params?: object) => Promise<WorkerReply['result']>}
   */
  const sendTo = (path, method, params = {}) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, resolve);
      let message = JSON.stringify({ id, method, params });
      for (let i = path.length - 1; i > 0; i--) {
        const sessionId = path[i];
        message = JSON.stringify({
          id: nextId++,
          method: 'Target.sendMessageToTarget',
          params: { sessionId, message },
        });
      }
      cdp.send('Target.sendMessageToTarget', { sessionId: path[0], message }).catch(reject);
    });
  /** Auto-attach below a target, so a frame's workers are reached too. */
  const attachBelow = (/** @type {string[]} */ path) =>
    sendTo(path, 'Target.setAutoAttach', {
      autoAttach: true,
      waitForDebuggerOnStart: false,
      flatten: false,
    });
  /**
   * Handles a message from the target at `path` (unwrapping messages of nested targets).
   * @param {string[]} path @param {string} text
   */
  const receive = (path, text) => {
    /** @type {any} */
    const msg = JSON.parse(text);
    if (msg.method === 'Target.receivedMessageFromTarget') {
      receive([...path, msg.params.sessionId], msg.params.message);
    } else if (msg.method === 'Target.attachedToTarget') {
      attached([...path, msg.params.sessionId], msg.params.targetInfo);
    } else if (msg.method === 'Target.detachedFromTarget') {
      targets.delete([...path, msg.params.sessionId].join('/'));
    } else if (typeof msg.id === 'number') {
      const resolve = pending.get(msg.id);
      pending.delete(msg.id);
      // A failed command resolves empty: that worker's profile is left out.
      resolve?.(msg.result);
    }
  };
  /** @param {string[]} path @param {{ title: string, url: string, type: string }} info */
  const attached = (path, info) => {
    targets.set(path.join('/'), { title: info.title || info.url, type: info.type, path });
    if (info.type === 'iframe') attachBelow(path).catch(() => undefined);
  };
  cdp.on('Target.attachedToTarget', (e) => attached([e.sessionId], e.targetInfo));
  cdp.on('Target.detachedFromTarget', (e) => targets.delete(e.sessionId));
  cdp.on('Target.receivedMessageFromTarget', (e) => receive([e.sessionId], e.message));
  await cdp.send('Target.setAutoAttach', {
    autoAttach: true,
    waitForDebuggerOnStart: false,
    flatten: false,
  });
  await page.goto(server.url);
  await page.waitForFunction(() => 'fanout' in window);
  await page.evaluate(() => window.fanout.ready);
  // Warm up once, so the profile shows the steady state (workers spawned, code compiled).
  await page.evaluate((req) => window.fanout.run(req), { code, workers });
  await new Promise((r) => setTimeout(r, 500));
  const sessions = [...targets.values()];
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await cdp.send('Profiler.start');
  for (const s of sessions) {
    await sendTo(s.path, 'Profiler.enable');
    await sendTo(s.path, 'Profiler.setSamplingInterval', { interval: 500 });
    await sendTo(s.path, 'Profiler.start');
  }
  // The script idles at its end, so its workers live until every profile is collected.
  const started = Date.now();
  const run = page.evaluate((req) => window.fanout.run(req), {
    code: `${code}\nawait new Promise((r) => setTimeout(r, 3000));`,
    workers,
  });
  await page.waitForFunction(
    (n) => {
      const r = window.fanout.report();
      const calls = r?.calls ?? [];
      // r.ok is false until the run ends: this is the profiled run, not the warm-up.
      return r?.ok === false && calls.length >= n && calls.every((c) => c.timing.wall > 0);
    },
    calls,
    { polling: 50, timeout: 0 },
  );
  console.log(`profiled ${Date.now() - started} ms (until the script's calls ended)\n`);
  /** @type {[string, Profile][]} */
  const profiles = [['page', /** @type {Profile} */ ((await cdp.send('Profiler.stop')).profile)]];
  for (const s of sessions) {
    const r = await sendTo(s.path, 'Profiler.stop');
    const title = s.type === 'iframe' ? `run sandbox frame (${s.title})` : s.title;
    if (r?.profile) profiles.push([title, r.profile]);
  }
  for (const [title, profile] of profiles) summarise(title, profile);
  const report = await run;
  if (!report.ok) throw new Error(report.error?.message);
} finally {
  await browser.close();
  await server.close();
}

/**
 * Prints a profile's busiest functions by self time.
 * @param {string} title
 * @param {Profile} profile
 */
function summarise(title, profile) {
  /** @type {Map<string, number>} */
  const self = new Map();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  /** @type {Map<number, ProfileNode>} */
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n);
  const dt = profile.timeDeltas;
  let total = 0;
  profile.samples.forEach((id, i) => {
    const n = byId.get(id);
    if (!n) return;
    const ms = (dt[i + 1] ?? 0) / 1000;
    const f = n.callFrame;
    // Built-ins (postMessage, fillRect ...) are named with their caller.
    const up = f.url || f.functionName.startsWith('(') ? undefined : parent.get(n.id)?.callFrame;
    const caller = up && `${up.functionName || '(anonymous)'}:${up.lineNumber + 1}`;
    const key = `${f.functionName || '(anonymous)'}${caller ? ` < ${caller}` : ''} ${f.url ? path.basename(f.url) : ''}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + ms);
    total += ms;
  });
  const idle = self.get('(idle) :0') ?? 0;
  console.log(`== ${title}: ${total.toFixed(0)} ms sampled, ${(total - idle).toFixed(0)} ms busy`);
  const rows = [...self.entries()].filter(([k]) => !k.startsWith('(idle)'));
  rows.sort((a, b) => b[1] - a[1]);
  for (const [k, ms] of rows.slice(0, top)) console.log(`  ${ms.toFixed(1).padStart(8)} ms  ${k}`);
  console.log('');
}
