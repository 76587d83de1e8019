/**
 * The lesson of tiny tasks: when sending a task and its result back costs more than the
 * task computes, more workers cannot help; bigger chunks can. DOM-free.
 */
import type { RunModel } from './run-model';

/** Calls with fewer tasks than this are too small to judge. */
export const MIN_TASKS = 20;

/**
 * For each finished call with at least `MIN_TASKS` tasks, compares the mean compute per
 * task with the workers' time not spent computing, per task: `(wall * workers - serial) /
 * tasks`. That is what sending tasks and results costs, whatever overlaps what (a task
 * waiting behind another on its worker is not overhead). Returns advice for the first call
 * whose overhead exceeds its compute, or undefined.
 */
export function overheadHint(model: RunModel): string | undefined {
  const sums = new Map<number, { n: number; compute: number; first: number; last: number }>();
  for (const t of model.tasks) {
    let s = sums.get(t.callId);
    if (!s) sums.set(t.callId, (s = { n: 0, compute: 0, first: Infinity, last: -Infinity }));
    s.n++;
    s.compute += t.completed - t.started;
    s.first = Math.min(s.first, t.submitted);
    s.last = Math.max(s.last, t.received);
  }
  for (const c of model.calls.values()) {
    if (!c.end) continue;
    const s = sums.get(c.start.callId);
    if (!s || s.n < MIN_TASKS) continue;
    const workers = Math.max(1, c.start.targets.length);
    const compute = s.compute / s.n;
    const overhead = Math.max(0, (s.last - s.first) * workers - s.compute) / s.n;
    if (overhead > compute) {
      return `${c.start.label}: each task computes for ${duration(compute)} and costs ${duration(overhead)} of worker time to send and return: try a larger chunkSize (or chunkSize: 'auto')`;
    }
  }
  return undefined;
}

/** A short duration for the hint: whole microseconds below 1 ms ("3 us"), else ms or s. */
function duration(ms: number): string {
  if (ms < 1) return `${Math.round(ms * 1000)} us`;
  if (ms < 1000) return `${ms < 10 ? ms.toFixed(1) : ms.toFixed(0)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}
