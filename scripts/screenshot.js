#!/usr/bin/env node
/**
 * Takes the README's screenshots: the built app in headless Chromium, mid-run; with
 * `--gpu`, after the README's GPU example (e2e/fixtures/gpu-tour.ts) has run; with
 * `--present`, in presentation mode (?present) at 1280x720, a projector's resolution; with
 * `--lesson`, the starter after a 1-worker run and a run on every thread, at 1280x800: the
 * serial loop striped on the driver lane, the measured speedup.
 * Usage: npm run build && node scripts/screenshot.js [--gpu | --present | --lesson]
 * Writes docs/screenshot.png (1440x900), docs/screenshot-gpu.png, docs/presentation.png or
 * docs/screenshot-lesson.png.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../bin/chromium.js';
import { serveStatic } from '../bin/static-server.js';

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const CODE = `// Monte Carlo pi, load-balanced over every worker (seeds 001 and 004)
const c = await cluster();
const lv = c.balanced();

function piChunk(seed: number) {
  let inside = 0;
  let s = seed * 2654435761 >>> 0;
  const n = 300_000 + (seed % 7) * 60_000;   // uneven work: load balancing helps
  for (let i = 0; i < n; i++) {
    s = (s * 1664525 + 1013904223) >>> 0; const x = s / 2 ** 32;
    s = (s * 1664525 + 1013904223) >>> 0; const y = s / 2 ** 32;
    if (x * x + y * y < 1) inside++;
  }
  return [inside, n];
}

const seeds = Array.from({ length: 1000 }, (_, i) => i + 1);
const ar = lv.map(piChunk, seeds, { chunkSize: 'auto' });
let done = 0;
for await (const _ of ar) if (++done % 250 === 0) print(\`\${done}/\${ar.total} results\`);
const parts = await ar;
const inside = parts.reduce((s, [k]) => s + k, 0);
const total = parts.reduce((s, [, n]) => s + n, 0);
print('pi is about', (4 * inside) / total);
print(\`speedup \${ar.timing.speedup.toFixed(2)}x on \${c.size} workers\`);
`;

const server = await serveStatic(path.join(ROOT, 'dist'));
const browser = await chromium.launch({
  executablePath: CHROMIUM_PATH,
  args: CHROMIUM_ARGS,
});
try {
  const present = process.argv.includes('--present');
  const page = await browser.newPage({
    viewport: present ? { width: 1280, height: 720 } : { width: 1440, height: 900 },
  });
  await page.goto(present ? `${server.url}?present` : server.url);
  await page.waitForFunction(() => 'fanout' in window);
  if (process.argv.includes('--lesson')) {
    await page.setViewportSize({ width: 1280, height: 800 });
    const starter = readFileSync(
      path.join(ROOT, 'src', 'examples', 'scripts', 'primality.ts'),
      'utf8',
    );
    await page.evaluate(() => window.fanout.ready);
    await page.evaluate((code) => window.fanout.run({ code, workers: 1 }), starter);
    await page.evaluate((code) => window.fanout.run({ code, workers: 'auto' }), starter);
    await page.screenshot({ path: path.join(ROOT, 'docs', 'screenshot-lesson.png') });
    console.log('wrote docs/screenshot-lesson.png');
  } else if (process.argv.includes('--gpu')) {
    const tour = readFileSync(path.join(ROOT, 'e2e', 'fixtures', 'gpu-tour.ts'), 'utf8');
    await page.evaluate((code) => window.fanout.run({ code, workers: 2 }), tour);
    await page.locator('#gpu-panel details summary').first().click();
    await page.screenshot({ path: path.join(ROOT, 'docs', 'screenshot-gpu.png') });
    console.log('wrote docs/screenshot-gpu.png');
  } else {
    await page.evaluate((code) => window.fanout.setCode(code), CODE);
    await page.getByRole('button', { name: /Run/ }).click();
    await page.waitForFunction(() => document.body.dataset.state === 'running');
    await page.waitForTimeout(Number(process.env.SHOT_DELAY ?? 2500));
    const file = present ? 'presentation.png' : 'screenshot.png';
    await page.screenshot({ path: path.join(ROOT, 'docs', file) });
    console.log(`wrote docs/${file}`);
  }
} finally {
  await browser.close();
  await server.close();
}
