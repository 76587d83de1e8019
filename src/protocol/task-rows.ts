/**
 * Task dispatches and task ends travel packed: a run of 20,000 one-item tasks makes 40,000
 * of them, and as objects each was serialized by the driver, deserialized, validated and
 * serialized again by the run sandbox, then deserialized and validated by the page, on the
 * same cores the tasks run on. Packed, consecutive ones are one {@link TaskRowsEvent}: a
 * Float64Array of {@link TASK_ROW} numbers per event, in the order they happened (copied
 * in one piece between threads), plus the output lines of the few tasks that printed.
 * {@link unpackTaskRows} gives back the events themselves.
 */
import type { OutputLine, TaskDispatchEvent, TaskEndEvent, TaskRowsEvent } from './messages';

/** Numbers per row. */
export const TASK_ROW = 12;

/** Where each field sits in a row (end-only fields are 0 in a dispatch's row). */
export const COL = {
  kind: 0,
  taskId: 1,
  callId: 2,
  worker: 3,
  submitted: 4,
  items: 5,
  first: 6,
  bytesIn: 7,
  started: 8,
  completed: 9,
  received: 10,
  bytesOut: 11,
} as const;

/** What a row says happened. */
export const ROW_KIND = {
  dispatch: 0,
  /** Dispatched here after it was recalled from another engine's queue. */
  moved: 1,
  done: 2,
  failed: 3,
} as const;

/** Collects task events into rows; {@link take} hands them out as one event. */
export class TaskRowPacker {
  private rows: number[] = [];
  private stdout: [number, OutputLine[]][] = [];

  /** Rows packed since the last {@link take}. */
  get length(): number {
    return this.rows.length / TASK_ROW;
  }

  /** Adds a dispatch. */
  dispatch(e: Omit<TaskDispatchEvent, 'type'>): void {
    const kind = e.moved ? ROW_KIND.moved : ROW_KIND.dispatch;
    this.rows.push(kind, e.taskId, e.callId, e.worker, e.submitted, e.items, e.first, e.bytesIn);
    this.rows.push(0, 0, 0, 0);
  }

  /** Adds an end. */
  end(e: TaskEndEvent): void {
    const r = e.record;
    if (r.stdout.length > 0) this.stdout.push([this.length, r.stdout]);
    const kind = r.ok ? ROW_KIND.done : ROW_KIND.failed;
    this.rows.push(kind, r.taskId, r.callId, r.worker, r.submitted, r.items, r.first, r.bytesIn);
    this.rows.push(r.started, r.completed, r.received, r.bytesOut);
  }

  /** The rows packed so far as one event (undefined when there are none), and a fresh start. */
  take(): TaskRowsEvent | undefined {
    if (this.rows.length === 0) return undefined;
    const event: TaskRowsEvent = {
      type: 'task-rows',
      rows: Float64Array.from(this.rows),
      stdout: this.stdout,
    };
    this.rows = [];
    this.stdout = [];
    return event;
  }
}

/** Calls `f` with each row's kind, task and worker (what the hosts count), in order. */
export function forEachTaskRow(
  e: TaskRowsEvent,
  f: (kind: number, taskId: number, worker: number) => void,
): void {
  const r = e.rows;
  for (let at = 0; at + TASK_ROW <= r.length; at += TASK_ROW) {
    f(r[at + COL.kind]!, r[at + COL.taskId]!, r[at + COL.worker]!);
  }
}

/** True for a row that ends a task. */
export function endsTask(kind: number): boolean {
  return kind === ROW_KIND.done || kind === ROW_KIND.failed;
}

/** The events a {@link TaskRowsEvent} packs, in order. */
export function unpackTaskRows(e: TaskRowsEvent): (TaskDispatchEvent | TaskEndEvent)[] {
  const out: (TaskDispatchEvent | TaskEndEvent)[] = [];
  const r = e.rows;
  let next = 0;
  for (let row = 0; row * TASK_ROW < r.length; row++) {
    const at = row * TASK_ROW;
    const kind = r[at + COL.kind]!;
    const common = {
      taskId: r[at + COL.taskId]!,
      callId: r[at + COL.callId]!,
      worker: r[at + COL.worker]!,
      submitted: r[at + COL.submitted]!,
      items: r[at + COL.items]!,
      first: r[at + COL.first]!,
      bytesIn: r[at + COL.bytesIn]!,
    };
    if (!endsTask(kind)) {
      out.push({
        type: 'task-dispatch',
        ...common,
        ...(kind === ROW_KIND.moved ? { moved: true } : {}),
      });
      continue;
    }
    const printed = e.stdout[next];
    let stdout: OutputLine[] = [];
    if (printed && printed[0] === row) {
      stdout = printed[1];
      next++;
    }
    out.push({
      type: 'task-end',
      record: {
        ...common,
        started: r[at + COL.started]!,
        completed: r[at + COL.completed]!,
        received: r[at + COL.received]!,
        bytesOut: r[at + COL.bytesOut]!,
        ok: kind === ROW_KIND.done,
        stdout,
      },
    });
  }
  return out;
}
