/**
 * `g.random(r, n)`: Philox4x32-10 in WGSL fills a GPU array with the numbers the generator
 * `r` would give on the CPU, and `r` moves on as far, so CPU and GPU share one stream.
 */
import { GpuError } from '../core/errors';
import { Rng } from '../core/rng';
import type { Gpu } from './gpu-api';
import type { GpuArray } from './gpu-array';
import { randomSource } from './kernels';

/**
 * `n` random numbers on the GPU from the generator `r`: the same numbers as `n` calls of
 * `r.float32()` (or `r.uint32()` with `{ dtype: 'uint32' }`), and `r` moves on as far.
 */
export async function gpuRandom(
  g: Gpu,
  r: unknown,
  n: number,
  options: { dtype?: 'float32' | 'uint32' } = {},
  line = g.line(),
): Promise<GpuArray> {
  const at = line !== undefined ? { line } : {};
  if (!(r instanceof Rng))
    throw new GpuError(
      'validation',
      'g.random: the first argument must be a generator from rng(seed)',
      { ...at, hint: 'e.g. g.random(rng(42), 1e6).' },
    );
  if (!Number.isSafeInteger(n) || n < 0 || n >= 2 ** 32)
    throw new GpuError('validation', `g.random: n must be a whole number below 2^32, got ${n}`, {
      ...at,
      hint: 'e.g. g.random(r, 1_000_000).',
    });
  const kind = options.dtype ?? 'float32';
  const shader = await g.builtin(
    randomSource(kind),
    ['uniform', 'read_write'],
    `random ${kind} (Philox4x32-10)`,
  );
  const groups = Math.ceil(n / 64);
  const x = Math.min(Math.max(1, groups), g.session.device.limits.maxComputeWorkgroupsPerDimension);
  const u = g.uniform(new Uint32Array([n, x * 64, r.k0, r.k1, r.b0, r.b1, r.w, 0]));
  r.skip(n);
  const out = g.allocate(n, kind === 'float32' ? 'f32' : 'u32', [n], 'g.random', line);
  try {
    await g.session.run({
      kind: 'random',
      label: `random ${n} × ${kind}`,
      line,
      uploads: [u.upload],
      passes:
        n > 0
          ? [
              {
                shader,
                buffers: [u.buffer, out.buffer],
                workgroups: [x, Math.ceil(groups / x), 1],
              },
            ]
          : [],
      items: n,
    });
  } finally {
    g.release(u.buffer);
  }
  return out;
}
