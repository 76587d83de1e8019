import { describe, expect, it } from 'vitest';
import type { TaskRecord } from '../protocol/messages';
import { overheadHint } from './overhead-hint';
import { RunModel } from './run-model';

function modelWith(tasks: number, compute: number, overhead: number, finished = true): RunModel {
  const model = new RunModel(0);
  model.apply([
    {
      type: 'call-start',
      callId: 1,
      kind: 'map',
      label: 'map(f)',
      total: tasks,
      items: tasks,
      targets: [0, 1],
      time: 0,
    },
  ]);
  // Two workers run their tasks back to back, `overhead` apart: it is all the idle time.
  const records: TaskRecord[] = Array.from({ length: tasks }, (_, i) => {
    const started = Math.floor(i / 2) * (compute + overhead) + overhead / 2;
    const submitted = started - overhead / 2;
    const completed = started + compute;
    return {
      taskId: i,
      callId: 1,
      worker: i % 2,
      submitted,
      started,
      completed,
      received: completed + overhead / 2,
      items: 1,
      first: i,
      bytesIn: 8,
      bytesOut: 8,
      ok: true,
      stdout: [],
    };
  });
  model.apply(records.map((record) => ({ type: 'task-end' as const, record })));
  if (finished) {
    model.apply([
      {
        type: 'call-end',
        callId: 1,
        time: tasks,
        timing: { wall: tasks, serial: 0, speedup: 0, efficiency: 0, workers: 2, tasks },
      },
    ]);
  }
  return model;
}

describe(overheadHint, () => {
  it('advises a larger chunk when overhead exceeds compute', () => {
    const finding = overheadHint(modelWith(100, 0.003, 0.04));
    expect(finding?.label).toBe('map(f)');
    expect(finding?.computeMs).toBeCloseTo(0.003);
    expect(finding?.overheadMs).toBeCloseTo(0.04);
  });

  it('does not count a task waiting behind another on its worker as overhead', () => {
    const model = modelWith(100, 5, 0.04);
    // Sent long before it could start (prefetched), yet the worker never idled.
    for (const t of model.tasks) t.submitted -= 5;
    expect(overheadHint(model)).toBeUndefined();
  });

  it('stays quiet when compute dominates', () => {
    expect(overheadHint(modelWith(100, 5, 0.04))).toBeUndefined();
  });

  it('ignores small calls and calls still running', () => {
    expect(overheadHint(modelWith(10, 0.003, 0.04))).toBeUndefined();
    expect(overheadHint(modelWith(100, 0.003, 0.04, false))).toBeUndefined();
  });
});
