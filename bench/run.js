#!/usr/bin/env node
/**
 * Benchmarks, run in the built app in headless Chromium. Each case runs its variants
 * alternately in one page (A, B, A, B ...) so a noisy shared machine affects both alike,
 * and reports the median wall time of each and their ratio. Results go to stdout and to
 * bench/results.md, which the README quotes.
 *
 * Usage: npm run build && npm run bench [-- --reps N]
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../bin/chromium.js';
import { serveStatic } from '../bin/static-server.js';

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const repsArg = process.argv.indexOf('--reps');
const REPS = repsArg > 0 ? Number(process.argv[repsArg + 1]) : 5;

const PRIMES = `
function isPrime(n: number) { if (n < 2) return false; for (let i = 2; i < n; i++) if (n % i === 0) return false; return true; }
const x = Int32Array.from({ length: 10_000 }, (_, i) => (i * 7919) % 100_000);
const c = await cluster();
const v = c.view();
await v.scatter('x', x);
await v.push({ isPrime });
await v.execute('const y = Array.from(x, isPrime)');
const y = await v.gather('y');
if (y.length !== 10_000) throw new Error('wrong length');
`;

/** @param {string | number} chunk */
const tiny = (chunk) => `
const c = await cluster();
const ys = await c.balanced().map((x: number) => x + 1, Array.from({ length: 20_000 }, (_, i) => i), { chunkSize: ${chunk} });
if (ys[19_999] !== 20_000) throw new Error('wrong result');
`;

const APPLY = `
const c = await cluster();
const v = c.view();
for (let i = 0; i < 200; i++) await v.apply(() => 0);
`;

/** @type {{ name: string, note: string, variants: { label: string, code: string, workers: number | 'auto' }[] }[]} */
const CASES = [
  {
    name: 'Primality of 10,000 integers (scatter/execute/gather)',
    note: 'speedup from a second worker on a 2-thread machine',
    variants: [
      { label: '1 worker', code: PRIMES, workers: 1 },
      { label: '2 workers', code: PRIMES, workers: 2 },
    ],
  },
  {
    name: 'Load-balanced map of 20,000 tiny tasks',
    note: "chunkSize 'auto' (joblib-style batching) against one item per task",
    variants: [
      { label: 'chunkSize 1', code: tiny(1), workers: 2 },
      { label: "chunkSize 'auto'", code: tiny("'auto'"), workers: 2 },
    ],
  },
  {
    name: '200 sequential apply() round trips on 2 workers',
    note: 'fixed cost of a call, against the same script with 1 worker',
    variants: [
      { label: '1 worker', code: APPLY, workers: 1 },
      { label: '2 workers', code: APPLY, workers: 2 },
    ],
  },
];

/** @param {number[]} xs */
function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

const server = await serveStatic(path.join(ROOT, 'dist'));
const browser = await chromium.launch({
  executablePath: CHROMIUM_PATH,
  args: CHROMIUM_ARGS,
});
try {
  const page = await browser.newPage();
  await page.goto(server.url);
  await page.waitForFunction(() => 'fanout' in window);
  const rows = [];
  for (const c of CASES) {
    /** @type {number[][]} */
    const times = c.variants.map(() => []);
    for (let r = 0; r < REPS + 1; r++) {
      for (const [i, v] of c.variants.entries()) {
        const report = await page.evaluate((req) => window.fanout.run(req), {
          code: v.code,
          workers: v.workers,
        });
        if (!report.ok) throw new Error(`${c.name} / ${v.label}: ${report.error?.message}`);
        if (r > 0) times[i]?.push(report.wall); // the first round warms up
      }
    }
    const [a = NaN, b = NaN] = times.map(median);
    const [va, vb] = c.variants;
    if (!va || !vb) throw new Error(`${c.name}: a case needs two variants`);
    rows.push({
      name: c.name,
      note: c.note,
      a: va.label,
      b: vb.label,
      ma: a,
      mb: b,
      ratio: a / b,
    });
    console.log(
      `${c.name}: ${va.label} ${a.toFixed(1)} ms, ${vb.label} ${b.toFixed(1)} ms, ratio ${(a / b).toFixed(2)}x`,
    );
  }
  const cpus = await page.evaluate(() => navigator.hardwareConcurrency);
  const table = [
    `Median of ${REPS} alternating runs each, in one page of headless Chromium ${browser.version()} with ${cpus} hardware threads (\`npm run bench\`, ${new Date().toISOString().slice(0, 10)}).`,
    '',
    '| case | A | B | median A | median B | A / B |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map(
      (r) =>
        `| ${r.name} (${r.note}) | ${r.a} | ${r.b} | ${r.ma.toFixed(1)} ms | ${r.mb.toFixed(1)} ms | **${r.ratio.toFixed(2)}×** |`,
    ),
    '',
  ].join('\n');
  await writeFile(path.join(ROOT, 'bench', 'results.md'), table);
  console.log(`\n${table}`);
} finally {
  await browser.close();
  await server.close();
}
