/**
 * How many tasks the load balancer lets each engine hold at once. A queued task hides the
 * round trip to the driver between two tasks (on a loaded machine the driver may wait tens
 * of milliseconds for a core), but a task queued behind a long one waits while another
 * engine may sit idle. Where queued tasks can be recalled (claims.ts: an idle engine takes
 * them over), engines prefetch once the first task has been timed; elsewhere only while
 * recent tasks are short. Tiny tasks are queued deeper, about {@link QUEUE_MS} of work per
 * engine: they then travel many to a message each way (engine-link.ts, reply-outbox.ts),
 * since a message costs more than such a task computes.
 */

/** Tasks an engine may hold while tasks are short: one running, one waiting. */
export const PREFETCH_DEPTH = 2;
/** Work (ms) queued per engine when tasks are tiny: more than a message's round trip. */
export const QUEUE_MS = 2;
/** Most tasks queued per engine (the claim slots of claims.ts hold several times this). */
export const MAX_DEPTH = 128;
/**
 * Compute time below which a task is "short": the round trip an engine would idle
 * between two tasks (tens of microseconds) is then a noticeable share of its work.
 */
export const SHORT_TASK_MS = 2;
/** Weight of the newest task in the smoothed task time. */
const SMOOTHING = 0.25;

/** Chooses the prefetch depth from the compute times of finished tasks. */
export class PrefetchPolicy {
  private smoothedMs: number | undefined;

  /** `recall`: queued tasks can be taken back from an engine that has not started them. */
  constructor(private readonly recall = false) {}

  /**
   * Tasks an engine may hold: 1 until a task has been timed (the first tasks of a map may
   * be long, and quick items must not queue behind them), then {@link PREFETCH_DEPTH} where
   * tasks can be recalled or while recent tasks compute for under {@link SHORT_TASK_MS}
   * (up to {@link MAX_DEPTH} when {@link QUEUE_MS} of work needs more), 1 otherwise.
   */
  get depth(): number {
    const ms = this.smoothedMs;
    if (ms === undefined) return 1;
    if (!this.recall && ms >= SHORT_TASK_MS) return 1;
    const deep = Math.ceil(QUEUE_MS / Math.max(ms, QUEUE_MS / MAX_DEPTH));
    return Math.max(PREFETCH_DEPTH, Math.min(MAX_DEPTH, deep));
  }

  /** Feeds back a finished task's compute time (ms). */
  record(computeMs: number): void {
    if (!(computeMs >= 0)) return;
    this.smoothedMs =
      this.smoothedMs === undefined
        ? computeMs
        : (1 - SMOOTHING) * this.smoothedMs + SMOOTHING * computeMs;
  }
}
