/**
 * Timing statistics of a parallel call, computed from task records on the shared clock.
 * Numbers stay raw (ms and ratios); `ui/` formats them.
 */
import type { CallTiming, TaskRecord } from '../protocol/messages';

/** The task stamps the summary needs. */
export type TimedTask = Pick<TaskRecord, 'submitted' | 'started' | 'completed' | 'received'>;

/**
 * Summarizes a call's tasks: wall = first submission to last result, serial = sum of
 * compute time (`completed - started`), speedup = serial / wall, efficiency = speedup /
 * workers; zeros when there is nothing to measure.
 */
export function summarizeTiming(records: ReadonlyArray<TimedTask>, workers: number): CallTiming {
  let firstSubmitted = Infinity;
  let lastReceived = -Infinity;
  let serial = 0;
  for (const r of records) {
    firstSubmitted = Math.min(firstSubmitted, r.submitted);
    lastReceived = Math.max(lastReceived, r.received);
    serial += r.completed - r.started;
  }
  const wall = records.length > 0 ? Math.max(0, lastReceived - firstSubmitted) : 0;
  const speedup = wall > 0 ? serial / wall : 0;
  const efficiency = workers > 0 ? speedup / workers : 0;
  return { wall, serial, speedup, efficiency, workers, tasks: records.length };
}

/**
 * Fraction of the workers' time not spent computing (dispatch, transfer, idle waiting):
 * `1 - serial / (wall * workers)`, clamped to [0, 1]; 0 when there is no wall time.
 */
export function overheadShare(wallMs: number, serialMs: number, workers: number): number {
  const capacity = wallMs * workers;
  if (!(capacity > 0) || !Number.isFinite(serialMs)) return 0;
  return Math.min(1, Math.max(0, 1 - serialMs / capacity));
}
