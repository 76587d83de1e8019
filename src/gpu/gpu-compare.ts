/**
 * `g.compare(fn, xs)`: the same function mapped on the workers and on the GPU, with both
 * timings side by side and the largest difference between the results against the f32
 * tolerance the GPU is held to.
 */
import type { Gpu } from './gpu-api';

/**
 * How close a GPU result must be: |gpu - cpu| <= atol + rtol * |cpu| for every element.
 * f32 arithmetic alone stays near 1e-7 relative, but WGSL lets sin and cos be off by 2^-11
 * (about 5e-4) absolute (https://www.w3.org/TR/WGSL/#concrete-float-accuracy), and real
 * GPUs and SwiftShader use that freedom.
 */
export const F32_TOLERANCE = { rtol: 1e-4, atol: 5e-4 } as const;

/** Runs a map on the workers and reports how long it took and what it returned. */
export type CpuMap = (
  fn: unknown,
  xs: ArrayLike<number>,
) => Promise<{ values: ArrayLike<number>; ms: number; workers: number }>;

/** What `g.compare` resolves to. */
export interface Comparison {
  cpu: { values: ArrayLike<number>; ms: number; workers: number };
  gpu: { values: ArrayLike<number>; ms: number; adapter: string; software: boolean };
  maxAbsDiff: number;
  maxRelDiff: number;
  tolerance: typeof F32_TOLERANCE;
  withinTolerance: boolean;
}

/** Maps `fn` over `xs` on both, then compares; shows a table of the two runs. */
export async function compare(
  g: Gpu,
  cpuMap: CpuMap,
  table: (rows: unknown[], title: string) => void,
  fn: unknown,
  xs: ArrayLike<number>,
): Promise<Comparison> {
  const cpu = await cpuMap(fn, xs);
  const t0 = performance.now();
  const values = await g.map(fn, xs);
  const gpuMs = performance.now() - t0;
  let maxAbsDiff = 0;
  let maxRelDiff = 0;
  let within = cpu.values.length === values.length;
  for (let i = 0; i < values.length; i++) {
    const c = Number(cpu.values[i]);
    const d = Math.abs(values[i]! - c);
    if (!(d <= maxAbsDiff)) maxAbsDiff = d;
    const rel = c === 0 ? d : d / Math.abs(c);
    if (!(rel <= maxRelDiff)) maxRelDiff = rel;
    if (!(d <= F32_TOLERANCE.atol + F32_TOLERANCE.rtol * Math.abs(c))) within = false;
  }
  const info = g.info;
  const adapter = info.description || info.architecture || info.vendor || 'GPU';
  table(
    [
      { target: `workers (${cpu.workers})`, ms: cpu.ms, items: xs.length, 'max |diff|': '' },
      {
        target: `GPU: ${adapter}${info.fallback ? ' (software adapter: not a GPU timing)' : ''}`,
        ms: gpuMs,
        items: values.length,
        'max |diff|': maxAbsDiff,
      },
    ],
    `CPU vs GPU: ${within ? 'agree' : 'DIFFER'} within f32 tolerance (rtol ${F32_TOLERANCE.rtol}, atol ${F32_TOLERANCE.atol})`,
  );
  return {
    cpu,
    gpu: { values, ms: gpuMs, adapter, software: info.fallback },
    maxAbsDiff,
    maxRelDiff,
    tolerance: F32_TOLERANCE,
    withinTolerance: within,
  };
}
