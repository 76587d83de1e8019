import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TaskDispatchEvent } from '../protocol/messages';
import {
  busyWorkers,
  DrawLoop,
  HELD_POLL_MS,
  holdDrawing,
  SATURATED_INTERVAL_MS,
} from './draw-pace';

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

describe(DrawLoop, () => {
  const FRAME_MS = 16;
  beforeEach(() => {
    vi.useFakeTimers();
    // Animation frames as timers (the tests run without a page).
    vi.stubGlobal('requestAnimationFrame', (f: () => void) => setTimeout(f, FRAME_MS));
    vi.stubGlobal('cancelAnimationFrame', (id: ReturnType<typeof setTimeout>) => clearTimeout(id));
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('draws every frame, a few times a second while held, and stops when the run ends', () => {
    let held = false;
    let busy = true;
    let draws = 0;
    const loop = new DrawLoop(
      () => {
        draws++;
        return held;
      },
      () => busy,
    );
    loop.start();
    loop.start(); // already running: still one loop
    vi.advanceTimersByTime(10 * FRAME_MS);
    expect(draws).toBe(10);
    held = true;
    draws = 0;
    vi.advanceTimersByTime(1000);
    // One frame's look, then one look per poll.
    expect(draws).toBeLessThanOrEqual(1000 / HELD_POLL_MS + 1);
    expect(draws).toBeGreaterThanOrEqual(1000 / HELD_POLL_MS - 1);
    busy = false;
    loop.draw(); // the run's last drawing
    draws = 0;
    vi.advanceTimersByTime(1000);
    expect(draws).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });
});
