/**
 * GPU-side timing of compute passes with timestamp queries, where the adapter has the
 * `timestamp-query` feature (Chromium's software adapter does).
 */

/** Timestamp queries around each pass, resolved into a buffer and read after the call. */
export class PassTimer {
  private readonly set: GPUQuerySet;
  private readonly resolved: GPUBuffer;
  private readonly staging: GPUBuffer;

  /** Queries for `passes` passes on `device`. */
  constructor(
    private readonly device: GPUDevice,
    private readonly passes: number,
  ) {
    this.set = device.createQuerySet({ type: 'timestamp', count: 2 * passes });
    const size = 16 * passes;
    this.resolved = device.createBuffer({
      size,
      usage: GPUBufferUsage.QUERY_RESOLVE | GPUBufferUsage.COPY_SRC,
    });
    this.staging = device.createBuffer({
      size,
      usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST,
    });
  }

  /** Where pass `k` writes its start and end. */
  writes(k: number): GPUComputePassTimestampWrites {
    return { querySet: this.set, beginningOfPassWriteIndex: 2 * k, endOfPassWriteIndex: 2 * k + 1 };
  }

  /** Resolves the queries and copies them to the mappable buffer. */
  resolve(encoder: GPUCommandEncoder): void {
    encoder.resolveQuerySet(this.set, 0, 2 * this.passes, this.resolved, 0);
    encoder.copyBufferToBuffer(this.resolved, 0, this.staging, 0, 16 * this.passes);
  }

  /** Summed pass time, ms; passes whose end is before their start are skipped (the counter may reset). */
  async read(): Promise<number> {
    await this.staging.mapAsync(GPUMapMode.READ);
    const t = new BigUint64Array(this.staging.getMappedRange().slice(0));
    this.staging.unmap();
    let ns = 0;
    for (let k = 0; k < this.passes; k++) {
      const d = t[2 * k + 1]! - t[2 * k]!;
      if (d > 0n) ns += Number(d);
    }
    return ns / 1e6;
  }

  /** Frees the query set and its buffers. */
  destroy(): void {
    this.set.destroy();
    this.resolved.destroy();
    this.staging.destroy();
  }
}
