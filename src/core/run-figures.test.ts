import { describe, expect, it } from 'vitest';
import type { TaskRecord } from '../protocol/messages';
import { cappedOverlap, runFigures, unionLength } from './run-figures';
import { RunModel } from './run-model';

function record(worker: number, started: number, completed: number, taskId: number): TaskRecord {
  return {
    taskId,
    callId: 1,
    worker,
    submitted: started,
    started,
    completed,
    received: completed,
    items: 1,
    first: taskId,
    bytesIn: 0,
    bytesOut: 0,
    ok: true,
    stdout: [],
  };
}

/**
 * A script that computes alone for `serial` ms, then runs one call from `serial` to
 * `serial + callMs` whose tasks are `tasks`, and ends there.
 */
function run(workers: number, serial: number, callMs: number, tasks: TaskRecord[]): RunModel {
  const model = new RunModel(0);
  const end = serial + callMs;
  model.apply([
    { type: 'cluster', workers, time: 0 },
    { type: 'script-busy', start: 0, end: serial },
    {
      type: 'call-start',
      callId: 1,
      kind: 'map',
      label: 'map(f)',
      total: tasks.length,
      items: tasks.length,
      targets: [...Array(workers).keys()],
      time: serial,
    },
    ...tasks.map((record) => ({ type: 'task-end' as const, record })),
    {
      type: 'call-end',
      callId: 1,
      time: end,
      timing: { wall: callMs, serial: 0, speedup: 0, efficiency: 0, workers, tasks: 0 },
    },
  ]);
  model.finish({ ok: true, started: 0, ended: end, workers });
  return model;
}

describe(unionLength, () => {
  it('counts overlapping spans once', () => {
    expect(
      unionLength([
        [0, 10],
        [5, 20],
        [30, 40],
        [35, 36],
      ]),
    ).toBe(30);
    expect(unionLength([])).toBe(0);
  });
});

describe(cappedOverlap, () => {
  it('counts at most `threads` intervals at a time', () => {
    // Eight tasks of 100 ms at once on two threads: 200 ms of processor time.
    const eight = Array.from({ length: 8 }, () => [0, 100] as const);
    expect(cappedOverlap(eight, 2)).toBe(200);
    expect(cappedOverlap(eight, 16)).toBe(800);
    expect(
      cappedOverlap(
        [
          [0, 10],
          [5, 15],
        ],
        1,
      ),
    ).toBe(15);
  });
});

describe(runFigures, () => {
  it('splits the starter into its serial and parallel parts and estimates its speedup', () => {
    // 100 ms of serial loop, then 2 workers compute 60 ms each inside a 70 ms call.
    const model = run(2, 100, 70, [record(0, 105, 165, 1), record(1, 106, 166, 2)]);
    const f = runFigures(model, 2, 1000);
    expect(f.wall).toBe(170);
    expect(f.serial).toBe(100);
    expect(f.parallel).toBe(70);
    expect(f.scriptBusy).toBe(100);
    expect(f.compute).toBe(120);
    expect(f.speedupKind).toBe('estimated');
    // One worker: 100 ms serial + 120 ms of compute = 220 ms against 170 ms.
    expect(f.speedup).toBeCloseTo(220 / 170);
    expect(f.efficiency).toBeCloseTo(220 / 170 / 2);
    expect(f.overhead).toBeCloseTo(1 - 120 / 140);
    expect(f.contention).toBeUndefined();
  });

  it('does not count oversubscribed compute as speedup: 8 workers on 2 threads', () => {
    // Eight tasks each computing 400 ms at once: each got a quarter of a thread.
    const tasks = Array.from({ length: 8 }, (_, i) => record(i, 0, 400, i));
    const model = run(8, 0, 400, tasks);
    const f = runFigures(model, 2, 1000);
    expect(f.oversubscribed).toBe(true);
    expect(f.compute).toBe(3200);
    expect(f.cappedCompute).toBe(800);
    // Sum of compute over wall would say 8x; two threads can give at most 2x.
    expect(f.speedup).toBeCloseTo(2);
    expect(f.contentionKind).toBe('estimated');
    expect(f.contention).toBeCloseTo(4);
  });

  it('measures speedup and contention against a 1-worker run of the same script', () => {
    const tasks = Array.from({ length: 8 }, (_, i) => record(i, 0, 500, i));
    const model = run(8, 0, 500, tasks);
    const f = runFigures(model, 2, 1000, { wall: 800, compute: 1000 });
    expect(f.speedupKind).toBe('measured');
    expect(f.speedup).toBeCloseTo(1.6);
    expect(f.efficiency).toBeCloseTo(0.2);
    expect(f.contentionKind).toBe('measured');
    expect(f.contention).toBeCloseTo(4);
  });

  it('calls a 1-worker run 1x and measures nothing before the run has finished', () => {
    const single = run(1, 0, 100, [record(0, 0, 100, 1)]);
    expect(runFigures(single, 2, 1000)).toMatchObject({ speedup: 1, speedupKind: 'single' });
    const live = new RunModel(0);
    live.apply([{ type: 'cluster', workers: 2, time: 0 }]);
    const f = runFigures(live, 2, 50, { wall: 100, compute: 90 });
    expect(f.speedupKind).toBe('estimated');
    expect(f.wall).toBe(50);
  });
});
