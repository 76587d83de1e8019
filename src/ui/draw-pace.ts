/**
 * How often the page draws a run while it is busy. Drawing (style, layout, paint and, with
 * no GPU, software raster and compositing) takes CPU time on the same cores the workers
 * compute on, so it lowers the speedup a stopwatch sees. Measured on a 2-thread machine
 * (primality of 10,000 integers, 30 runs each, alternating, in `npm run bench`'s page):
 * the parallel wall was 113-116 ms drawing as usual, 108 ms drawing every 500 ms and
 * 102-103 ms not drawing at all, against 95-100 ms for workerpool. So while every hardware
 * thread has a task, the panels draw together, at most every {@link SATURATED_INTERVAL_MS};
 * while a thread is free (the script's own serial part, a tail, fewer workers than threads)
 * they draw at their usual rates.
 */
import type { RunModel } from '../core/run-model';

/** Least time between two drawings while every hardware thread computes, ms. */
export const SATURATED_INTERVAL_MS = 500;

/** How many workers hold a task now (sent and not back: computing, or next in line). */
export function busyWorkers(model: Pick<RunModel, 'running'>): number {
  const workers = new Set<number>();
  for (const dispatch of model.running.values()) workers.add(dispatch.worker);
  return workers.size;
}

/**
 * True when the page should skip drawing now: the run is busy, every hardware thread holds
 * a task, and the last drawing was under {@link SATURATED_INTERVAL_MS} ago.
 */
export function holdDrawing(
  model: Pick<RunModel, 'running'>,
  threads: number,
  sinceLastDrawMs: number,
): boolean {
  return sinceLastDrawMs < SATURATED_INTERVAL_MS && busyWorkers(model) >= threads;
}
