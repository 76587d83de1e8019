/**
 * The Fanout side of each benchmark: scripts run in the app through `window.fanout.run`.
 * Each script times itself with `performance.now()` (as a user with a stopwatch would)
 * and prints one line `bench {json}` that the runner reads.
 */

/** The Monte Carlo pi kernel: `darts` points from a xorshift generator, hits in the circle. */
export const PI_KERNEL = `function piDarts(darts, seed) {
  let s = (seed * 2654435761) >>> 0 || 1;
  let hits = 0;
  for (let i = 0; i < darts; i++) {
    s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
    const x = s / 4294967296;
    s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
    const y = s / 4294967296;
    if (x * x + y * y < 1) hits++;
  }
  return hits;
}`;

/** Trial division up to n (deliberately slow, so each item is real work). */
export const PRIME_KERNEL = `function isPrime(n) {
  if (n < 2) return false;
  for (let i = 2; i < n; i++) if (n % i === 0) return false;
  return true;
}`;

/** Spins for `ms` of wall time and returns it (sleep-free "work" of a known length). */
export const SPIN = `function spin(ms: number): number { const end = performance.now() + ms; while (performance.now() < end); return ms; }`;

/** @param {number} n tasks of one item each (`chunkSize: 1`) */
export const unbatched = (n) => `
const c = await cluster();
const lv = c.balanced();
const xs = Array.from({ length: ${n} }, (_, i) => i);
await lv.map((x: number) => x + 1, xs.slice(0, 200), { chunkSize: 1 });
const t0 = performance.now();
const ys = await lv.map((x: number) => x + 1, xs, { chunkSize: 1 });
const ms = performance.now() - t0;
if (ys[${n - 1}] !== ${n}) throw new Error('wrong result');
print('bench', JSON.stringify({ ms, perTaskUs: (ms * 1000) / ${n} }));`;

/** @param {number} n items, auto-batched */
export const batched = (n) => `
const c = await cluster();
const xs = Array.from({ length: ${n} }, (_, i) => i);
const t0 = performance.now();
const ys = await c.balanced().map((x: number) => x + 1, xs);
const ms = performance.now() - t0;
if (ys[${n - 1}] !== ${n}) throw new Error('wrong result');
print('bench', JSON.stringify({ ms, perItemUs: (ms * 1000) / ${n} }));`;

/**
 * Serial loop in the script against the mapped call, as a user measures a speedup.
 * @param {number} tasks @param {number} darts
 */
export const piSpeedup = (tasks, darts) => `
${PI_KERNEL}
const c = await cluster();
const seeds = Array.from({ length: ${tasks} }, (_, i) => i + 1);
let t0 = performance.now();
const serial = seeds.map((s) => piDarts(${darts}, s));
const serialMs = performance.now() - t0;
await c.view().push({ piDarts });
t0 = performance.now();
const parallel = await c.balanced().map((s: number) => piDarts(${darts}, s), seeds, { chunkSize: 1 });
const parallelMs = performance.now() - t0;
if (parallel.join() !== serial.join()) throw new Error('results differ');
print('bench', JSON.stringify({ serialMs, parallelMs, speedup: serialMs / parallelMs }));`;

/** @param {number} count integers from 100,000 */
export const primeSpeedup = (count) => `
${PRIME_KERNEL}
const c = await cluster();
const xs = Array.from({ length: ${count} }, (_, i) => 100_000 + i);
let t0 = performance.now();
const serial = xs.filter(isPrime).length;
const serialMs = performance.now() - t0;
await c.view().push({ isPrime });
t0 = performance.now();
const flags = await c.balanced().map((x: number) => isPrime(x), xs);
const parallelMs = performance.now() - t0;
if (flags.filter(Boolean).length !== serial) throw new Error('results differ');
print('bench', JSON.stringify({ serialMs, parallelMs, speedup: serialMs / parallelMs }));`;

/** The case: arrival order of a slow item and three quick ones. */
export const stealing = `
${SPIN}
const c = await cluster();
const arrived: number[] = [];
for await (const y of c.balanced().map(spin, [400, 10, 11, 12], { ordered: false })) arrived.push(y);
print('bench', JSON.stringify({ arrived }));`;

/**
 * Items of random durations (a fixed seed): the map's wall time against the best possible
 * schedule's lower bound, max(longest item, total / workers), for the item times as they
 * ran (a loaded machine stretches them) and as requested.
 * @param {number} n items @param {number} maxMs longest item
 */
export const randomDurations = (n, maxMs) => `
${SPIN}
const c = await cluster();
let s = 12345;
const items = Array.from({ length: ${n} }, () => { s = (s * 1103515245 + 12345) % 2147483648; return 1 + (s / 2147483648) * ${maxMs - 1}; });
const bound = (ts: number[]) => Math.max(Math.max(...ts), ts.reduce((a, b) => a + b, 0) / c.ids.length);
const t0 = performance.now();
const ar = c.balanced().map(spin, items);
await ar;
const ms = performance.now() - t0;
const ran = bound(ar.metadata.map((m) => m.completed - m.started));
print('bench', JSON.stringify({ ms, bound: ran, ratio: ms / ran, requestedRatio: ms / bound(items) }));`;

/**
 * @param {number} mib size of the Float64Array scattered and gathered back
 * @param {'sharedArray' | 'plain'} alloc how the script makes it: `sharedArray` (shared
 *   memory where isolated: scatter copies nothing) or `new Float64Array` (copied once)
 */
export const scatterGather = (mib, alloc) => `
const c = await cluster();
const v = c.view();
const n = ${mib} * 131072;
const x = ${alloc === 'sharedArray' ? 'sharedArray(Float64Array, n)' : 'new Float64Array(n)'};
for (let i = 0; i < n; i++) x[i] = i;
await v.scatter('warm', x.subarray(0, 1024));
const t0 = performance.now();
await v.scatter('x', x);
const y = await v.gather('x');
const ms = performance.now() - t0;
if (!(y instanceof Float64Array) || y.length !== n || y[n - 1] !== n - 1) throw new Error('wrong result');
print('bench', JSON.stringify({ ms, gbPerS: (2 * x.byteLength) / ms / 1e6, shared: typeof SharedArrayBuffer === 'function' && y.buffer instanceof SharedArrayBuffer }));`;

/** The first task reports when it started, on the shared clock. */
export const firstTask = `
const c = await cluster();
const [t] = await c.balanced().map(() => performance.timeOrigin + performance.now(), [0]);
print('bench', JSON.stringify({ firstTaskAt: t }));`;
