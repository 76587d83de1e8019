import { describe, expect, it } from 'vitest';
import type { TaskDispatchEvent, TaskEndEvent, TaskRowsEvent } from './messages';
import { COL, forEachTaskRow, TASK_ROW, TaskRowPacker, unpackTaskRows } from './task-rows';
import { validateBatch, validateDriverEvent } from './validate';

const dispatch = (taskId: number, worker: number, moved = false): TaskDispatchEvent => ({
  type: 'task-dispatch',
  taskId,
  callId: 1,
  worker,
  submitted: 1000.25 + taskId,
  items: 2,
  first: 2 * taskId,
  bytesIn: 16,
  ...(moved ? { moved: true } : {}),
});

const end = (taskId: number, worker: number, ok = true, text?: string): TaskEndEvent => ({
  type: 'task-end',
  record: {
    taskId,
    callId: 1,
    worker,
    submitted: 1000.25 + taskId,
    started: 1001.5 + taskId,
    completed: 1002.75 + taskId,
    received: 1003 + taskId,
    items: 2,
    first: 2 * taskId,
    bytesIn: 16,
    bytesOut: ok ? 16 : 0,
    ok,
    stdout: text ? [{ source: worker, level: 'log', text, time: 1002 }] : [],
  },
});

/** A run of events as the driver sends them: dispatches, a recall, ends, output. */
const run = [
  dispatch(1, 0),
  dispatch(2, 1),
  dispatch(3, 0),
  end(1, 0, true, 'one'),
  dispatch(3, 1, true),
  end(2, 1, false),
  end(3, 1, true, 'three'),
];

function pack(events: (TaskDispatchEvent | TaskEndEvent)[]): TaskRowsEvent {
  const packer = new TaskRowPacker();
  for (const e of events) {
    if (e.type === 'task-dispatch') packer.dispatch(e);
    else packer.end(e);
  }
  return packer.take()!;
}

describe(TaskRowPacker, () => {
  it('packs task events into rows and unpacks them unchanged, in order', () => {
    const packed = pack(run);
    expect(packed.rows).toBeInstanceOf(Float64Array);
    expect(packed.rows.length).toBe(run.length * TASK_ROW);
    expect(packed.stdout.map(([row]) => row)).toEqual([3, 6]);
    expect(unpackTaskRows(packed)).toEqual(run);
  });

  it('starts afresh after take, and has nothing to give when empty', () => {
    const packer = new TaskRowPacker();
    expect(packer.take()).toBeUndefined();
    packer.dispatch(dispatch(1, 0));
    expect(packer.length).toBe(1);
    packer.take();
    expect(packer.length).toBe(0);
    packer.end(end(1, 0, true, 'x'));
    expect(packer.take()!.stdout).toEqual([[0, end(1, 0, true, 'x').record.stdout]]);
  });

  it('lists each row’s kind, task and worker for the hosts', () => {
    const seen: number[][] = [];
    forEachTaskRow(pack(run), (kind, taskId, worker) => seen.push([kind, taskId, worker]));
    expect(seen.map(([, t, w]) => [t, w])).toEqual(
      run.map((e) => [
        e.type === 'task-end' ? e.record.taskId : e.taskId,
        e.type === 'task-end' ? e.record.worker : e.worker,
      ]),
    );
  });
});

describe('validating packed task events', () => {
  it('accepts what the driver packs, after a structured clone', () => {
    // What a postMessage does to it (this folder's types have no DOM, so no structuredClone).
    const clone = (globalThis as unknown as { structuredClone: <T>(v: T) => T }).structuredClone;
    const packed = clone(pack(run));
    const checked = validateDriverEvent(packed);
    expect(checked && unpackTaskRows(checked as TaskRowsEvent)).toEqual(run);
    const batch = validateBatch({ type: 'events', seq: 1, events: [packed] });
    expect(batch.dropped).toBe(0);
  });

  it('refuses rows whose numbers do not fit their fields', () => {
    const bad = (col: number, value: number) => {
      const e = pack(run);
      e.rows[TASK_ROW + col] = value;
      return validateDriverEvent(e);
    };
    expect(bad(COL.kind, 7)).toBeUndefined();
    expect(bad(COL.taskId, -1)).toBeUndefined();
    expect(bad(COL.callId, 1.5)).toBeUndefined();
    expect(bad(COL.worker, 64)).toBeUndefined();
    expect(bad(COL.submitted, NaN)).toBeUndefined();
    expect(bad(COL.items, Infinity)).toBeUndefined();
    expect(bad(COL.taskId, 2)).toBeDefined();
  });

  it('refuses rows that are not a whole number of Float64 rows', () => {
    const e = pack(run);
    expect(validateDriverEvent({ ...e, rows: e.rows.subarray(1) })).toBeUndefined();
    expect(validateDriverEvent({ ...e, rows: Array.from(e.rows) })).toBeUndefined();
    expect(validateDriverEvent({ ...e, rows: new Float32Array(TASK_ROW) })).toBeUndefined();
  });

  it('refuses output attached to a dispatch, out of order, or malformed', () => {
    const e = pack(run);
    const lines = e.stdout[0]![1];
    expect(validateDriverEvent({ ...e, stdout: [[0, lines]] })).toBeUndefined();
    expect(validateDriverEvent({ ...e, stdout: [...e.stdout].reverse() })).toBeUndefined();
    expect(validateDriverEvent({ ...e, stdout: [[3, [{ text: 1 }]]] })).toBeUndefined();
    expect(validateDriverEvent({ ...e, stdout: [[99, lines]] })).toBeUndefined();
    expect(validateDriverEvent({ ...e, stdout: [[3, []]] })).toBeUndefined();
    expect(validateDriverEvent({ ...e, stdout: [] })).toBeDefined();
  });
});
