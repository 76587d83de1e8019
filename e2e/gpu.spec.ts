import { readFileSync } from 'node:fs';
import { expect, lines, runScript, test } from './fixtures';

// Chromium's software adapter (SwiftShader) is slow: sizes stay small, and nothing here is timed.

test('g.map equals the CPU result; the GPU lane, adapter and generated WGSL show', async ({
  app,
}) => {
  const report = await runScript(
    app,
    `const g = await gpu();
const xs = Float32Array.from({ length: 5000 }, (_, i) => i / 100 - 20);
const ys = await g.map((x, i) => {
  let s = 0;
  for (let k = 0; k < 3; k++) s += x * k;
  return x > 0 ? Math.sqrt(x) + s : s - i;
}, xs);
const cpu = xs.map((x, i) => {
  let s = 0;
  for (let k = 0; k < 3; k++) s += x * k;
  return x > 0 ? Math.sqrt(x) + s : s - i;
});
let worst = 0;
for (let i = 0; i < xs.length; i++) worst = Math.max(worst, Math.abs(ys[i] - cpu[i]) / Math.max(1, Math.abs(cpu[i])));
print('length', ys.length, 'close', worst < 1e-5);
print('software', g.info.fallback);`,
  );
  expect(report.error).toBeUndefined();
  expect(lines(report)).toEqual(['length 5000 close true', 'software true']);
  expect(report.gpu?.adapter?.fallback).toBe(true);
  const map = report.gpu?.calls.find((c) => c.kind === 'map');
  expect(map?.items).toBe(5000);
  expect(map?.kernelMs).toBeGreaterThan(0);
  const canvas = app.getByTestId('timeline-canvas');
  await expect(canvas).toHaveAttribute('data-gpu-calls', '1');
  await expect(canvas).toHaveAttribute('data-lanes', '4'); // driver, 2 workers, GPU
  await expect(app.getByTestId('gpu-adapter')).toContainText('software adapter');
  await expect(app.getByTestId('gpu-calls')).toContainText('map(fn)');
  await app.getByText(/map\(fn\): generated WGSL/).click();
  await expect(app.locator('.gpu-wgsl').first()).toContainText('@compute @workgroup_size(64)');
  await expect(app.locator('.gpu-wgsl').first()).toContainText('sqrt(x)');
});

test('GPU arrays: non-square matmul, exact histogram, reductions, elementwise', async ({ app }) => {
  const report = await runScript(
    app,
    `const g = await gpu();
const m = 129, k = 65, n = 33;
const A = Float32Array.from({ length: m * k }, (_, i) => ((i * 7) % 11) - 5);
const B = Float32Array.from({ length: k * n }, (_, i) => ((i * 3) % 7) - 3);
const C = await (await g.array(A, [m, k])).matmul(await g.array(B, [k, n]));
const c = await C.download();
let worst = 0;
for (let i = 0; i < m; i++)
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let t = 0; t < k; t++) s += A[i * k + t] * B[t * n + j];
    worst = Math.max(worst, Math.abs(s - c[i * n + j]));
  }
print('matmul', C.shape.join('x'), 'max diff', worst);
const xs = Int32Array.from({ length: 10000 }, (_, i) => (i * 37) % 100);
const a = await g.array(xs);
const counts = await a.histogram(10, [0, 100]);
const want = new Uint32Array(10);
for (const x of xs) want[Math.min(9, Math.floor(x / 10))]++;
print('histogram exact', counts.join() === want.join(), counts.reduce((s, x) => s + x, 0));
print('sum', await a.sum(), xs.reduce((s, x) => s + x, 0), 'min', await a.min(), 'max', await a.max());
const b = await (await a.mul(2)).add(1);
print('elementwise', (await b.download()).slice(0, 4).join());
print('memory bounded', g.memory().inUse < 1e6);`,
  );
  expect(report.error).toBeUndefined();
  expect(lines(report)).toEqual([
    'matmul 129x33 max diff 0',
    'histogram exact true 10000',
    'sum 495000 495000 min 0 max 99',
    'elementwise 1,75,149,23',
    'memory bounded true',
  ]);
  expect(report.gpu?.calls.map((c) => c.kind)).toContain('matmul');
  await expect(app.getByTestId('gpu-memory')).toContainText('peak');
});

test('rng: the GPU draws the same bits and floats as the CPU for the same key and counter', async ({
  app,
}) => {
  const report = await runScript(
    app,
    `const g = await gpu();
const r = rng(2026);
r.uint32(); // start mid-block: position (block 0, word 1)
const cpu = rng(r);
const bits = await (await g.random(r, 1001, { dtype: 'uint32' })).download();
print('bits equal', bits.every((b) => b === cpu.uint32()));
print('generator moved on', r.uint32() === cpu.uint32());
const f = await (await g.random(rng(7).spawn(2)[1], 500)).download();
const cf = rng(7).spawn(2)[1];
print('floats equal', f.every((x) => x === cf.float32()));`,
  );
  expect(report.error).toBeUndefined();
  expect(lines(report)).toEqual([
    'bits equal true',
    'generator moved on true',
    'floats equal true',
  ]);
});

test('a transpiler error lands on the editor line and column of the unsupported code', async ({
  app,
}) => {
  const report = await runScript(
    app,
    `const g = await gpu();
const xs = new Float32Array(8);
const ys = await g.map((x) => {
  const o = { v: x };
  return o.v;
}, xs);`,
  );
  expect(report.error?.name).toBe('GpuError');
  expect(report.error?.message).toContain('object literal');
  expect(report.error?.line).toBe(4);
  expect(report.error?.hint).toBeTruthy();
  await expect
    .poll(() => app.evaluate(() => window.fanout.markers()))
    .toEqual([expect.objectContaining({ line: 4 })]);
});

test('a WGSL compilation error in g.kernel lands on the line of the WGSL in the editor', async ({
  app,
}) => {
  const report = await runScript(
    app,
    `const g = await gpu();
const v = new Float32Array(4);
await g.kernel(\`
@group(0) @binding(0) var<storage, read_write> v: array<f32>;
@compute @workgroup_size(4)
fn main(@builtin(global_invocation_id) id: vec3u) {
  v[id.x] = undefined_thing * 2.0;
}\`, { bindings: [v], workgroups: 1 });`,
  );
  expect(report.error?.name).toBe('GpuError');
  expect(report.error?.message).toContain('undefined_thing');
  expect(report.error?.line).toBe(7);
});

test('g.kernel runs hand-written WGSL and writes read_write bindings back', async ({ app }) => {
  const report = await runScript(
    app,
    `const g = await gpu();
const v = Float32Array.from([1, 2, 3, 4, 5]);
const n = new Uint32Array([v.length]);
await g.kernel(\`
@group(0) @binding(0) var<uniform> n: u32;
@group(0) @binding(1) var<storage, read_write> v: array<f32>;
@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) id: vec3u) {
  if (id.x < n) { v[id.x] = v[id.x] * v[id.x]; }
}\`, { bindings: [n, v], workgroups: 1 });
print(v.join());`,
  );
  expect(report.error).toBeUndefined();
  expect(lines(report)).toEqual(['1,4,9,16,25']);
});

test('g.compare runs the map on the workers and the GPU and states the f32 tolerance', async ({
  app,
}) => {
  const report = await runScript(
    app,
    `const g = await gpu();
const xs = Float64Array.from({ length: 2000 }, (_, i) => i / 7);
const c = await g.compare((x: number) => Math.sqrt(x) * 3 + x / 2, xs);
print('agree', c.withinTolerance, c.maxAbsDiff < 1e-3, c.tolerance.rtol, c.cpu.workers);
for (let k = 0; k < 50; k++) (await g.array(new Float32Array(4096))).free();
print('pooled memory bounded', g.memory().peak < 200000);`,
  );
  expect(report.error).toBeUndefined();
  expect(lines(report)).toEqual([
    expect.stringMatching(/converted to Float32Array: the GPU computes in f32/),
    'agree true true 0.0001 2',
    'pooled memory bounded true',
  ]);
  expect(report.calls.map((c) => c.kind)).toContain('pool-map');
  await expect(app.locator('#results')).toContainText('CPU vs GPU: agree within f32 tolerance');
  await expect(app.locator('#results')).toContainText('software adapter: not a GPU timing');
});

test("the README's GPU example runs: compare, GPU random pi, matmul, histogram", async ({
  app,
}) => {
  const tour = readFileSync(new URL('./fixtures/gpu-tour.ts', import.meta.url), 'utf8');
  const report = await runScript(app, tour);
  expect(report.error).toBeUndefined();
  const out = lines(report);
  expect(out[0]).toBe('GPU: swiftshader (software adapter: not GPU timings)');
  expect(out[1]).toBe('within f32 tolerance: true');
  expect(out[2]).toMatch(/^pi is about 3\.1[0-9]$/);
  const counts = out[3]!.replace('uniform counts: ', '').split(' ').map(Number);
  expect(counts).toHaveLength(20);
  expect(counts.reduce((a, b) => a + b, 0)).toBe(200_000);
  await expect(app.locator('#results')).toContainText('entries of A·B');
});
