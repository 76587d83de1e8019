/**
 * What the page knows about the run's GPU: the adapter, the calls on the GPU lane, the
 * shaders compiled (generated WGSL is shown to learn from), and the memory held.
 */
import type {
  GpuAdapterInfo,
  GpuCallRecord,
  GpuMemoryEvent,
  GpuShaderEvent,
  ReportGpu,
  Stamp,
} from '../protocol/messages';

/** The GPU part of a run. */
export class GpuModel {
  adapter: GpuAdapterInfo | undefined;
  readonly calls: GpuCallRecord[] = [];
  readonly shaders: GpuShaderEvent[] = [];
  memory: GpuMemoryEvent | undefined;

  /** True once the script asked for the GPU (a lane and a panel are shown). */
  get used(): boolean {
    return this.adapter !== undefined || this.calls.length > 0;
  }

  /** The shader with this id. */
  shader(id: number | undefined): GpuShaderEvent | undefined {
    return id === undefined ? undefined : this.shaders.find((s) => s.shaderId === id);
  }

  /** The GPU part of the run report, times in ms since `t0`. */
  report(t0: Stamp): ReportGpu {
    const round = (ms: number) => Math.round(ms * 1000) / 1000;
    return {
      ...(this.adapter ? { adapter: this.adapter } : {}),
      calls: this.calls.map((c) => ({
        callId: c.callId,
        kind: c.kind,
        label: c.label,
        ...(c.line !== undefined ? { line: c.line } : {}),
        start: round(c.start - t0),
        upload: round(c.uploadEnd - c.start),
        compute: round(c.computeEnd - c.uploadEnd),
        readback: round(c.end - c.computeEnd),
        ...(c.kernelMs !== undefined ? { kernelMs: round(c.kernelMs) } : {}),
        items: c.items,
        ok: c.ok,
      })),
      peakBytes: this.memory?.peak ?? 0,
    };
  }
}
