/**
 * The lesson of tiny tasks: when sending a task and its result back costs more than the
 * task computes, more workers cannot help; bigger chunks can. DOM-free; the UI words it
 * (ui/summary-panel.ts).
 */
import type { RunModel } from './run-model';

/** Calls with fewer tasks than this are too small to judge. */
export const MIN_TASKS = 20;

/** A call whose tasks cost more to send and return than they compute. */
export interface OverheadFinding {
  /** The call's label, as the calls table shows it. */
  label: string;
  /** Mean compute per task, ms. */
  computeMs: number;
  /** Mean worker time per task not spent computing (sending and returning), ms. */
  overheadMs: number;
}

/**
 * For each finished call with at least `MIN_TASKS` tasks, compares the mean compute per
 * task with the workers' time not spent computing, per task: `(wall * workers - serial) /
 * tasks`. That is what sending tasks and results costs, whatever overlaps what (a task
 * waiting behind another on its worker is not overhead). Returns the first call whose
 * overhead exceeds its compute, or undefined.
 */
export function overheadHint(model: RunModel): OverheadFinding | undefined {
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
    const computeMs = s.compute / s.n;
    const overheadMs = Math.max(0, (s.last - s.first) * workers - s.compute) / s.n;
    if (overheadMs > computeMs) return { label: c.start.label, computeMs, overheadMs };
  }
  return undefined;
}
