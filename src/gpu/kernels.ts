/**
 * The built-in kernels' WGSL: the `.wgsl` files with the short prelude each one needs
 * (element type, identity and combining function, output conversion).
 */
import histogramWgsl from './kernels/histogram.wgsl?raw';
import matmulWgsl from './kernels/matmul.wgsl?raw';
import philoxWgsl from './kernels/philox.wgsl?raw';
import randomWgsl from './kernels/random.wgsl?raw';
import reduceWgsl from './kernels/reduce.wgsl?raw';
import type { ScalarType } from './wgsl-types';

/** Reductions `GpuArray` offers. */
export type ReduceOp = 'sum' | 'min' | 'max';

/** Largest and smallest values of each type, as WGSL expressions. */
const EXTREMES: Record<ScalarType, [string, string]> = {
  f32: ['-0x1.fffffep+127f', '0x1.fffffep+127f'],
  i32: ['i32(-2147483647 - 1)', '2147483647'],
  u32: ['0u', '4294967295u'],
};

/** A two-pass reduction of `T` with `op`. */
export function reduceSource(op: ReduceOp, type: ScalarType): string {
  const [lowest, highest] = EXTREMES[type];
  const identity = op === 'sum' ? `${type}(0)` : op === 'min' ? highest : lowest;
  const combine = op === 'sum' ? 'a + b' : `${op}(a, b)`;
  return `alias T = ${type};\nconst IDENTITY: T = ${identity};\nfn combine(a: T, b: T) -> T {\n  return ${combine};\n}\n\n${reduceWgsl}`;
}

/** The tiled matrix product (f32). */
export function matmulSource(): string {
  return matmulWgsl;
}

/** Workgroup-privatised histogram of `T` values. */
export function histogramSource(type: ScalarType): string {
  return `alias T = ${type};\n\n${histogramWgsl}`;
}

/** Most bins `histogram` counts in workgroup memory (the kernel's array size). */
export const MAX_BINS = 1024;

/** Philox stream fill: uniform floats in [0, 1) like `Rng.float32()`, or raw words like `uint32()`. */
export function randomSource(kind: 'float32' | 'uint32'): string {
  const prelude =
    kind === 'float32'
      ? 'alias Out = f32;\nfn convert(u: u32) -> Out {\n  return f32(u >> 8u) * (1.0 / 16777216.0);\n}'
      : 'alias Out = u32;\nfn convert(u: u32) -> Out {\n  return u;\n}';
  return `${prelude}\n\n${philoxWgsl}\n${randomWgsl}`;
}
