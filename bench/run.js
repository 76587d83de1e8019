#!/usr/bin/env node
/**
 * Benchmarks every performance target of the app against its peers, in the built app in
 * headless Chromium: each measurement alternates its variants (Fanout, raw postMessage,
 * workerpool ...) in one page, round after round, so a noisy shared machine affects them
 * alike, and reports medians and ratios. Writes bench/results.md (the README quotes it)
 * and bench/results.json, and puts the table in the README between its bench markers.
 *
 * Usage: npm run build && npm run bench [-- --reps N] [-- --json] [-- --quick]
 *   --json   print the results as JSON instead of a table
 *   --only 1,4  measure only these targets (nothing written); `--only gpu` the GPU figures
 *   --quick  small sizes, one round, nothing written: checks that every case still runs
 *            (CI); it asserts no speed
 */
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { BENCH_CHROMIUM_ARGS, CHROMIUM_PATH } from '../bin/chromium.js';
import { serveStatic } from '../bin/static-server.js';
import { measurePage } from './page-load.js';
import * as scripts from './scripts.js';
import { gpu } from './gpu.js';
import { renderMarkdown, renderText } from './report.js';
import * as targets from './targets.js';

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const argv = process.argv.slice(2);
const QUICK = argv.includes('--quick');
const JSON_OUT = argv.includes('--json');
const repsAt = argv.indexOf('--reps');
const onlyAt = argv.indexOf('--only');
/** Targets to measure (`--only 1,4`), or all. */
const ONLY = onlyAt >= 0 ? new Set((argv[onlyAt + 1] ?? '').split(',')) : undefined;
/** @param {number | string} target */
const want = (target) => !ONLY || ONLY.has(String(target));
const REPS = QUICK ? 1 : repsAt >= 0 ? Number(argv[repsAt + 1]) : 5;
/**
 * Rounds of the speedup comparison (target 3), at least 11: its figures are ratios of two
 * walls of about 100 ms, the noisiest in the table (single rounds on this shared machine
 * ranged 1.15-1.96 for the same bare workers), and 5 rounds left their medians swinging
 * from one run to the next.
 */
const SPEEDUP_REPS = QUICK ? 1 : Math.max(REPS, 11);
/** Sizes: the issue's, or small ones for the quick check. */
const N = QUICK
  ? { tasks: 400, items: 2000, darts: 2e5, primes: 300, mib: 1, random: 12 }
  : { tasks: 20_000, items: 100_000, darts: 4e6, primes: 10_000, mib: 64, random: 64 };

/**
 * Quiet time before each measurement. A Fanout run's promise resolves when its script ends,
 * and the page then draws the finished run and the workers reset: without a pause that work
 * overlapped the next variant's measurement, slowing whichever peer came after Fanout.
 */
const SETTLE_MS = QUICK ? 0 : 300;

const log = (/** @type {string} */ s) =>
  (JSON_OUT ? process.stderr : process.stdout).write(`${s}\n`);

/**
 * Runs a Fanout script in the page and returns the JSON it printed on its `bench` line.
 * @param {import('playwright-core').Page} page @param {string} code
 */
async function fanout(page, code) {
  const report = await page.evaluate((code) => window.fanout.run({ code, workers: 'auto' }), code);
  if (!report.ok) throw new Error(`${report.error?.message}\n${code}`);
  const line = report.output.find((l) => l.text.startsWith('bench '));
  if (!line) throw new Error(`no bench line in the output of\n${code}`);
  return JSON.parse(line.text.slice('bench '.length));
}

/**
 * Measures each variant `reps` times, alternating, and keeps every value of `key`.
 * @param {string} name
 * @param {Record<string, () => Promise<any>>} variants
 * @param {number} [reps]
 */
async function alternate(name, variants, reps = REPS) {
  /** @type {Record<string, any[]>} */
  const runs = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
  for (let r = 0; r < reps; r++) {
    for (const [k, f] of Object.entries(variants)) {
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
      runs[k]?.push(await f());
    }
  }
  log(`  ${name}: ${reps} round(s) done`);
  return runs;
}

const dist = path.join(ROOT, 'dist');
const isolatedServer = await serveStatic(dist);
const plainServer = await serveStatic(dist, { isolated: false });
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: BENCH_CHROMIUM_ARGS });
try {
  const loading =
    want(6) || want(7)
      ? await measurePage(browser, isolatedServer.url, dist, QUICK ? 1 : REPS, scripts.firstTask)
      : undefined;
  /** @param {string} url */
  const open = async (url) => {
    // Service workers blocked: the plain page would otherwise isolate itself (coi-sw.js).
    // bypassCSP: the page's policy refuses inline scripts, and workerpool is added as one.
    const context = await browser.newContext({ serviceWorkers: 'block', bypassCSP: true });
    const p = await context.newPage();
    await p.goto(url);
    await p.waitForFunction(() => 'fanout' in window);
    await p.evaluate(() => window.fanout.ready);
    return p;
  };
  const page = await open(isolatedServer.url);
  await page.addScriptTag({
    path: path.join(ROOT, 'node_modules/workerpool/dist/workerpool.min.js'),
  });
  const plain = await open(plainServer.url);
  const threads = await page.evaluate(() => navigator.hardwareConcurrency);
  const ctx = {
    page,
    plain,
    workers: threads,
    threads,
    N,
    alternate,
    fanout,
    loading,
    speedupReps: SPEEDUP_REPS,
  };
  const results = [];
  if (want(1) || want(2)) results.push(...(await targets.overhead(ctx)));
  if (want(3)) results.push(...(await targets.speedup(ctx)));
  if (want(4)) results.push(...(await targets.scheduling(ctx)));
  if (want(5)) results.push(...(await targets.data(ctx)));
  if (want(6) || want(7)) results.push(...(await targets.startup(ctx)));
  if (want('gpu')) results.push(...(await gpu(ctx)));

  const meta = {
    date: new Date().toISOString(),
    chromium: browser.version(),
    threads,
    // Load averages (1, 5, 15 minutes) when the run ended: above the thread count, other
    // processes competed for the cores.
    loadAverage: os.loadavg().map((x) => Math.round(x * 10) / 10),
    reps: REPS,
    speedupReps: SPEEDUP_REPS,
    quick: QUICK,
    note: 'medians of alternating rounds in one page; the machine was shared with other jobs (loaded), so absolute figures are noisy and ratios measured side by side are the ones to read',
  };
  if (JSON_OUT) console.log(JSON.stringify({ ...meta, results }, null, 2));
  else console.log(renderText(results));
  if (!QUICK && !ONLY) {
    const table = renderMarkdown(meta, results);
    await writeFile(path.join(ROOT, 'bench', 'results.md'), table);
    // The README shows the latest table between its markers.
    const readme = await readFile(path.join(ROOT, 'README.md'), 'utf8');
    const block = /<!-- bench results -->\n[\s\S]*?<!-- \/bench results -->/;
    if (block.test(readme)) {
      const updated = `<!-- bench results -->\n${table}<!-- /bench results -->`;
      await writeFile(
        path.join(ROOT, 'README.md'),
        readme.replace(block, () => updated),
      );
    }
    await writeFile(
      path.join(ROOT, 'bench', 'results.json'),
      `${JSON.stringify({ ...meta, results }, null, 2)}\n`,
    );
  }
} finally {
  await browser.close();
  await isolatedServer.close();
  await plainServer.close();
}
