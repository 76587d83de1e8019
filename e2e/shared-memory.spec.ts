import path from 'node:path';
import type { Page } from '@playwright/test';
import { serveStatic } from '../bin/static-server.js';
import { expect, lines, runScript, test } from './fixtures';

/** Scatter, compute in place on every engine, gather: typed arrays and a plain array. */
const SCRIPT = `
const c = await cluster({ workers: 2 });
const v = c.view();
const x = Float64Array.from({ length: 100_001 }, (_, i) => i * 0.5);
await v.scatter('x', x);
await v.execute('for (let i = 0; i < x.length; i++) x[i] = x[i] * 2 + workerId');
const y = await v.gather('x');
let sum = 0;
for (let i = 0; i < y.length; i++) sum += y[i];
print('type', y.constructor.name, 'length', y.length, 'sum', sum);
print('input untouched', x[100_000] === 50_000);
await v.scatter('n', Int32Array.from([1, 2, 3, 4, 5]));
print('ints', Array.from(await v.gather('n')).join(','));
await v.scatter('a', [1, 2, 3]);
print('plain', JSON.stringify(await v.gather('a')));
print('shared', typeof SharedArrayBuffer === 'function' && y.buffer instanceof SharedArrayBuffer);
`;

async function run(page: Page) {
  const report = await runScript(page, SCRIPT);
  expect(report.error).toBeUndefined();
  return lines(report);
}

test('scatter/gather share memory when isolated and copy otherwise, with the same results', async ({
  app,
  browser,
}) => {
  const shared = await run(app);
  expect(await app.evaluate(() => crossOriginIsolated)).toBe(true);
  expect(shared).toContain('shared true');

  const server = await serveStatic(path.resolve('dist'), { isolated: false });
  // Blocking service workers keeps coi-sw.js from isolating the page after all.
  const context = await browser.newContext({ serviceWorkers: 'block' });
  try {
    const plain = await context.newPage();
    const problems: string[] = [];
    plain.on('pageerror', (e) => problems.push(e.message));
    await plain.goto(server.url);
    await plain.waitForFunction(() => window.fanout !== undefined);
    expect(await plain.evaluate(() => crossOriginIsolated)).toBe(false);
    const copied = await run(plain);
    expect(copied).toContain('shared false');
    // Everything but the path taken is the same.
    const results = (l: string[]) => l.filter((s) => !s.startsWith('shared'));
    expect(results(copied)).toEqual(results(shared));
    expect(results(shared)).toEqual([
      // sum of (i * 0.5 * 2 + workerId): engine 1 holds the last 50,000 items
      `type Float64Array length 100001 sum ${(100_000 * 100_001) / 2 + 50_000}`,
      'input untouched true',
      'ints 1,2,3,4,5',
      'plain [1,2,3]',
    ]);
    expect(problems).toEqual([]);
  } finally {
    await context.close();
    await server.close();
  }
});
