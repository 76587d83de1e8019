/**
 * The script's `g = await gpu()`: `g.map` (a JS function transpiled to WGSL), `g.array`
 * (data kept on the GPU), `g.random` (Philox streams on the GPU), and the plumbing GPU
 * arrays and kernels share: buffers from the pool, uniforms, built-in shaders, call lines.
 */
import { GpuError } from '../core/errors';
import type { GpuAdapterInfo } from '../protocol/messages';
import { ARRAY_OF, GpuArray } from './gpu-array';
import type { GpuTypedArray } from './gpu-array';
import type { GpuHost } from './gpu-host';
import type { GpuSession, Shader } from './gpu-session';
import { MAP_WORKGROUP, transpileMap } from './transpile';
import type { BindingKind } from './wgsl-bindings';
import type { ScalarType } from './wgsl-types';

/** Storage usage of every GPU array buffer. */
export const STORAGE = 0x80 | 0x04 | 0x08; // STORAGE | COPY_SRC | COPY_DST
const UNIFORM = 0x40 | 0x08; // UNIFORM | COPY_DST

/** Options of a map: uniform scalars and arrays readable by index. */
interface MapOptions {
  label: string;
  keep: boolean;
  line: number | undefined;
  /** The source is the user's (errors point into it), not an internal one. */
  user?: boolean;
}

/** The element type of a typed array the GPU takes directly, or undefined. */
function dtypeOf(x: unknown): ScalarType | undefined {
  if (x instanceof Float32Array) return 'f32';
  if (x instanceof Int32Array) return 'i32';
  if (x instanceof Uint32Array) return 'u32';
  return undefined;
}

/** The run's GPU, as the script sees it. */
export class Gpu {
  constructor(
    readonly session: GpuSession,
    private readonly host: GpuHost,
  ) {}

  /** The adapter: vendor, architecture, whether it is software, features and limits. */
  get info(): GpuAdapterInfo {
    return this.session.gpu.adapter;
  }

  /** Editor line of the current call (call synchronously, before any await). */
  line(): number | undefined {
    return this.host.callSiteLine();
  }

  /** Bytes of GPU memory in use and pooled, buffers, and the peak so far. */
  memory(): { inUse: number; pooled: number; buffers: number; peak: number } {
    return this.session.pool.stats();
  }

  /** Gives a buffer back to the pool. */
  release(buffer: GPUBuffer): void {
    this.session.pool.release(buffer);
  }

  /** A fresh GPU array of `n` elements (contents undefined until written). */
  allocate(n: number, dtype: ScalarType, shape: number[], what: string, line?: number): GpuArray {
    const buffer = this.session.pool.acquire(Math.max(4, n * 4), STORAGE, what, line);
    return new GpuArray(this, buffer, n, dtype, shape);
  }

  /** A storage buffer for internal use. */
  scratch(bytes: number): GPUBuffer {
    return this.session.pool.acquire(Math.max(4, bytes), STORAGE, 'scratch');
  }

  /** A uniform buffer holding `data` (padded to 16 bytes) and the upload that fills it. */
  uniform(data: Uint32Array | Float32Array | Int32Array): {
    buffer: GPUBuffer;
    upload: { buffer: GPUBuffer; data: ArrayBufferView };
  } {
    const padded = new Uint8Array(Math.max(16, Math.ceil(data.byteLength / 16) * 16));
    padded.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    const buffer = this.session.pool.acquire(padded.byteLength, UNIFORM, 'params');
    return { buffer, upload: { buffer, data: padded } };
  }

  /** A built-in kernel's shader. */
  builtin(wgsl: string, kinds: BindingKind[], label: string): Promise<Shader> {
    return this.session.shader(wgsl, kinds, { label, origin: 'builtin', line: undefined });
  }

  /**
   * Copies a typed array to the GPU. Float64Array and plain arrays become Float32Array
   * (with a warning: the GPU computes in f32).
   */
  async array(data: ArrayLike<number>, shape?: number[]): Promise<GpuArray> {
    const line = this.line();
    const typed = this.toGpuTyped(data, 'g.array', line);
    const dims = shape ?? [typed.length];
    if (dims.reduce((a, b) => a * b, 1) !== typed.length) {
      throw new GpuError(
        'validation',
        `g.array: shape [${dims.join(',')}] does not hold ${typed.length} elements`,
        {
          ...(line !== undefined ? { line } : {}),
          hint: "The shape's product must equal the length, e.g. g.array(a, [rows, cols]).",
        },
      );
    }
    const arr = this.allocate(typed.length, dtypeOf(typed)!, dims, 'g.array', line);
    await this.session.run({
      kind: 'upload',
      label: `upload ${typed.length} × ${arr.dtype}`,
      line,
      uploads: [{ buffer: arr.buffer, data: typed }],
      passes: [],
      items: typed.length,
    });
    return arr;
  }

  /** Reads a GPU array back. */
  async download(arr: GpuArray, line = this.line()): Promise<GpuTypedArray> {
    const [bytes] = await this.session.run({
      kind: 'download',
      label: `download ${arr.length} × ${arr.dtype}`,
      line,
      uploads: [],
      passes: [],
      readback: [{ buffer: arr.buffer, bytes: arr.length * 4 }],
      items: arr.length,
    });
    return new ARRAY_OF[arr.dtype](bytes!);
  }

  /** The typed array the GPU takes for `data`, converting (with a warning) when needed. */
  toGpuTyped(data: unknown, what: string, line: number | undefined): GpuTypedArray {
    if (dtypeOf(data)) return data as GpuTypedArray;
    if (data instanceof Float64Array || Array.isArray(data)) {
      const where = line !== undefined ? ` (line ${line})` : '';
      this.host.warn(
        `${what}${where}: ${data instanceof Float64Array ? 'Float64Array' : 'array'} converted to Float32Array: the GPU computes in f32 (about 7 significant digits). Pass a Float32Array to silence this.`,
      );
      return Float32Array.from(data as ArrayLike<number>);
    }
    throw new GpuError(
      'validation',
      `${what}: expected a typed array, got ${data === null ? 'null' : typeof data}`,
      {
        ...(line !== undefined ? { line } : {}),
        hint: 'Pass a Float32Array, Int32Array or Uint32Array (or a GPU array from g.array).',
      },
    );
  }

  /**
   * Runs `fn` elementwise on the GPU: one element of each input, then the index, then the
   * params. Resolves to a typed array of the results.
   */
  map(fn: unknown, ...args: unknown[]): Promise<GpuTypedArray> {
    const line = this.line();
    if (typeof fn !== 'function') {
      throw new GpuError('compile', `g.map: expected a function, got ${typeof fn}`, {
        ...(line !== undefined ? { line } : {}),
        hint: 'e.g. g.map((x) => x * x, xs).',
      });
    }
    const last = args.at(-1);
    const hasOptions =
      last !== undefined &&
      typeof last === 'object' &&
      last !== null &&
      !ArrayBuffer.isView(last) &&
      !Array.isArray(last) &&
      !(last instanceof GpuArray);
    const options = (hasOptions ? args.pop() : {}) as { params?: Record<string, unknown> };
    const inputs = args.map((a) => (a instanceof GpuArray ? a : this.toGpuTyped(a, 'g.map', line)));
    const name = (fn as { name?: string }).name;
    return this.mapArrays(Function.prototype.toString.call(fn), inputs, options.params ?? {}, {
      label: `map(${name || 'fn'})`,
      keep: false,
      line,
      user: true,
    }) as Promise<GpuTypedArray>;
  }

  /** The shared body of `g.map` and the elementwise methods of GPU arrays. */
  async mapArrays(
    source: string,
    inputs: (GpuArray | GpuTypedArray)[],
    params: Record<string, unknown>,
    o: MapOptions,
  ): Promise<GpuArray | GpuTypedArray> {
    const at = o.line !== undefined ? { line: o.line } : {};
    const first = inputs[0];
    if (!first)
      throw new GpuError('compile', 'g.map needs at least one input array', {
        ...at,
        hint: 'e.g. g.map((x) => x * x, xs).',
      });
    const n = first.length;
    if (inputs.some((a) => a.length !== n)) {
      throw new GpuError(
        'validation',
        `${o.label}: inputs have different lengths (${inputs.map((a) => a.length).join(', ')})`,
        {
          ...at,
          hint: 'Elementwise inputs must have the same length; pass other arrays in params to read them by index.',
        },
      );
    }
    const types = inputs.map((a) => (a instanceof GpuArray ? a.dtype : dtypeOf(a)!));
    const scalars: Record<string, ScalarType> = {};
    const arrays: Record<string, ScalarType> = {};
    const arrayData: (GpuArray | GpuTypedArray)[] = [];
    for (const [k, v] of Object.entries(params)) {
      if (typeof v === 'number') {
        scalars[k] =
          Number.isInteger(v) && types[0] !== 'f32' ? (v < 0 ? 'i32' : types[0]!) : 'f32';
      } else if (v instanceof GpuArray) {
        arrays[k] = v.dtype;
        arrayData.push(v);
      } else {
        const t = this.toGpuTyped(v, `params.${k}`, o.line);
        arrays[k] = dtypeOf(t)!;
        arrayData.push(t);
      }
    }
    let t;
    try {
      t = transpileMap(source, { inputs: types, scalars, arrays });
    } catch (e) {
      throw o.user ? this.placeInSource(e, source, o.line) : e;
    }
    const storage = [...inputs.map(() => 'read' as const), ...arrayData.map(() => 'read' as const)];
    const shader = await this.session.shader(t.wgsl, ['uniform', 'read_write', ...storage], {
      label: o.label,
      origin: o.user ? 'generated' : 'builtin',
      line: o.line,
    });
    return this.runMap(shader, t.output, n, inputs, arrayData, scalars, params, o);
  }

  private async runMap(
    shader: Shader,
    output: ScalarType,
    n: number,
    inputs: (GpuArray | GpuTypedArray)[],
    arrayData: (GpuArray | GpuTypedArray)[],
    scalars: Record<string, ScalarType>,
    params: Record<string, unknown>,
    o: MapOptions,
  ): Promise<GpuArray | GpuTypedArray> {
    const groups = Math.ceil(n / MAP_WORKGROUP);
    const x = Math.min(groups, this.session.device.limits.maxComputeWorkgroupsPerDimension);
    const y = Math.max(1, Math.ceil(groups / x));
    const head = new DataView(new ArrayBuffer(8 + 4 * Object.keys(scalars).length));
    head.setUint32(0, n, true);
    head.setUint32(4, x * MAP_WORKGROUP, true);
    Object.entries(scalars).forEach(([k, ty], j) => {
      const v = params[k] as number;
      if (ty === 'f32') head.setFloat32(8 + 4 * j, v, true);
      else if (ty === 'i32') head.setInt32(8 + 4 * j, v, true);
      else head.setUint32(8 + 4 * j, v, true);
    });
    const u = this.uniform(new Uint32Array(head.buffer));
    const out = this.allocate(n, output, [n], o.label, o.line);
    const temps: GPUBuffer[] = [u.buffer];
    const uploads = [u.upload];
    const bind = (a: GpuArray | GpuTypedArray): GPUBuffer => {
      if (a instanceof GpuArray) return a.buffer;
      const b = this.session.pool.acquire(Math.max(4, a.byteLength), STORAGE, o.label, o.line);
      temps.push(b);
      uploads.push({ buffer: b, data: a });
      return b;
    };
    const buffers = [u.buffer, out.buffer, ...inputs.map(bind), ...arrayData.map(bind)];
    try {
      const read = await this.session.run({
        kind: o.user ? 'map' : 'elementwise',
        label: o.label,
        line: o.line,
        uploads,
        passes: n > 0 ? [{ shader, buffers, workgroups: [x, y, 1] }] : [],
        ...(o.keep ? {} : { readback: [{ buffer: out.buffer, bytes: n * 4 }] }),
        items: n,
      });
      if (o.keep) return out;
      out.free();
      return new ARRAY_OF[output](read[0]!);
    } catch (e) {
      out.free();
      throw e;
    } finally {
      for (const b of temps) this.release(b);
    }
  }

  /** A transpiler error with its position moved from the function's text to the editor. */
  private placeInSource(e: unknown, source: string, callLine: number | undefined): unknown {
    if (!(e instanceof GpuError) || e.line === undefined) return e;
    const pos =
      this.host.positionIn(source, e.line, e.column ?? 1) ??
      (callLine !== undefined ? { line: callLine, column: 1 } : undefined);
    return new GpuError(e.reason, e.message, {
      ...(e.hint ? { hint: e.hint } : {}),
      ...(pos ?? {}),
    });
  }
}
