// Monte Carlo pi on the workers and on the GPU, with the same darts (lesson 4, GPU version).
// Throw darts at the unit square: the share that land inside the quarter circle is pi / 4.
// One random stream gives every dart: the first `darts` numbers are the x's, the next
// `darts` numbers the y's. Philox is counter-based, so a worker can jump straight to its
// part of the stream, and g.random makes the very same numbers on the GPU.
const lv = (await cluster()).balanced();
const seed = 2024;
const darts = 2_000_000;
const trials = 20;

/** A trial counts the darts inside the circle for its slice of the stream. */
interface Trial {
  seed: number;
  first: number; // index of its first dart
  count: number; // how many darts it throws
  total: number; // darts in the whole experiment (where the y's start)
}

function countInside(t: Trial): number {
  const xs = rng(t.seed);
  xs.skip(t.first); // jump to this trial's x's
  const ys = rng(t.seed);
  ys.skip(t.total + t.first); // and to its y's
  let inside = 0;
  for (let k = 0; k < t.count; k++) {
    const x = xs.float32();
    const y = ys.float32();
    if (x * x + y * y <= 1) inside++;
  }
  return inside;
}

// 1. The workers: a load-balanced map of the trials, as in the CPU version.
const perTrial = darts / trials;
const work: Trial[] = Array.from({ length: trials }, (_, i) => ({
  seed,
  first: i * perTrial,
  count: perTrial,
  total: darts,
}));
let t = performance.now();
const counts = await lv.map(countInside, work, { chunkSize: 1 });
const cpuInside = counts.reduce((a, b) => a + b, 0);
print(`workers: ${(performance.now() - t).toFixed(0)} ms for ${trials} trials`);

// 2. The GPU: the same darts, all at once, without a loop. The darts never leave the GPU:
// only the count comes back.
let g: Gpu | undefined;
try {
  g = await gpu();
} catch (e) {
  const err = e as Error & { hint?: string };
  print(`No GPU for this run (${err.name}): ${err.message}`);
  print(`What to do: ${err.hint ?? 'run it in a browser with WebGPU.'}`);
}

if (g) {
  print(
    `GPU: ${g.info.description || g.info.architecture}${g.info.fallback ? ' (a software adapter: its times are CPU times, not GPU times)' : ''}`,
  );
  const r = rng(seed);
  t = performance.now();
  const x = await g.random(r, darts); // Philox on the GPU: the x's ...
  const y = await g.random(r, darts); // ... then the y's, as r.float32() would give them
  const tRandom = performance.now() - t;

  t = performance.now();
  const hit = await x.map((xi, i, p) => (xi * xi + p.y[i] * p.y[i] <= 1 ? 1 : 0), {
    params: { y },
  });
  const tMap = performance.now() - t;

  t = performance.now();
  const gpuInside = await hit.sum(); // a reduction on the GPU; one number is read back
  const tSum = performance.now() - t;
  print(
    `GPU: random numbers ${tRandom.toFixed(0)} ms, inside or not ${tMap.toFixed(0)} ms, ` +
      `sum and read back ${tSum.toFixed(0)} ms`,
  );
  for (const a of [x, y, hit]) a.free();

  // 3. Agreement: the same darts give the same count, up to darts on the circle's edge
  // (the GPU computes x² + y² in 32-bit floats, the workers in 64-bit).
  const differ = Math.abs(gpuInside - cpuInside);
  print(
    `inside the circle: workers ${cpuInside.toLocaleString('en-US')}, GPU ${gpuInside.toLocaleString('en-US')}: ` +
      `${differ === 0 ? 'the same count' : `${differ} dart${differ === 1 ? '' : 's'} apart`}`,
  );
}

const pi = (4 * cpuInside) / darts;
print(
  `π ≈ ${pi.toFixed(4)} from ${darts.toLocaleString('en-US')} darts (error ${Math.abs(pi - Math.PI).toExponential(1)})`,
);
