import { describe, expect, it } from 'vitest';
import { MAX_OUTPUT_LINES, RunModel } from './run-model';
import { KEPT_PER_RUN } from '../protocol/messages';
import type { DriverEvent } from '../protocol/messages';
import { TaskRowPacker } from '../protocol/task-rows';

const line = (text: string): DriverEvent => ({
  type: 'output',
  line: { source: 'driver', level: 'log', text, time: 0 },
});

describe(RunModel.prototype.linesSince, () => {
  it('returns the lines after a cursor and the next cursor', () => {
    const model = new RunModel(0);
    model.apply([line('a'), line('b')]);
    const first = model.linesSince(0);
    expect(first.lines.map((l) => l.text)).toEqual(['a', 'b']);
    expect(first.dropped).toBe(0);
    model.apply([line('c')]);
    const second = model.linesSince(first.next);
    expect(second.lines.map((l) => l.text)).toEqual(['c']);
    expect(model.linesSince(second.next).lines).toEqual([]);
  });

  it('counts the lines trimmed before they were read', () => {
    const model = new RunModel(0);
    model.apply(Array.from({ length: MAX_OUTPUT_LINES + 10 }, (_, i) => line(String(i))));
    const read = model.linesSince(3);
    expect(read.dropped).toBe(7);
    expect(read.lines[0]?.text).toBe('10');
    expect(read.next).toBe(MAX_OUTPUT_LINES + 10);
  });
});

describe(RunModel.prototype.progress, () => {
  it('counts tasks sent and done, and each call by its tasks', () => {
    const model = new RunModel(100);
    model.apply([
      {
        type: 'call-start',
        callId: 1,
        kind: 'map',
        label: 'map(f)',
        total: 2,
        items: 4,
        targets: [0, 1],
        time: 100,
      },
      {
        type: 'task-dispatch',
        taskId: 1,
        callId: 1,
        worker: 0,
        submitted: 101,
        items: 2,
        first: 0,
        bytesIn: 8,
      },
      {
        type: 'task-dispatch',
        taskId: 2,
        callId: 1,
        worker: 1,
        submitted: 101,
        items: 2,
        first: 2,
        bytesIn: 8,
      },
      {
        type: 'task-end',
        record: {
          taskId: 1,
          callId: 1,
          worker: 0,
          submitted: 101,
          started: 102,
          completed: 110,
          received: 111,
          items: 2,
          first: 0,
          bytesIn: 8,
          bytesOut: 8,
          ok: true,
          stdout: [],
        },
      },
    ]);
    expect(model.progress(150)).toEqual({
      elapsed: 50,
      tasksDone: 1,
      tasksSent: 2,
      calls: [{ callId: 1, label: 'map(f)', done: 1, total: 2, finished: false }],
    });
  });
});

describe('packed task events', () => {
  it('fold into the model as the events they pack do', () => {
    const start: DriverEvent = {
      type: 'call-start',
      callId: 1,
      kind: 'map',
      label: 'map(f)',
      total: 3,
      items: 3,
      targets: [0, 1],
      time: 100,
    };
    const common = { callId: 1, submitted: 101, items: 1, bytesIn: 8 };
    const tasks: DriverEvent[] = [0, 1, 2].flatMap((i) => [
      { type: 'task-dispatch', taskId: i + 1, worker: i % 2, first: i, ...common },
    ]);
    const record = { started: 102, completed: 110, received: 111, bytesOut: 8, ok: true };
    tasks.push({
      type: 'task-end',
      record: { taskId: 1, worker: 0, first: 0, ...common, ...record, stdout: [] },
    });
    const packer = new TaskRowPacker();
    for (const e of tasks) {
      if (e.type === 'task-dispatch') packer.dispatch(e);
      else if (e.type === 'task-end') packer.end(e);
    }
    const plain = new RunModel(100);
    plain.apply([start, ...tasks]);
    const packed = new RunModel(100);
    packed.apply([start, packer.take()!]);
    expect(packed.tasks).toEqual(plain.tasks);
    expect([...packed.running.values()]).toEqual([...plain.running.values()]);
    expect(packed.progress(150)).toEqual(plain.progress(150));
    expect(packed.workerStats(150)).toEqual(plain.workerStats(150));
  });
});

describe(RunModel.prototype.apply, () => {
  const chart = (i: number): DriverEvent => ({
    type: 'plot',
    source: 'driver',
    time: i,
    spec: { kind: 'line', series: [{ name: 'y', x: [0, 1], y: [i, i] }], total: 2 },
  });

  it('keeps the first charts of the budget and counts the rest with what the driver did not send', () => {
    const model = new RunModel(0);
    model.apply(Array.from({ length: KEPT_PER_RUN.charts + 7 }, (_, i) => chart(i)));
    expect(model.plots).toHaveLength(KEPT_PER_RUN.charts);
    expect(model.chartsNotKept).toBe(7);
    model.apply([{ type: 'not-kept', charts: 900, tables: 3 }]);
    expect(model.chartsNotKept).toBe(907);
    expect(model.tablesNotKept).toBe(3);
  });
});
