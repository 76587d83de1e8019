/**
 * `GpuArray`: data that stays on the GPU between calls, after CuPy's ndarray. Elementwise
 * arithmetic and math run as transpiled maps, reductions and matmul as built-in kernels;
 * `download()` brings the values back. Buffers return to the pool on `free()` or when the
 * array is garbage-collected.
 */
import { GpuError } from '../core/errors';
import type { Gpu } from './gpu-api';
import { histogramSource, matmulSource, MAX_BINS, reduceSource } from './kernels';
import type { ReduceOp } from './kernels';
import type { ScalarType } from './wgsl-types';

/** Typed arrays that live on the GPU. */
export type GpuTypedArray = Float32Array | Int32Array | Uint32Array;

/** The typed array constructor for each element type. */
export const ARRAY_OF: Record<
  ScalarType,
  { new (n: number): GpuTypedArray; new (b: ArrayBuffer): GpuTypedArray }
> = {
  f32: Float32Array,
  i32: Int32Array,
  u32: Uint32Array,
};

/** Releases the buffer of an array nobody references any more. */
const finalizer = new FinalizationRegistry<{ gpu: Gpu; buffer: GPUBuffer }>(({ gpu, buffer }) =>
  gpu.release(buffer),
);

const MATH = ['sqrt', 'exp', 'log', 'abs', 'sin', 'cos', 'tanh', 'floor'] as const;

/** An array in GPU memory: a buffer, a length, an element type and a shape. */
export class GpuArray {
  private freed = false;

  constructor(
    private readonly gpu: Gpu,
    /** The storage buffer (at least `length * 4` bytes). */
    readonly buffer: GPUBuffer,
    readonly length: number,
    readonly dtype: ScalarType,
    readonly shape: number[],
  ) {
    finalizer.register(this, { gpu, buffer }, this);
  }

  /** The values, copied back to a typed array of the element type. */
  async download(): Promise<GpuTypedArray> {
    this.assertLive('download');
    return this.gpu.download(this);
  }

  /** Elementwise `this + other` (another array of the same length, or a number). */
  add(other: GpuArray | number): Promise<GpuArray> {
    return this.binary('+', other);
  }

  /** Elementwise `this - other`. */
  sub(other: GpuArray | number): Promise<GpuArray> {
    return this.binary('-', other);
  }

  /** Elementwise `this * other`. */
  mul(other: GpuArray | number): Promise<GpuArray> {
    return this.binary('*', other);
  }

  /** Elementwise `this / other` (a float division, as in JavaScript). */
  div(other: GpuArray | number): Promise<GpuArray> {
    return this.binary('/', other);
  }

  /** Applies a JS function elementwise on the GPU (transpiled like `g.map`). */
  map(
    fn: (x: number, i: number, p: never) => number,
    options: { params?: Record<string, unknown> } = {},
  ): Promise<GpuArray> {
    this.assertLive('map');
    return this.gpu.mapArrays(Function.prototype.toString.call(fn), [this], options.params ?? {}, {
      label: 'map',
      keep: true,
      line: this.gpu.line(),
      user: true,
    }) as Promise<GpuArray>;
  }

  /** Elementwise `Math.<name>`: sqrt, exp, log, abs, sin, cos, tanh, floor. */
  apply(name: (typeof MATH)[number]): Promise<GpuArray> {
    if (!MATH.includes(name)) {
      throw new GpuError(
        'validation',
        `apply('${String(name)}') is not an elementwise function here`,
        { hint: `Use one of ${MATH.join(', ')}, or a.map((x) => ...).` },
      );
    }
    return this.gpu.mapArrays(
      `(x) => Math.${name}(x)`,
      [this],
      {},
      { label: name, keep: true, line: this.gpu.line() },
    ) as Promise<GpuArray>;
  }

  private binary(op: string, other: GpuArray | number): Promise<GpuArray> {
    this.assertLive(op);
    if (typeof other === 'number') {
      return this.gpu.mapArrays(
        `(a, i, p) => a ${op} p.s`,
        [this],
        { s: other },
        { label: `a ${op} ${other}`, keep: true, line: this.gpu.line() },
      ) as Promise<GpuArray>;
    }
    other.assertLive(op);
    return this.gpu.mapArrays(
      `(a, b) => a ${op} b`,
      [this, other],
      {},
      { label: `a ${op} b`, keep: true, line: this.gpu.line() },
    ) as Promise<GpuArray>;
  }

  /** Sum of the elements (in the element type: f32 sums round like f32). */
  sum(): Promise<number> {
    return this.reduce('sum');
  }

  /** Smallest element. */
  min(): Promise<number> {
    return this.reduce('min');
  }

  /** Largest element. */
  max(): Promise<number> {
    return this.reduce('max');
  }

  /** Mean of the elements (the f32 sum divided by the length). */
  async mean(): Promise<number> {
    return (await this.reduce('sum', this.gpu.line())) / this.length;
  }

  private async reduce(op: ReduceOp, line = this.gpu.line()): Promise<number> {
    this.assertLive(op);
    if (this.length === 0)
      throw new GpuError('validation', `${op}() of an empty array`, {
        hint: 'Reduce a non-empty array.',
      });
    const g = this.gpu;
    const groups = Math.min(256, Math.ceil(this.length / 256));
    const shader = await g.builtin(
      reduceSource(op, this.dtype),
      ['uniform', 'read', 'read_write'],
      `${op}(${this.dtype})`,
    );
    const u1 = g.uniform(new Uint32Array([this.length, groups]));
    const u2 = g.uniform(new Uint32Array([groups, 1]));
    const partial = g.scratch(groups * 4);
    const result = g.scratch(4);
    try {
      const [bytes] = await g.session.run({
        kind: 'reduce',
        label: `${op}(${this.length} × ${this.dtype})`,
        line,
        uploads: [u1.upload, u2.upload],
        passes: [
          { shader, buffers: [u1.buffer, this.buffer, partial], workgroups: [groups, 1, 1] },
          { shader, buffers: [u2.buffer, partial, result], workgroups: [1, 1, 1] },
        ],
        readback: [{ buffer: result, bytes: 4 }],
        items: this.length,
      });
      return new ARRAY_OF[this.dtype](bytes!)[0]!;
    } finally {
      for (const b of [u1.buffer, u2.buffer, partial, result]) g.release(b);
    }
  }

  /** Matrix product of 2-D f32 arrays: (m × k) · (k × n) → (m × n), tiled in workgroup memory. */
  async matmul(other: GpuArray): Promise<GpuArray> {
    const line = this.gpu.line();
    this.assertLive('matmul');
    other.assertLive('matmul');
    const [m, k] = this.shape;
    const [k2, n] = other.shape;
    if (
      this.shape.length !== 2 ||
      other.shape.length !== 2 ||
      k !== k2 ||
      this.dtype !== 'f32' ||
      other.dtype !== 'f32'
    ) {
      throw new GpuError(
        'validation',
        `matmul: shapes [${this.shape.join(',')}] (${this.dtype}) and [${other.shape.join(',')}] (${other.dtype}) do not multiply`,
        {
          hint: 'Both must be 2-D Float32 arrays with matching inner sizes, e.g. g.array(a, [m, k]).matmul(g.array(b, [k, n])).',
        },
      );
    }
    const g = this.gpu;
    const shader = await g.builtin(
      matmulSource(),
      ['uniform', 'read', 'read', 'read_write'],
      'matmul (16×16 tiles)',
    );
    const u = g.uniform(new Uint32Array([m!, k!, n!, 0]));
    const out = g.allocate(m! * n!, 'f32', [m!, n!], 'matmul');
    try {
      await g.session.run({
        kind: 'matmul',
        label: `matmul ${m}×${k} · ${k}×${n}`,
        line,
        uploads: [u.upload],
        passes: [
          {
            shader,
            buffers: [u.buffer, this.buffer, other.buffer, out.buffer],
            workgroups: [Math.ceil(n! / 16), Math.ceil(m! / 16), 1],
          },
        ],
        items: m! * n!,
      });
    } finally {
      g.release(u.buffer);
    }
    return out;
  }

  /** Counts of equal-width bins over `range` (default: the array's min and max), with atomics. */
  async histogram(bins = 30, range?: [number, number]): Promise<Uint32Array> {
    const line = this.gpu.line();
    this.assertLive('histogram');
    if (!Number.isInteger(bins) || bins < 1 || bins > MAX_BINS) {
      throw new GpuError('over-limits', `histogram: ${bins} bins`, {
        hint: `Use 1 to ${MAX_BINS} bins (the counts live in 4 KiB of workgroup memory).`,
      });
    }
    const [lo, hi] = range ?? [await this.reduce('min', line), await this.reduce('max', line)];
    const g = this.gpu;
    const shader = await g.builtin(
      histogramSource(this.dtype),
      ['uniform', 'read', 'read_write'],
      `histogram(${this.dtype})`,
    );
    const params = new DataView(new ArrayBuffer(16));
    params.setUint32(0, this.length, true);
    params.setUint32(4, bins, true);
    params.setFloat32(8, lo, true);
    params.setFloat32(12, hi === lo ? lo + 1 : hi, true);
    const u = g.uniform(new Uint32Array(params.buffer));
    const counts = g.scratch(bins * 4);
    try {
      const [bytes] = await g.session.run({
        kind: 'histogram',
        label: `histogram ${this.length} → ${bins} bins`,
        line,
        uploads: [u.upload, { buffer: counts, data: new Uint32Array(bins) }],
        passes: [
          {
            shader,
            buffers: [u.buffer, this.buffer, counts],
            workgroups: [Math.min(256, Math.ceil(this.length / 256)), 1, 1],
          },
        ],
        readback: [{ buffer: counts, bytes: bins * 4 }],
        items: this.length,
      });
      return new Uint32Array(bytes!);
    } finally {
      g.release(u.buffer);
      g.release(counts);
    }
  }

  /** Gives the GPU memory back now (it is also given back when the array is garbage-collected). */
  free(): void {
    if (this.freed) return;
    this.freed = true;
    finalizer.unregister(this);
    this.gpu.release(this.buffer);
  }

  private assertLive(what: string): void {
    if (this.freed)
      throw new GpuError('validation', `${what}: this GPU array was freed`, {
        hint: 'Keep the array until its last use, then call free().',
      });
  }
}
