import { describe, expect, it } from 'vitest';
import type { TaskDispatchEvent } from '../protocol/messages';
import { busyWorkers, holdDrawing, SATURATED_INTERVAL_MS } from './draw-pace';

/** A model with tasks sent to `workers` (one id per task). */
function running(workers: number[]) {
  const map = new Map<number, TaskDispatchEvent>();
  workers.forEach((worker, taskId) =>
    map.set(taskId, {
      type: 'task-dispatch',
      taskId,
      callId: 1,
      worker,
      submitted: 0,
      items: 1,
      first: taskId,
      bytesIn: 8,
    }),
  );
  return { running: map };
}

describe(holdDrawing, () => {
  it('counts each worker with tasks once', () => {
    expect(busyWorkers(running([]))).toBe(0);
    expect(busyWorkers(running([0, 0, 1]))).toBe(2);
  });

  it('holds drawing only while every hardware thread has a task, for the interval', () => {
    const full = running([0, 1, 1]);
    expect(holdDrawing(full, 2, 0)).toBe(true);
    expect(holdDrawing(full, 2, SATURATED_INTERVAL_MS - 1)).toBe(true);
    expect(holdDrawing(full, 2, SATURATED_INTERVAL_MS)).toBe(false);
    // A free thread: draw at the usual rates.
    expect(holdDrawing(running([1, 1]), 2, 0)).toBe(false);
    expect(holdDrawing(full, 4, 0)).toBe(false);
    // More workers than threads: they all compete anyway.
    expect(holdDrawing(running([0, 1, 2]), 2, 0)).toBe(true);
  });
});
