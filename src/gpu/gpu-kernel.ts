/**
 * `g.kernel(wgsl, { bindings, workgroups })`: hand-written WGSL, after CuPy's RawKernel.
 * Binding `i` of group 0 gets `bindings[i]`: a typed array is uploaded (and, when the
 * WGSL declares it `read_write`, its new contents are copied back into it), a GPU array is
 * used in place. Compilation messages land on the editor lines of the WGSL text.
 */
import { GpuError } from '../core/errors';
import { GpuArray } from './gpu-array';
import type { Gpu } from './gpu-api';
import type { GpuHost } from './gpu-host';
import { STORAGE } from './gpu-api';
import { readBindings } from './wgsl-bindings';

/** Options of `g.kernel`. */
export interface KernelOptions {
  /** One value per `@group(0) @binding(i)` declaration, in binding order. */
  bindings: unknown[];
  /** Workgroups to dispatch: a count or `[x, y, z]`. */
  workgroups: number | [number, number?, number?];
  /** The `@compute` function to run (default `main`). */
  entryPoint?: string;
}

/** Runs a raw WGSL kernel once. */
export async function runKernel(
  g: Gpu,
  host: GpuHost,
  wgsl: unknown,
  options: KernelOptions | undefined,
  line: number | undefined,
): Promise<void> {
  const at = line !== undefined ? { line } : {};
  const call = checkCall(g, wgsl, options, at);
  const { decls, workgroups } = call;
  const map = (l: number, c: number) => host.positionIn(call.wgsl, l, c);
  const shader = await g.session.shader(
    call.wgsl,
    decls.map((d) => d.kind),
    {
      label: 'kernel',
      origin: 'kernel',
      line,
      map,
      ...(call.options.entryPoint ? { entryPoint: call.options.entryPoint } : {}),
    },
  );
  const bound = bindAll(g, decls, call.options.bindings, line, at);
  try {
    const read = await g.session.run({
      kind: 'kernel',
      label: `kernel ${call.options.entryPoint ?? 'main'} [${workgroups.join(',')}]`,
      line,
      uploads: bound.uploads,
      passes: [{ shader, buffers: bound.buffers, workgroups }],
      readback: bound.copyBack.map((c) => ({ buffer: c.buffer, bytes: c.target.byteLength })),
      items: workgroups[0] * workgroups[1] * workgroups[2],
    });
    bound.copyBack.forEach((c, k) =>
      new Uint8Array(c.target.buffer, c.target.byteOffset, c.target.byteLength).set(
        new Uint8Array(read[k]!),
      ),
    );
  } finally {
    for (const b of bound.temps) g.release(b);
  }
}

/** Where an error is reported: the editor line of the call, when known. */
interface At {
  line?: number;
}

/** A kernel call whose arguments passed {@link checkCall}. */
interface CheckedCall {
  wgsl: string;
  options: KernelOptions;
  decls: ReturnType<typeof readBindings>;
  workgroups: [number, number, number];
}

/**
 * Checks the WGSL text, that the bindings passed match the ones it declares (group 0,
 * numbered from 0), and that the workgroup grid fits the device.
 */
function checkCall(g: Gpu, wgsl: unknown, options: KernelOptions | undefined, at: At): CheckedCall {
  if (typeof wgsl !== 'string' || !options || !Array.isArray(options.bindings)) {
    throw new GpuError(
      'validation',
      'g.kernel(wgsl, { bindings, workgroups }): expected WGSL text and options',
      {
        ...at,
        hint: 'e.g. g.kernel(`...@compute @workgroup_size(64) fn main(...) {...}`, { bindings: [xs], workgroups: 16 }).',
      },
    );
  }
  const decls = readBindings(wgsl);
  const wg = typeof options.workgroups === 'number' ? [options.workgroups] : options.workgroups;
  const workgroups: [number, number, number] = [wg[0] ?? 1, wg[1] ?? 1, wg[2] ?? 1];
  if (decls.length !== options.bindings.length || decls.some((d, i) => d.binding !== i)) {
    const declared = decls.map((d) => `${d.binding}: ${d.name}`).join(', ') || 'none';
    throw new GpuError(
      'validation',
      `g.kernel: the WGSL declares bindings [${declared}] in group 0 but ${options.bindings.length} were passed`,
      {
        ...at,
        hint: 'Number the bindings 0, 1, 2... in @group(0) and pass one value per binding, in order.',
      },
    );
  }
  const most = g.session.device.limits.maxComputeWorkgroupsPerDimension;
  if (workgroups.some((n) => !Number.isInteger(n) || n < 0 || n > most)) {
    throw new GpuError(
      'over-limits',
      `g.kernel: workgroups [${workgroups.join(',')}] are not whole numbers within this GPU's ${most} per dimension`,
      { ...at, hint: 'Use a 2-D or 3-D grid, or a larger @workgroup_size.' },
    );
  }
  return { wgsl, options, decls, workgroups };
}

/**
 * One buffer per binding: a GPU array is used in place; a typed array is uploaded into a
 * pooled buffer (padded to 16 bytes for a uniform) and copied back after the run when the
 * WGSL declares it `read_write`.
 */
function bindAll(
  g: Gpu,
  decls: CheckedCall['decls'],
  values: unknown[],
  line: number | undefined,
  at: At,
): {
  buffers: GPUBuffer[];
  temps: GPUBuffer[];
  uploads: { buffer: GPUBuffer; data: ArrayBufferView }[];
  copyBack: { buffer: GPUBuffer; target: ArrayBufferView }[];
} {
  const temps: GPUBuffer[] = [];
  const uploads: { buffer: GPUBuffer; data: ArrayBufferView }[] = [];
  const copyBack: { buffer: GPUBuffer; target: ArrayBufferView }[] = [];
  const bind = (v: unknown, i: number): GPUBuffer => {
    const d = decls[i]!;
    if (v instanceof GpuArray) {
      if (d.kind === 'uniform')
        throw new GpuError(
          'validation',
          `g.kernel: binding ${i} (${d.name}) is a uniform; pass a typed array, not a GPU array`,
          { ...at, hint: 'e.g. new Uint32Array([n]).' },
        );
      return v.buffer;
    }
    if (!ArrayBuffer.isView(v) || v instanceof DataView) {
      throw new GpuError(
        'validation',
        `g.kernel: binding ${i} (${d.name}) must be a typed array or a GPU array`,
        { ...at, hint: 'e.g. a Float32Array for array<f32>, a Uint32Array for a uniform of u32s.' },
      );
    }
    const data = d.kind === 'uniform' ? padTo16(v) : v;
    const usage = d.kind === 'uniform' ? 0x40 | 0x08 : STORAGE;
    const size = Math.max(16, Math.ceil(data.byteLength / 16) * 16);
    const buffer = g.session.pool.acquire(size, usage, `kernel binding ${i}`, line);
    temps.push(buffer);
    uploads.push({ buffer, data });
    if (d.kind === 'read_write') copyBack.push({ buffer, target: v });
    return buffer;
  };
  try {
    return { buffers: values.map(bind), temps, uploads, copyBack };
  } catch (e) {
    // A bad binding after good ones: give back the buffers already taken from the pool.
    for (const b of temps) g.release(b);
    throw e;
  }
}

/** A copy of `v`'s bytes padded with zeros to a multiple of 16 (uniform buffers need it). */
function padTo16(v: ArrayBufferView): Uint8Array {
  const out = new Uint8Array(Math.max(16, Math.ceil(v.byteLength / 16) * 16));
  out.set(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
  return out;
}
