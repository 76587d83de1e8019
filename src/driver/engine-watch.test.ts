/** Per-item timeouts and engines that lose their tasks, over in-process engines. */
import { afterEach, describe, expect, it } from 'vitest';
import { TimeoutError, WorkerCrashedError } from '../core/errors';
import { EngineWatch } from './engine-watch';
import { closePorts, setUp } from './test-engines';

afterEach(closePorts);

/** The error a promise rejects with. */
async function rejection(p: PromiseLike<unknown>): Promise<unknown> {
  return await p.then(
    () => undefined,
    (e: unknown) => e,
  );
}

describe(EngineWatch, () => {
  it('ends only the stuck item with a TimeoutError naming it, and restarts its worker', async () => {
    const { c, respawned } = await setUp(2);
    const view = c.view().timeout(80);
    const e = await rejection(
      view.apply(() => (workerId === 1 ? new Promise(() => undefined) : workerId)),
    );
    expect(e).toBeInstanceOf(TimeoutError);
    expect((e as TimeoutError).message).toMatch(
      /^apply\(.*\): item 1 on worker 1 \(task \d+\) ran longer than its timeoutMs of 80 ms$/,
    );
    expect((e as TimeoutError).worker).toBe(1);
    expect((e as TimeoutError).hint).toMatch(/fresh one/);
    expect(respawned).toEqual([1]);
    // The other worker's result was received; the fresh worker answers the next call.
    expect(await c.view().apply(() => workerId)).toEqual([0, 1]);
  });

  it('names the stuck item of a balanced map and keeps the items received', async () => {
    const { c } = await setUp(2);
    const ar = c
      .balanced()
      .map((x: number) => (x === 5 ? new Promise(() => undefined) : x * 10), [1, 2, 3, 4, 5, 6], {
        chunkSize: 1,
        timeoutMs: 80,
      });
    const e = await rejection(ar);
    expect(e).toBeInstanceOf(TimeoutError);
    expect((e as Error).message).toMatch(/item 4 on worker \d/);
    expect(ar.progress).toBeGreaterThanOrEqual(4);
  });

  it('refuses a timeoutMs that is not a positive number of ms', async () => {
    const { c } = await setUp(1);
    expect(() => c.view().timeout(0)).toThrow(/timeoutMs must be a number/);
    expect(() => c.balanced().map((x: number) => x, [1], { timeoutMs: 2 ** 40 })).toThrow(
      /at most 2147483647/,
    );
    expect(() => c.view().map((x: number) => x, [1], { timeoutMs: -1 })).toThrow(/got -1/);
  });

  it('detects a worker that lost its tasks and ends them with a WorkerCrashedError', async () => {
    const { c, respawned } = await setUp(2);
    await c.view(1).push({ dropTasks: true });
    const ar = c.view().apply(() => workerId);
    const e = await rejection(ar);
    expect(e).toBeInstanceOf(WorkerCrashedError);
    expect((e as WorkerCrashedError).message).toMatch(/worker 1 stopped answering: it lost task/);
    expect((e as WorkerCrashedError).worker).toBe(1);
    expect(ar.metadata.filter((m) => m.ok).map((m) => m.worker)).toEqual([0]);
    expect(respawned).toEqual([1]);
    expect(await c.view().apply(() => workerId)).toEqual([0, 1]);
  });

  it('leaves a busy worker alone: a long async item is not a lost one', async () => {
    const { c, respawned } = await setUp(1);
    const slow = () => new Promise((r) => setTimeout(() => r('done'), 1600));
    expect(await c.view(0).apply(slow)).toBe('done');
    expect(respawned).toEqual([]);
  });
});

declare const workerId: number;
