import { expect, lines, runScript, test } from './fixtures';

const lesson = `
const c = await cluster({ workers: 2 });
const v = c.view();
// Wrong: the same seed on every worker draws the same samples.
const same = await v.apply(() => rng(42).random(5));
print('same seed duplicates', JSON.stringify(same[0]) === JSON.stringify(same[1]));
// Right: one spawned stream per worker.
const streams = rng(42).spawn(c.size);
const parts = await v.map((s: RngState) => Array.from(rng(s).random(5)), streams);
print('spawned overlap', parts[0].filter((x: number) => parts[1].includes(x)).length);
// The script and a worker draw the same bits for the same generator.
const here = streams.map((s) => rng(s).uint32());
const there = await v.map((s: RngState) => rng(s).uint32(), streams);
print('driver equals workers', JSON.stringify(here) === JSON.stringify(there));
print('philox kat', Array.from(rng.philox([0, 0, 0, 0], [0, 0]), (w) => w.toString(16)).join(' '));
`;

test('rng: same seed duplicates, spawned streams do not, driver and workers agree', async ({
  app,
}) => {
  const report = await runScript(app, lesson);
  expect(report.error).toBeUndefined();
  expect(lines(report)).toEqual([
    'same seed duplicates true',
    'spawned overlap 0',
    'driver equals workers true',
    'philox kat 6627e8d5 e169c58d bc57ac4c 9b00dbd8',
  ]);
  // The editor knows rng, Rng and RngState: no TypeScript errors.
  expect(await app.evaluate(() => window.fanout.diagnostics())).toEqual([]);
});

const monteCarlo = `
const ids = Array.from({ length: 64 }, (_, i) => i);
const hits = await pool.map((i: number) => {
  const r = rng(2024).stream(i);
  let inside = 0;
  for (let k = 0; k < 200; k++) if (r.random() ** 2 + r.random() ** 2 < 1) inside++;
  return inside;
}, ids);
print('pi', (4 * hits.reduce((a: number, b: number) => a + b, 0)) / (64 * 200));
`;

test('rng: a Monte Carlo keyed by item index gives the same answer on 1 and 2 workers', async ({
  app,
}) => {
  const one = await runScript(app, monteCarlo, 1);
  const two = await runScript(app, monteCarlo, 2);
  expect(one.error).toBeUndefined();
  expect(lines(one)).toEqual(lines(two));
  expect(Number(lines(one)[0]!.split(' ')[1])).toBeCloseTo(Math.PI, 0);
  expect(await app.evaluate(() => window.fanout.diagnostics())).toEqual([]);
});
