/**
 * Batch sizes for load-balanced maps: a fixed multiprocessing-style default, and an
 * adaptive chunker in the spirit of joblib's `batch_size='auto'`.
 */

/** Options for {@link AutoChunker}. */
export interface AutoChunkerOptions {
  /** Items in the whole map. */
  total: number;
  /** Engines taking chunks. */
  workers: number;
  /** Compute time one chunk should take, ms (default 20). */
  targetMs?: number;
  /** Smallest adaptive size (default 1); tail chunks may still be smaller, see `next`. */
  minChunk?: number;
  /**
   * The size an earlier map of the same function settled on: the first chunks start one
   * growth step below it instead of at one item, so they are measured sooner.
   */
  learned?: number;
}

/** Weight of the newest chunk in the smoothed estimates (joblib smooths batch duration 0.8/0.2). */
const SMOOTHING = 0.2;
/** Largest growth of the chunk size from one recorded chunk to the next. */
const MAX_GROWTH = 8;
/** Largest shrink factor from one recorded chunk to the next. */
const MAX_SHRINK = 2;
/** A chunk measured at 0 ms (coarse timers) counts as this, so the estimate stays finite. */
const MIN_MEASURED_MS = 0.001;

/**
 * Chooses how many items to send per task so each chunk computes for about `targetMs`:
 * it starts at one item (or one growth step below what it learned in an earlier map of the
 * same function), learns the per-item cost from finished chunks, and jumps towards
 * `targetMs / perItemMs` (at most x8 up or /2 down per chunk), while keeping the tail
 * small enough that every worker still gets about two more chunks to balance the load.
 */
export class AutoChunker {
  private readonly workers: number;
  private readonly targetMs: number;
  private readonly minChunk: number;
  private readonly total: number;
  private current: number;
  private smoothedMs = 0;
  private smoothedItems = 0;

  /** Starts at one item per chunk (or `minChunk`). */
  constructor(options: AutoChunkerOptions) {
    const { total, workers, targetMs = 20, minChunk = 1, learned } = options;
    if (!Number.isInteger(total) || total < 0) {
      throw new RangeError(`AutoChunker: total must be a whole number >= 0, got ${String(total)}`);
    }
    if (!Number.isInteger(workers) || workers < 1) {
      throw new RangeError(
        `AutoChunker: workers must be a whole number >= 1, got ${String(workers)}`,
      );
    }
    if (!(targetMs > 0)) {
      throw new RangeError(`AutoChunker: targetMs must be > 0, got ${String(targetMs)}`);
    }
    this.total = total;
    this.workers = workers;
    this.targetMs = targetMs;
    this.minChunk = Math.max(1, Math.floor(minChunk));
    const start = learned && learned > 0 ? Math.floor(learned / MAX_GROWTH) : 0;
    this.current = Math.max(this.minChunk, start);
  }

  /** The current adaptive batch size, before the end-of-map balance cap. */
  get size(): number {
    return this.current;
  }

  /** Smoothed compute time per item in ms, or undefined before the first recorded chunk. */
  get itemMs(): number | undefined {
    return this.smoothedItems > 0 ? this.smoothedMs / this.smoothedItems : undefined;
  }

  /**
   * Size of the next chunk to dispatch when `remaining` items are left: the adaptive size,
   * capped at `ceil(remaining / (2 * workers))` so the tail still spreads over every worker,
   * at least 1 and at most `remaining` (0 when nothing remains).
   */
  next(remaining: number): number {
    if (!(remaining >= 1)) return 0;
    const left = Math.floor(remaining);
    const balanceCap = Math.ceil(left / (2 * this.workers));
    return Math.max(1, Math.min(this.current, balanceCap, left));
  }

  /** Feeds back a finished chunk of `items` items that computed for `computeMs` ms. */
  record(items: number, computeMs: number): void {
    if (!(items >= 1)) return;
    const ms = computeMs > 0 ? computeMs : MIN_MEASURED_MS;
    // Smooth total time and item count separately, so a big recent chunk outweighs small
    // early ones whose timings were dominated by timer resolution.
    if (this.smoothedItems === 0) {
      this.smoothedMs = ms;
      this.smoothedItems = items;
    } else {
      this.smoothedMs = (1 - SMOOTHING) * this.smoothedMs + SMOOTHING * ms;
      this.smoothedItems = (1 - SMOOTHING) * this.smoothedItems + SMOOTHING * items;
    }
    const perItemMs = this.smoothedMs / this.smoothedItems;
    const ideal = Math.round(this.targetMs / perItemMs);
    const upper = this.current * MAX_GROWTH;
    const lower = Math.ceil(this.current / MAX_SHRINK);
    const bounded = Math.min(Math.max(ideal, lower), upper, Math.max(this.total, 1));
    this.current = Math.max(this.minChunk, bounded);
  }
}

/**
 * Python `multiprocessing.Pool.map`'s default chunk size: `ceil(total / (4 * workers))`,
 * at least 1, so each worker gets about four chunks.
 */
export function poolChunkSize(total: number, workers: number): number {
  const w = Math.max(1, Math.floor(workers));
  return Math.max(1, Math.ceil(total / (4 * w)));
}
