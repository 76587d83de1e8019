/** Right answers in the records: result slots, first items, taskIndex, worker counts, names. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { UsageError } from '../core/errors';
import type { TaskDispatchEvent } from '../protocol/messages';
import { Runtime } from './runtime';
import { closePorts, eventsOf, setUp } from './test-engines';

afterEach(closePorts);

describe(Runtime, () => {
  it('scatter tasks name their first item, and their parts still land in worker order', async () => {
    const { c, buffer, batches } = await setUp(3);
    const ar = c.view().scatter(
      'part',
      Array.from({ length: 10 }, (_, i) => i),
    );
    await ar;
    expect(
      ar.metadata.map((m) => [m.worker, m.first, m.items]).sort((a, b) => a[0]! - b[0]!),
    ).toEqual([
      [0, 0, 4],
      [1, 4, 3],
      [2, 7, 3],
    ]);
    expect(await c.view().gather('part')).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    buffer.flush();
    const dispatched = () =>
      eventsOf(batches)
        .filter((e): e is TaskDispatchEvent => e.type === 'task-dispatch')
        .slice(0, 3);
    await vi.waitFor(() => expect(dispatched()).toHaveLength(3));
    expect(dispatched().map((e) => e.first)).toEqual([0, 4, 7]);
  });

  it('gives each submit its own taskIndex, numbered in the order of the calls', async () => {
    const { c } = await setUp(2);
    const view = c.balanced();
    const got = await Promise.all([0, 1, 2, 3].map(() => view.submit(() => taskIndex())));
    expect(got).toEqual([0, 1, 2, 3]);
    expect(await c.view().map(() => taskIndex(), [9, 9, 9])).toEqual([0, 1, 2]);
  });

  it('counts the workers the script used, not the engines connected up front', async () => {
    const { rt } = await setUp(2);
    expect(rt.workersUsed).toBe(2);
    // The driver connects the default count (2) before the script asks for one worker.
    const small = await setUp(1, 2);
    await small.rt.ensureEngines(2);
    expect(small.rt.engines.length).toBe(2);
    expect(small.rt.workersUsed).toBe(1);
  });

  it("refuses to scatter or push over a worker's built-in names, with advice", async () => {
    const { c } = await setUp(2);
    expect(() => c.view().scatter('Array', [1, 2])).toThrow(UsageError);
    expect(() => c.view().scatter('Array', [1, 2])).toThrow(/built-in names.*clear\(\)/);
    expect(() => c.view().push({ Math: 1 })).toThrow(/'Math' is one of the workers' built-in/);
    expect(() => c.view().scatter('2x', [1])).toThrow(/expected a variable name/);
    // The engines still have their Array.
    expect(await c.view().apply(() => Array.isArray([]))).toEqual([true, true]);
  });

  it('fails a balanced map with the error of its failed chunk, not as cancelled', async () => {
    const { c } = await setUp(1);
    const ar = c.balanced().map(
      (x: number) => {
        if (x === 0) throw new RangeError('bad item');
        return x;
      },
      [0, 1, 2, 3],
      { chunkSize: 1 },
    );
    await expect(ar).rejects.toThrow(/RangeError.*bad item/);
  });

  it('refuses pull(null) and gather(42) with a typed error and a hint', async () => {
    const { c } = await setUp(2);
    const e = (() => {
      try {
        c.view().pull(null as unknown as string);
      } catch (err) {
        return err;
      }
    })();
    expect(e).toBeInstanceOf(UsageError);
    expect((e as UsageError).message).toBe(
      'pull: expected a variable name or a list of names, got null',
    );
    expect((e as UsageError).hint).toMatch(/pull\('total'\)/);
    expect(() => c.view().gather(42 as unknown as string)).toThrow(
      /gather: expected a variable name, got number/,
    );
    expect(() => c.view().pull([])).toThrow(UsageError);
  });
});

declare function taskIndex(): number;
