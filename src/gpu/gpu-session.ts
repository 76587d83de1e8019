/**
 * One run's GPU: the device, the buffer pool, compiled shaders, and the dispatch of compute
 * passes with upload, compute and readback phases timed for the GPU lane (kernel time from
 * timestamp queries when the adapter has them). Validation and out-of-memory errors are
 * caught in error scopes and become typed errors at the editor line of the call.
 */
import { now } from '../core/clock';
import { GpuError } from '../core/errors';
import type { DriverEvent, GpuCallKind, GpuCallRecord } from '../protocol/messages';
import { BufferPool } from './buffer-pool';
import { assertAlive } from './device';
import { PassTimer } from './pass-timer';
import { compileError } from './wgsl-errors';
import type { GpuDevice } from './device';
import type { BindingKind } from './wgsl-bindings';

/** A compiled compute shader. */
export interface Shader {
  id: number;
  pipeline: GPUComputePipeline;
  layout: GPUBindGroupLayout;
}

/** Maps a WGSL line (1-based) to an editor position, for compilation messages. */
export type WgslLineMap = (
  wgslLine: number,
  column: number,
) => { line: number; column: number } | undefined;

/** One compute pass: a shader, its buffers by binding number, and the workgroup grid. */
export interface Pass {
  shader: Shader;
  buffers: GPUBuffer[];
  workgroups: [number, number, number];
}

/** A GPU call: uploads, passes, and what to read back. */
export interface CallSpec {
  kind: GpuCallKind;
  label: string;
  line: number | undefined;
  uploads: { buffer: GPUBuffer; data: ArrayBufferView }[];
  passes: Pass[];
  readback?: { buffer: GPUBuffer; bytes: number }[];
  items: number;
}

/** The run's device, pool, shader cache and call log. */
export class GpuSession {
  readonly pool: BufferPool;
  private readonly shaders = new Map<string, Shader>();
  private nextShader = 0;
  private readonly pending = new Set<Promise<unknown>>();

  constructor(
    readonly gpu: GpuDevice,
    private readonly emit: (e: DriverEvent) => void,
    private readonly callId: () => number,
  ) {
    this.pool = new BufferPool(gpu.device, () => undefined);
  }

  get device(): GPUDevice {
    return this.gpu.device;
  }

  /** Compiles `wgsl` once (cached by text); messages become a GpuError at the mapped line. */
  async shader(
    wgsl: string,
    kinds: BindingKind[],
    meta: {
      label: string;
      origin: 'generated' | 'kernel' | 'builtin';
      line: number | undefined;
      map?: WgslLineMap;
      entryPoint?: string;
    },
  ): Promise<Shader> {
    const key = `${meta.entryPoint ?? 'main'}\n${wgsl}`;
    const cached = this.shaders.get(key);
    if (cached) return cached;
    assertAlive(this.gpu, meta.line);
    const device = this.device;
    const module = device.createShaderModule({ code: wgsl, label: meta.label });
    const info = await module.getCompilationInfo();
    const errors = info.messages.filter((m) => m.type === 'error');
    const id = ++this.nextShader;
    this.emit({
      type: 'gpu-shader',
      shaderId: id,
      label: meta.label,
      origin: meta.origin,
      wgsl,
      ...(meta.line !== undefined ? { line: meta.line } : {}),
      time: now(),
    });
    if (errors.length > 0) throw compileError(errors, meta.line, meta.map, meta.origin);
    const layout = bindingLayout(device, kinds, meta.label);
    const pipeline = await createPipeline(device, module, layout, meta);
    const shader = { id, pipeline, layout };
    this.shaders.set(key, shader);
    return shader;
  }

  /** Runs a call: uploads, passes, readback; emits its record; resolves to the bytes read back. */
  run(spec: CallSpec): Promise<ArrayBuffer[]> {
    const p = this.runNow(spec);
    this.pending.add(p);
    const done = () => this.pending.delete(p);
    p.then(done, done);
    return p;
  }

  private async runNow(spec: CallSpec): Promise<ArrayBuffer[]> {
    assertAlive(this.gpu, spec.line);
    const { device } = this;
    const callId = this.callId();
    const start = now();
    let bytesIn = 0;
    for (const u of spec.uploads) {
      device.queue.writeBuffer(u.buffer, 0, u.data.buffer, u.data.byteOffset, u.data.byteLength);
      bytesIn += u.data.byteLength;
    }
    if (spec.uploads.length > 0) await device.queue.onSubmittedWorkDone();
    const uploadEnd = now();
    device.pushErrorScope('out-of-memory');
    device.pushErrorScope('validation');
    const timer =
      this.gpu.adapter.timestamps && spec.passes.length > 0
        ? new PassTimer(device, spec.passes.length)
        : undefined;
    const encoder = encodePasses(device, spec, timer);
    timer?.resolve(encoder);
    device.queue.submit([encoder.finish()]);
    await device.queue.onSubmittedWorkDone();
    const computeEnd = now();
    const validation = await device.popErrorScope();
    const memory = await device.popErrorScope();
    const failure = validation ?? memory;
    const out: ArrayBuffer[] = [];
    if (!failure) for (const r of spec.readback ?? []) out.push(await this.read(r.buffer, r.bytes));
    const kernelMs = timer ? await timer.read() : undefined;
    timer?.destroy();
    const end = now();
    const record: GpuCallRecord = {
      callId,
      kind: spec.kind,
      label: spec.label,
      ...(spec.line !== undefined ? { line: spec.line } : {}),
      start,
      uploadEnd,
      computeEnd,
      end,
      ...(kernelMs !== undefined ? { kernelMs } : {}),
      bytesIn,
      bytesOut: out.reduce((s, b) => s + b.byteLength, 0),
      items: spec.items,
      ...(spec.passes[0] ? { shaderId: spec.passes[0].shader.id } : {}),
      ok: !failure,
    };
    this.emit({ type: 'gpu-call', record });
    this.emitMemory();
    if (failure) throw callError(spec, failure, failure === memory);
    return out;
  }

  /** Copies `bytes` of `buffer` to a mappable buffer and reads them. */
  private async read(buffer: GPUBuffer, bytes: number): Promise<ArrayBuffer> {
    const size = Math.ceil(bytes / 4) * 4;
    const staging = this.pool.acquire(
      size,
      GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST,
      'readback',
    );
    const encoder = this.device.createCommandEncoder();
    encoder.copyBufferToBuffer(buffer, 0, staging, 0, size);
    this.device.queue.submit([encoder.finish()]);
    await staging.mapAsync(GPUMapMode.READ, 0, size);
    const copy = staging.getMappedRange(0, size).slice(0, bytes);
    staging.unmap();
    this.pool.release(staging);
    return copy;
  }

  /** Reports the pool's bytes to the page. */
  emitMemory(): void {
    this.emit({ type: 'gpu-memory', time: now(), ...this.pool.stats() });
  }

  /** Waits for calls the script did not await, then frees everything. */
  async close(): Promise<void> {
    await Promise.allSettled([...this.pending]);
    this.pool.destroyAll();
    this.device.destroy();
  }
}

/** What a shader is compiled with: its label, where it came from and its entry point. */
interface ShaderMeta {
  label: string;
  line: number | undefined;
  entryPoint?: string;
}

/** The bind group layout of a compute shader whose bindings are `kinds`, in order. */
function bindingLayout(device: GPUDevice, kinds: BindingKind[], label: string): GPUBindGroupLayout {
  return device.createBindGroupLayout({
    label,
    entries: kinds.map((k, binding) => ({
      binding,
      visibility: GPUShaderStage.COMPUTE,
      buffer: {
        type: k === 'uniform' ? 'uniform' : k === 'read' ? 'read-only-storage' : 'storage',
      },
    })),
  });
}

/** The compute pipeline of `module` with `layout`; a refusal becomes a GpuError at the line. */
async function createPipeline(
  device: GPUDevice,
  module: GPUShaderModule,
  layout: GPUBindGroupLayout,
  meta: ShaderMeta,
): Promise<GPUComputePipeline> {
  const at = meta.line !== undefined ? { line: meta.line } : {};
  device.pushErrorScope('validation');
  let pipeline: GPUComputePipeline;
  try {
    pipeline = await device.createComputePipelineAsync({
      label: meta.label,
      layout: device.createPipelineLayout({ bindGroupLayouts: [layout] }),
      compute: { module, entryPoint: meta.entryPoint ?? 'main' },
    });
  } catch (e) {
    await device.popErrorScope();
    throw new GpuError(
      'validation',
      `${meta.label}: the pipeline was refused: ${(e as Error).message}`,
      {
        ...at,
        hint: 'Check the entry point name (@compute fn main) and that the bindings match the buffers passed.',
      },
    );
  }
  const scoped = await device.popErrorScope();
  if (scoped)
    throw new GpuError('validation', `${meta.label}: ${scoped.message}`, {
      ...at,
      hint: 'The bindings given do not match the WGSL declarations.',
    });
  return pipeline;
}

/** Encodes a compute pass per pass of `spec` (timed when `timer` is given). */
function encodePasses(
  device: GPUDevice,
  spec: CallSpec,
  timer: PassTimer | undefined,
): GPUCommandEncoder {
  const encoder = device.createCommandEncoder({ label: spec.label });
  spec.passes.forEach((pass, k) => {
    const group = device.createBindGroup({
      layout: pass.shader.layout,
      entries: pass.buffers.map((buffer, binding) => ({ binding, resource: { buffer } })),
    });
    const cp = encoder.beginComputePass(timer ? { timestampWrites: timer.writes(k) } : {});
    cp.setPipeline(pass.shader.pipeline);
    cp.setBindGroup(0, group);
    cp.dispatchWorkgroups(...pass.workgroups);
    cp.end();
  });
  return encoder;
}

/** The GpuError of a call the device refused (out of memory, or invalid buffers). */
function callError(spec: CallSpec, failure: GPUError, oom: boolean): GpuError {
  return new GpuError(oom ? 'out-of-memory' : 'validation', `${spec.label}: ${failure.message}`, {
    ...(spec.line !== undefined ? { line: spec.line } : {}),
    hint: oom
      ? 'Free GPU arrays you no longer need (a.free()) or work in smaller chunks.'
      : 'The buffers passed do not fit what the kernel declares (types, sizes or read/write access).',
  });
}
