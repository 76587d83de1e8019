/**
 * The `gpu()` global for one run: the first call gets the device (later calls share it)
 * and reports the adapter to the page; the run closes the device when it ends. The object
 * the script gets has only the documented methods.
 */
import { now } from '../core/clock';
import type { DriverEvent } from '../protocol/messages';
import { requestGpu } from './device';
import type { GpuArray } from './gpu-array';
import { Gpu } from './gpu-api';
import type { GpuHost } from './gpu-host';
import { compare } from './gpu-compare';
import { gpuRandom } from './gpu-random';
import type { CpuMap } from './gpu-compare';
import { runKernel } from './gpu-kernel';
import type { KernelOptions } from './gpu-kernel';
import { GpuSession } from './gpu-session';

/** What the run gives the GPU API. */
export interface GpuRunContext extends GpuHost {
  emit(e: DriverEvent): void;
  /** A new call id, shared with the CPU calls so ids are unique in the run. */
  callId(): number;
  /** Maps a function on the workers (for `g.compare`). */
  cpuMap: CpuMap;
  /** Shows a table in the results panel. */
  table(rows: unknown[], title: string): void;
}

/** The script's view of the GPU. */
function facade(g: Gpu, cx: GpuRunContext) {
  return Object.freeze({
    info: g.info,
    map: (fn: unknown, ...args: unknown[]) => g.map(fn, ...args),
    kernel: (wgsl: unknown, options?: KernelOptions) => runKernel(g, cx, wgsl, options, g.line()),
    array: (data: ArrayLike<number>, shape?: number[]) => g.array(data, shape),
    random: (r: unknown, n: number, options?: { dtype?: 'float32' | 'uint32' }) =>
      gpuRandom(g, r, n, options),
    compare: (fn: unknown, xs: ArrayLike<number>) =>
      compare(
        g,
        (f, x) => cx.cpuMap(f, x),
        (rows, title) => cx.table(rows, title),
        fn,
        xs,
      ),
    memory: () => g.memory(),
    download: (a: GpuArray) => a.download(),
  });
}

/** The `gpu` global of one run, and `close()` for the end of the run. */
export function createGpuEntry(cx: GpuRunContext): {
  gpu: (options?: { features?: string[] }) => Promise<ReturnType<typeof facade>>;
  close: () => Promise<void>;
} {
  let session: GpuSession | undefined;
  let ready: Promise<ReturnType<typeof facade>> | undefined;
  const gpu = (options: { features?: string[] } = {}) => {
    const line = cx.callSiteLine();
    ready ??= (async () => {
      const device = await requestGpu(options.features ?? [], line);
      session = new GpuSession(
        device,
        (e) => cx.emit(e),
        () => cx.callId(),
      );
      cx.emit({
        type: 'gpu-device',
        time: now(),
        adapter: device.adapter,
      });
      return facade(new Gpu(session, cx), cx);
    })();
    // A failed request may be retried (e.g. without a feature).
    ready.catch(() => (ready = undefined));
    return ready;
  };
  return { gpu, close: async () => session?.close() };
}
