/**
 * GPU figures (issue 7): a transpiled `g.map` against a hand-written WGSL kernel doing the
 * same arithmetic, matmul in GFLOP/s and a reduction in GB/s. Kernel times come from the
 * run report's timestamp queries (`gpu.calls[].kernelMs`); every row names the adapter, and
 * a software adapter (SwiftShader, a CPU) is labelled: its figures are not GPU speed.
 */

const ROUNDS = 5;

/** @param {{ n: number, m: number, sum: number }} s */
const script = (s) => `
const g = await gpu();
const xs = Float32Array.from({ length: ${s.n} }, (_, i) => (i % 1000) / 7);
const saxpy = (x: number) => Math.sqrt(x) * 1.5 + x * x - 2;
const out = new Float32Array(${s.n});
const wgsl = \`
@group(0) @binding(0) var<storage, read> xs: array<f32>;
@group(0) @binding(1) var<storage, read_write> out: array<f32>;
@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  let i = gid.x + gid.y * 4194240u;
  if (i < arrayLength(&xs)) { let x = xs[i]; out[i] = sqrt(x) * 1.5 + x * x - 2.0; }
}\`;
const groups = Math.ceil(${s.n} / 64);
const wg: [number, number] = [Math.min(groups, 65535), Math.ceil(groups / 65535)];
for (let r = 0; r < ${ROUNDS}; r++) {
  await g.map(saxpy, xs);
  await g.kernel(wgsl, { bindings: [xs, out], workgroups: wg });
}
const A = await g.array(Float32Array.from({ length: ${s.m * s.m} }, (_, i) => i % 3), [${s.m}, ${s.m}]);
for (let r = 0; r < ${ROUNDS}; r++) (await A.matmul(A)).free();
const big = await g.array(new Float32Array(${s.sum}).fill(1));
for (let r = 0; r < ${ROUNDS}; r++) await big.sum();
`;

/** @param {number[]} xs */
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/**
 * @param {import('./targets.js').Ctx} ctx
 * @returns {Promise<import('./report.js').Result[]>}
 */
export async function gpu(ctx) {
  const quick = ctx.N.tasks < 1000;
  const s = quick ? { n: 1 << 14, m: 64, sum: 1 << 16 } : { n: 1 << 20, m: 256, sum: 1 << 22 };
  const report = await ctx.page.evaluate(
    (code) => window.fanout.run({ code, workers: 'auto' }),
    script(s),
  );
  if (!report.ok || !report.gpu?.adapter) {
    throw new Error(`GPU bench failed: ${report.error?.message ?? 'no GPU adapter'}`);
  }
  const { adapter, calls } = report.gpu;
  const kernel = (/** @type {(c: any) => boolean} */ f) =>
    median(calls.filter(f).map((c) => c.kernelMs ?? c.compute));
  const mapMs = kernel((c) => c.label === 'map(saxpy)');
  const rawMs = kernel((c) => c.kind === 'kernel');
  const matmulMs = kernel((c) => c.kind === 'matmul');
  const sumMs = kernel((c) => c.kind === 'reduce');
  const name = `${adapter.description || `${adapter.architecture} (${adapter.vendor})`}${adapter.fallback ? ', software adapter: a CPU, not GPU speed' : ''}`;
  const timer = adapter.timestamps ? 'timestamp queries' : 'CPU-side stamps';
  return [
    {
      target: 'GPU',
      what: `g.map(saxpy) over ${s.n} f32 against the same arithmetic in hand-written WGSL, kernel ms (${timer}; ${name})`,
      fanout: mapMs,
      peers: { 'hand-written WGSL': rawMs },
      ratios: { 'map / WGSL': mapMs / rawMs },
      goal: 'map / WGSL ≤ 1.25',
      met: mapMs / rawMs <= 1.25,
    },
    {
      target: 'GPU',
      what: `matmul ${s.m}×${s.m} · ${s.m}×${s.m} (16×16 tiles), GFLOP/s (${name})`,
      fanout: (2 * s.m ** 3) / (matmulMs * 1e6),
      peers: {},
      ratios: {},
      goal: 'reported, labelled with the adapter',
      met: true,
    },
    {
      target: 'GPU',
      what: `sum of ${s.sum} f32 (two-pass reduction), GB/s read (${name})`,
      fanout: (4 * s.sum) / (sumMs * 1e6),
      peers: {},
      ratios: {},
      goal: 'reported, labelled with the adapter',
      met: true,
    },
  ];
}
