/**
 * A run as Chrome trace-event JSON, which Perfetto and chrome://tracing open.
 * Format: https://docs.google.com/document/d/1CvAClvFfyA5R-PhYUmn5OOQtYMH4h6I0nSsKchNAySU
 */
import type { RunModel } from './run-model';

/** One event of the trace-event format (complete 'X' events and metadata 'M' events). */
export interface TraceEvent {
  name: string;
  ph: 'X' | 'M';
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  cat?: string;
  args?: Record<string, unknown>;
}

/** Trace-event process id of the run (one process: the page). */
const PID = 1;

/**
 * Microseconds rounded to 0.01 us (stamps near 1.7e12 ms carry about 0.25 us of float
 * resolution, so finer digits are noise), never negative or non-finite (JSON has no NaN).
 */
function micros(ms: number): number {
  if (!Number.isFinite(ms) || ms <= 0) return 0;
  return Math.round(ms * 1e5) / 100;
}

/** Milliseconds rounded to microseconds, finite, for the args shown in the trace viewer. */
function roundMs(ms: number): number {
  return Number.isFinite(ms) ? Math.round(ms * 1e3) / 1e3 : 0;
}

/**
 * Converts a run into trace events: the driver's calls on thread 0 (named by the call's
 * label), each task on thread `worker + 1` from start to completion, times in microseconds
 * since the script started. Queue wait and return time travel in the task's args, because
 * separate queue events would overlap the previous task and break the viewer's nesting.
 */
export function toTraceEvents(model: RunModel): {
  traceEvents: TraceEvent[];
  displayTimeUnit: 'ms';
} {
  const labels = new Map<number, string>();
  for (const c of model.calls.values()) labels.set(c.start.callId, c.start.label);
  const traceEvents = [...threadNames(model), ...callEvents(model), ...taskEvents(model, labels)];
  return { traceEvents, displayTimeUnit: 'ms' };
}

/** Metadata events naming the process and one thread per lane (driver, then each worker). */
function threadNames(model: RunModel): TraceEvent[] {
  let workers = model.workers;
  for (const t of model.tasks) workers = Math.max(workers, t.worker + 1);
  const meta = (tid: number, name: string, args: Record<string, unknown>): TraceEvent => ({
    name,
    ph: 'M',
    pid: PID,
    tid,
    ts: 0,
    args,
  });
  const events = [
    meta(0, 'process_name', { name: 'Fanout run' }),
    meta(0, 'thread_name', { name: 'driver' }),
    meta(0, 'thread_sort_index', { sort_index: 0 }),
  ];
  for (let w = 0; w < workers; w++) {
    events.push(meta(w + 1, 'thread_name', { name: `worker ${w}` }));
    events.push(meta(w + 1, 'thread_sort_index', { sort_index: w + 1 }));
  }
  return events;
}

/** One complete event per parallel call on the driver's thread, up to its end (or the run's). */
function callEvents(model: RunModel): TraceEvent[] {
  const t0 = model.scriptStart;
  const runEnd = model.outcome?.ended;
  return [...model.calls.values()].map(({ start, end, completed }) => ({
    name: start.label,
    cat: 'call',
    ph: 'X',
    pid: PID,
    tid: 0,
    ts: micros(start.time - t0),
    dur: micros((end?.time ?? runEnd ?? start.time) - start.time),
    args: {
      callId: start.callId,
      kind: start.kind,
      tasks: completed,
      items: start.items,
      ...(end ? { wallMs: roundMs(end.timing.wall), speedup: roundMs(end.timing.speedup) } : {}),
      ...(end?.error ? { error: end.error.message } : {}),
    },
  }));
}

/** One complete event per task on its worker's thread, named by its call's label. */
function taskEvents(model: RunModel, labels: Map<number, string>): TraceEvent[] {
  const t0 = model.scriptStart;
  return model.tasks.map((t) => ({
    name: labels.get(t.callId) ?? `task ${t.taskId}`,
    cat: t.ok ? 'task' : 'task,failed',
    ph: 'X',
    pid: PID,
    tid: t.worker + 1,
    ts: micros(t.started - t0),
    dur: micros(t.completed - t.started),
    args: {
      taskId: t.taskId,
      callId: t.callId,
      items: t.items,
      first: t.first,
      queueMs: roundMs(t.started - t.submitted),
      returnMs: roundMs(t.received - t.completed),
      bytesIn: t.bytesIn,
      bytesOut: t.bytesOut,
      ok: t.ok,
      ...(t.stdout.length > 0 ? { stdout: t.stdout.map((l) => l.text).join('\n') } : {}),
    },
  }));
}
