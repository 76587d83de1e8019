/**
 * How many tasks the load balancer lets each engine hold at once. A second, queued task
 * hides the round trip between two short tasks, but a task queued behind a long one
 * waits while another engine may sit idle. So engines prefetch only while recent tasks
 * are short, and a queued task that has not started can be recalled (see claims.ts).
 */

/** Tasks an engine may hold while tasks are short: one running, one waiting. */
export const PREFETCH_DEPTH = 2;
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

  /**
   * Tasks an engine may hold: 1 until a task has been timed (the first tasks of a map may
   * be long), {@link PREFETCH_DEPTH} while recent tasks compute for under
   * {@link SHORT_TASK_MS}, 1 otherwise.
   */
  get depth(): number {
    return this.smoothedMs !== undefined && this.smoothedMs < SHORT_TASK_MS ? PREFETCH_DEPTH : 1;
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
