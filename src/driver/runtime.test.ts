/**
 * The driver's scheduler over real MessagePorts, with small in-process engines standing in
 * for the engine workers (same wire format; each has its own namespace object).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CancelledError, CompositeError, UsageError } from '../core/errors';
import { Runtime } from './runtime';
import { closePorts, eventsOf, setUp } from './test-engines';

afterEach(closePorts);

describe(Runtime, () => {
  it('scatters as ipyparallel does, keeps typed arrays typed, and gathers in order', async () => {
    const { c } = await setUp(4);
    const v = c.view();
    await v.scatter(
      'x',
      Int32Array.from({ length: 10 }, (_, i) => i),
    );
    expect(await v.apply(() => (x as Int32Array).length)).toEqual([3, 3, 2, 2]);
    const back = await v.gather('x');
    expect(back).toBeInstanceOf(Int32Array);
    expect(Array.from(back as Int32Array)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('maps with more workers than items, and over empty sequences', async () => {
    const { c } = await setUp(4);
    expect(await c.view().map((x: number) => x * 2, [1, 2])).toEqual([2, 4]);
    expect(await c.view().map((x: number) => x, [])).toEqual([]);
    expect(await c.balanced().map((x: number) => x, [])).toEqual([]);
  });

  it('balances over any subset of engines, after calls over all of them', async () => {
    const { c } = await setUp(3);
    await c.balanced().map((x: number) => x, [1, 2, 3, 4, 5, 6]);
    const ar = c.balanced([2]).map((x: number) => x + workerId * 100, [1, 2, 3], { chunkSize: 1 });
    expect(await ar).toEqual([201, 202, 203]);
    expect(new Set(ar.metadata.map((m) => m.worker))).toEqual(new Set([2]));
    expect(await c.balanced([1]).submit((a: number) => a + workerId, 10)).toBe(11);
  });

  it('refuses bad target lists before sending anything', async () => {
    const { c } = await setUp(2);
    expect(() => c.view([0, 0])).toThrow(UsageError);
    expect(() => c.balanced([])).toThrow(/non-empty list/);
    expect(() => c.balanced([5])).toThrow(/no engine 5/);
  });

  it('fails a call whose data cannot be copied instead of waiting forever', async () => {
    const { c, rt } = await setUp(2);
    // Past the pre-check's node budget, so postMessage itself refuses it.
    const items: unknown[] = Array.from({ length: 30_000 }, (_, i) => i);
    items[25_000] = () => 1;
    await expect(c.view().map((x: unknown) => x, items)).rejects.toThrow(
      /cannot be sent to worker/,
    );
    await rt.whenIdle();
    // The engines still work afterwards.
    expect(await c.view().apply(() => workerId)).toEqual([0, 1]);
  });

  it('refuses a function item up front, naming where it is', async () => {
    const { c } = await setUp(2);
    expect(() => c.view().map((x: unknown) => x, [1, () => 2])).toThrow(/\[1\].*function/);
  });

  it('groups identical failures from several workers into one CompositeError', async () => {
    const { c } = await setUp(2);
    const err = await c
      .view()
      .map(
        (x: number) => {
          if (x > 0) throw new RangeError('too big');
          return x;
        },
        [1, 2, 3, 4],
      )
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(err).toBeInstanceOf(CompositeError);
    expect((err as CompositeError).groups).toHaveLength(1);
    expect((err as CompositeError).groups[0]!.workers).toEqual([0, 1]);
  });

  it('aborting a balanced map cancels the rest, and the run can still finish', async () => {
    const { c, rt } = await setUp(2);
    // Items of about a millisecond: tiny ones could all be queued (and done) before the abort.
    const ar = c.balanced().map(
      (x: number) => {
        const end = performance.now() + 1;
        while (performance.now() < end);
        return x;
      },
      Array.from({ length: 200 }, (_, i) => i),
      { chunkSize: 1 },
    );
    for await (const item of ar) {
      if (item >= 0 && ar.progress >= 4) break;
    }
    ar.abort();
    await expect(ar.get()).rejects.toThrow(CancelledError);
    await rt.whenIdle();
    expect(ar.progress).toBeLessThan(200);
    expect(rt.unobservedFailures()).toEqual([]);
  });

  it('refuses a function that uses a variable the workers do not have', async () => {
    const { c } = await setUp(2);
    const scale = 3;
    expect(() => c.view().map((x: number) => x * scale, [1])).toThrow(/`scale` is not defined/);
    await c.view().push({ scale });
    expect(await c.view().map((x: number) => x * scale, [1, 2])).toEqual([3, 6]);
  });

  it('pool.map uses Python Pool.map chunks of ceil(n / (4 * workers))', async () => {
    const { pool } = await setUp(2);
    const ar = pool.map(
      (x: number) => x + 1,
      Array.from({ length: 80 }, (_, i) => i),
    );
    expect((await ar).length).toBe(80);
    expect(ar.metadata.every((m) => m.items === 10)).toBe(true);
  });

  it('sends a run of many tasks in a few batches, not one message per task', async () => {
    const { c, buffer, batches } = await setUp(2);
    await c.balanced().map(
      (x: number) => x,
      Array.from({ length: 2000 }, (_, i) => i),
      {
        chunkSize: 1,
      },
    );
    buffer.flush();
    await new Promise((r) => setTimeout(r, 10));
    const events = eventsOf(batches);
    expect(events.filter((e) => e.type === 'task-end')).toHaveLength(2000);
    // Dispatches and ends travel packed: a few events, not 4,000.
    expect(batches.flatMap((b) => b.events).length).toBeLessThan(100);
    expect(batches.length).toBeLessThan(200);
  });
});

declare const x: unknown;
declare const workerId: number;
