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
// Views with offsets and odd lengths, of several types.
const base = Float32Array.from({ length: 1001 }, (_, i) => i / 4);
await v.scatter('f', base.subarray(3, 998));
await v.execute('for (let i = 0; i < f.length; i++) f[i] = f[i] * 2');
const f = await v.gather('f');
let fsum = 0;
for (let i = 0; i < f.length; i++) fsum += f[i];
print('f32', f.constructor.name, f.length, f[0], f[f.length - 1], fsum, 'base untouched', base[3] === 0.75);
const bytes = Uint8Array.from({ length: 13 }, (_, i) => i * 3);
await v.scatter('b', bytes.subarray(1));
await v.execute('for (let i = 0; i < b.length; i++) b[i] = b[i] + workerId');
const b = await v.gather('b');
print('u8', b.constructor.name, Array.from(b).join(','));
// Parts the engines replaced after the scatter are gathered as they are now (without
// isolation the engines otherwise pour their parts into one buffer: gather-into.ts).
const big = Float64Array.from({ length: 20_000 }, (_, i) => i);
await v.scatter('r', big);
await c.view([1]).execute('r = new Float64Array([7])');
const r = await v.gather('r');
print('replaced', r.constructor.name, r.length, r[9_999], r[10_000]);
await c.view([0]).execute('r = [9, 9]');
print('became an array', JSON.stringify(await v.gather('r')));
await v.scatter('q', Int16Array.from({ length: 40_001 }, (_, i) => i % 7));
const parts: string[] = [];
for await (const p of v.gather('q')) parts.push(\`\${(p as Int16Array).constructor.name} \${(p as Int16Array).length} \${(p as Int16Array)[20_000]}\`);
print('parts', parts.join(' | '));
const whole = v.gather('q');
await whole;
const result = (await whole) as Int16Array;
let sameMemory = true;
for await (const p of whole) sameMemory &&= (p as Int16Array).buffer === result.buffer;
// Without isolation the engines poured their parts into the result's one buffer.
print('poured', sameMemory, result.length);
const byWorker = whole.metadata.slice().sort((a, b) => a.worker - b.worker);
print('bytes out', byWorker.map((m) => m.bytesOut).join(' '));
// An array made with sharedArray: engines get views of its memory where it is shared.
const sq = sharedArray(Int32Array, 7);
for (let i = 0; i < sq.length; i++) sq[i] = i * i;
await v.scatter('s', sq.subarray(1));
await v.execute('for (let i = 0; i < s.length; i++) s[i] = -s[i]');
const s = await v.gather('s');
print('i32', s.constructor.name, Array.from(s).join(','));
print('shared', typeof SharedArrayBuffer === 'function' && y.buffer instanceof SharedArrayBuffer);
print('shared written by the engines', sq[6] === -36);
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
  // sharedArray memory is the engines' memory: nothing was copied.
  expect(shared).toContain('shared written by the engines true');

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
    expect(copied).toContain('shared written by the engines false');
    // One buffer, written by each engine in turn, not a concatenation of copies.
    expect(copied).toContain('poured true 40001');
    // Everything but the path taken is the same.
    const results = (l: string[]) =>
      l.filter((s) => !s.startsWith('shared') && !s.startsWith('poured'));
    expect(results(copied)).toEqual(results(shared));
    expect(results(shared)).toEqual([
      // sum of (i * 0.5 * 2 + workerId): engine 1 holds the last 50,000 items
      `type Float64Array length 100001 sum ${(100_000 * 100_001) / 2 + 50_000}`,
      'input untouched true',
      'ints 1,2,3,4,5',
      'plain [1,2,3]',
      // (3..997) / 4, doubled: 995 items, from 1.5 to 498.5
      'f32 Float32Array 995 1.5 498.5 248750 base untouched true',
      // 3, 6 ... 36; engine 1 adds 1 to the second half
      'u8 Uint8Array 3,6,9,12,15,18,22,25,28,31,34,37',
      'replaced Float64Array 10001 9999 7',
      'became an array [9,9,7]',
      // 20,001 and 20,000 items; item 20,000 of the first part is 20,000 % 7
      'parts Int16Array 20001 1 | Int16Array 20000 undefined',
      'bytes out 40002 40000',
      'i32 Int32Array -1,-4,-9,-16,-25,-36',
    ]);
    expect(problems).toEqual([]);
  } finally {
    await context.close();
    await server.close();
  }
});

/** Without isolation: a gather's engines take turns writing into one buffer. */
const POUR_EDGES = `
const c = await cluster({ workers: 2 });
const v = c.view();
for (let i = 0; i < 5; i++) await v.apply(() => 0);
await v.scatter('x', Float64Array.from({ length: 20_000 }, (_, i) => i));
// A quick gather followed at once by long work on every engine: the first engine's pour
// answers at once, so the second engine pours and starts its work without waiting.
const g = v.gather('x');
const work = v.apply(() => { const end = performance.now() + 300; while (performance.now() < end); return 1; });
await g;
await work;
const [a, b] = work.metadata.slice().sort((p, q) => p.worker - q.worker);
print('the engines worked at the same time', a!.started < b!.completed && b!.started < a!.completed);
// User code that replaces Map methods on an engine does not stop its pour.
await c.view([1]).execute('Map.prototype.set = function () { return this; };');
const y = await v.gather('x');
print('gathered', y.length, y[19_999]);
`;

test('without isolation, a pour hands the buffer on at once and survives a broken Map', async ({
  browser,
}) => {
  const server = await serveStatic(path.resolve('dist'), { isolated: false });
  const context = await browser.newContext({ serviceWorkers: 'block' });
  try {
    const plain = await context.newPage();
    await plain.goto(server.url);
    await plain.waitForFunction(() => window.fanout !== undefined);
    expect(await plain.evaluate(() => crossOriginIsolated)).toBe(false);
    const report = await runScript(plain, POUR_EDGES);
    expect(report.error).toBeUndefined();
    expect(lines(report)).toEqual([
      'the engines worked at the same time true',
      'gathered 20000 19999',
    ]);
  } finally {
    await context.close();
    await server.close();
  }
});
