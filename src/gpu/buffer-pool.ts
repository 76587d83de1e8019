/**
 * GPU buffers, pooled: a released buffer waits for the next request of the same usage and
 * size class, so a long script reuses memory instead of growing it, and the page sees how
 * much is in use. Requests over the device's limits fail with advice before allocating.
 */
import { GpuError } from '../core/errors';
import type { GpuMemoryEvent } from '../protocol/messages';

/** Most bytes kept in the pool for reuse; beyond this, released buffers are destroyed. */
const MAX_POOLED = 256 * 1024 * 1024;

/** Size class: the next power of two, at least 256 bytes. */
function sizeClass(bytes: number): number {
  return Math.max(256, 2 ** Math.ceil(Math.log2(Math.max(1, bytes))));
}

/** Buffers by usage and size class, with byte counts for the memory panel. */
export class BufferPool {
  private readonly free = new Map<string, GPUBuffer[]>();
  private inUse = 0;
  private pooled = 0;
  private count = 0;
  private peak = 0;

  constructor(
    private readonly device: GPUDevice,
    private readonly report: (e: Omit<GpuMemoryEvent, 'type' | 'time'>) => void,
  ) {}

  /** A buffer of at least `bytes` with `usage`, from the pool when one fits. */
  acquire(bytes: number, usage: GPUBufferUsageFlags, what: string, line?: number): GPUBuffer {
    const limits = this.device.limits;
    const max = Math.min(limits.maxBufferSize, limits.maxStorageBufferBindingSize);
    if (bytes > max) {
      throw new GpuError(
        'over-limits',
        `${what} needs a ${bytes}-byte buffer; this GPU allows ${max} bytes per buffer`,
        {
          ...(line !== undefined ? { line } : {}),
          hint: 'Split the data into chunks that fit and run the kernel once per chunk.',
        },
      );
    }
    const size = Math.min(sizeClass(bytes), Math.floor(max / 4) * 4);
    const key = `${usage}:${size}`;
    const reused = this.free.get(key)?.pop();
    let buffer: GPUBuffer;
    if (reused) {
      buffer = reused;
      this.pooled -= size;
    } else {
      buffer = this.device.createBuffer({ size, usage, label: what });
      this.count++;
    }
    this.inUse += size;
    this.peak = Math.max(this.peak, this.inUse + this.pooled);
    this.emit();
    return buffer;
  }

  /** Gives a buffer back for reuse (or destroys it when the pool is full). */
  release(buffer: GPUBuffer): void {
    this.inUse -= buffer.size;
    if (this.pooled + buffer.size > MAX_POOLED) {
      buffer.destroy();
      this.count--;
    } else {
      const key = `${buffer.usage}:${buffer.size}`;
      const list = this.free.get(key) ?? [];
      list.push(buffer);
      this.free.set(key, list);
      this.pooled += buffer.size;
    }
    this.emit();
  }

  /** Destroys every pooled buffer (buffers in use belong to their owners). */
  destroyAll(): void {
    for (const list of this.free.values()) for (const b of list) b.destroy();
    this.free.clear();
    this.pooled = 0;
  }

  /** Bytes in use, pooled, the buffer count and the peak. */
  stats(): Omit<GpuMemoryEvent, 'type' | 'time'> {
    return { inUse: this.inUse, pooled: this.pooled, buffers: this.count, peak: this.peak };
  }

  private emit(): void {
    this.report(this.stats());
  }
}
