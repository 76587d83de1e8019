import { describe, it, expect } from 'vitest';
import type { DriverEvent, TaskRecord } from '../protocol/messages';
import { RunModel } from './run-model';
import { toTraceEvents } from './trace-export';

const T0 = 1_700_000_000_000.25;

function task(taskId: number, worker: number, start: number, compute: number): TaskRecord {
  return {
    taskId,
    callId: 1,
    worker,
    submitted: T0 + start - 0.5,
    started: T0 + start,
    completed: T0 + start + compute,
    received: T0 + start + compute + 0.1,
    items: 10,
    first: taskId * 10,
    bytesIn: 80,
    bytesOut: 16,
    ok: true,
    stdout: taskId === 0 ? [{ source: worker, level: 'log', text: 'hi', time: T0 + start }] : [],
  };
}

function buildModel(): RunModel {
  const model = new RunModel(T0 - 5);
  const tasks = [task(0, 0, 1, 4), task(1, 1, 1, 3), task(2, 0, 6, 2)];
  const events: DriverEvent[] = [
    { type: 'cluster', workers: 2, time: T0 },
    {
      type: 'call-start',
      callId: 1,
      kind: 'map',
      label: 'map(square)',
      total: 3,
      items: 30,
      targets: [0, 1],
      time: T0 + 0.2,
    },
    ...tasks.map((record): DriverEvent => ({ type: 'task-end', record })),
    {
      type: 'call-end',
      callId: 1,
      time: T0 + 9,
      timing: { wall: 8.8, serial: 9, speedup: 1.02, efficiency: 0.51, workers: 2, tasks: 3 },
    },
  ];
  model.apply(events);
  model.finish({ ok: true, started: T0, ended: T0 + 10, workers: 2 });
  return model;
}

describe(toTraceEvents, () => {
  it('emits one complete event per task and per call, and names every thread', () => {
    const { traceEvents, displayTimeUnit } = toTraceEvents(buildModel());
    expect(displayTimeUnit).toBe('ms');
    const complete = traceEvents.filter((e) => e.ph === 'X');
    expect(complete.filter((e) => e.cat === 'call')).toHaveLength(1);
    expect(complete.filter((e) => e.cat === 'task')).toHaveLength(3);
    const names = traceEvents
      .filter((e) => e.ph === 'M' && e.name === 'thread_name')
      .map((e) => [e.tid, e.args?.['name']]);
    expect(names).toEqual([
      [0, 'driver'],
      [1, 'worker 0'],
      [2, 'worker 1'],
    ]);
  });

  it('puts the driver call on tid 0 and each task on its worker + 1', () => {
    const { traceEvents } = toTraceEvents(buildModel());
    const call = traceEvents.find((e) => e.cat === 'call');
    expect(call).toMatchObject({ tid: 0, name: 'map(square)', pid: 1 });
    // Stamps near 1.7e12 ms carry about 0.25 us of float resolution.
    expect(call?.ts).toBeCloseTo(200, 0);
    expect(call?.dur).toBeCloseTo(8800, 0);
    const tasks = traceEvents.filter((e) => e.cat === 'task');
    expect(tasks.map((e) => e.tid)).toEqual([1, 2, 1]);
    expect(tasks[0]?.ts).toBeCloseTo(1000, 0);
    expect(tasks[0]?.dur).toBeCloseTo(4000, 0);
    expect(tasks[0]?.args).toMatchObject({
      callId: 1,
      items: 10,
      first: 0,
      queueMs: 0.5,
      bytesIn: 80,
      bytesOut: 16,
      stdout: 'hi',
    });
  });

  it('gives only non-negative finite times, even for a call left open by a stopped run', () => {
    const model = buildModel();
    model.apply([
      {
        type: 'call-start',
        callId: 2,
        kind: 'apply',
        label: 'apply(f)',
        total: 2,
        items: 2,
        targets: [0, 1],
        time: T0 - 3,
      },
    ]);
    for (const e of toTraceEvents(model).traceEvents) {
      expect(Number.isFinite(e.ts) && e.ts >= 0).toBe(true);
      if (e.ph === 'X') expect(Number.isFinite(e.dur) && (e.dur ?? -1) >= 0).toBe(true);
    }
  });

  it('survives a JSON round trip unchanged', () => {
    const trace = toTraceEvents(buildModel());
    expect(JSON.parse(JSON.stringify(trace))).toEqual(trace);
  });
});
