import { describe, expect, it } from 'vitest';
import type { TaskRecord } from '../protocol/messages';
import { AsyncResult } from './async-result';
import { CancelledError, TimeoutError } from './errors';

function record(first: number, items: number, started: number, completed: number): TaskRecord {
  return {
    taskId: first + 1,
    callId: 1,
    worker: first % 2,
    submitted: started - 1,
    started,
    completed,
    received: completed + 1,
    items,
    first,
    bytesIn: 0,
    bytesOut: 0,
    ok: true,
    stdout: [],
  };
}

function makeResult(total: number, ordered = true) {
  return new AsyncResult<unknown[]>({
    total,
    workers: 2,
    ordered,
    label: 'map(f)',
    assemble: (items) => items,
  });
}

describe(AsyncResult, () => {
  it('resolves to the items in input order, whatever order they arrive in', async () => {
    const r = makeResult(4);
    r.accept(2, ['c', 'd']);
    expect(r.progress).toBe(2);
    expect(r.ready()).toBe(false);
    r.accept(0, ['a', 'b']);
    r.finish();
    expect(await r).toEqual(['a', 'b', 'c', 'd']);
    expect(r.ready()).toBe(true);
    expect(r.successful()).toBe(true);
  });

  it('yields in input order when ordered, as they arrive when not', async () => {
    const ordered = makeResult(3);
    const unordered = makeResult(3, false);
    const seen: unknown[] = [];
    const seenU: unknown[] = [];
    const a = (async () => {
      for await (const x of ordered) seen.push(x);
    })();
    const b = (async () => {
      for await (const x of unordered) seenU.push(x);
    })();
    for (const r of [ordered, unordered]) {
      r.accept(2, ['z']);
      r.accept(0, ['x']);
      r.accept(1, ['y']);
      r.finish();
    }
    await Promise.all([a, b]);
    expect(seen).toEqual(['x', 'y', 'z']);
    expect(seenU).toEqual(['z', 'x', 'y']);
  });

  it('wait(ms) resolves false before the result is ready and true after', async () => {
    const r = makeResult(1);
    expect(await r.wait(5)).toBe(false);
    r.accept(0, [1]);
    r.finish();
    expect(await r.wait(5)).toBe(true);
  });

  it('get({ timeoutMs }) rejects with TimeoutError naming the progress', async () => {
    const r = makeResult(2);
    r.accept(0, [1]);
    await expect(r.get({ timeoutMs: 5 })).rejects.toThrow(TimeoutError);
    await expect(r.get({ timeoutMs: 5 })).rejects.toThrow('1 of 2 done');
  });

  it('abort() rejects with CancelledError and calls the abort hook once', async () => {
    let aborted = 0;
    const r = new AsyncResult<number[]>({
      total: 3,
      workers: 1,
      ordered: true,
      label: 'map(g)',
      assemble: (items) => items as number[],
      onAbort: () => aborted++,
    });
    r.abort();
    r.abort();
    await expect(r.get()).rejects.toThrow(CancelledError);
    expect(aborted).toBe(1);
  });

  it('iteration rethrows the failure after the items that arrived', async () => {
    const r = makeResult(3);
    r.accept(0, ['a']);
    r.fail(new Error('boom'));
    const seen: unknown[] = [];
    await expect(
      (async () => {
        for await (const x of r) seen.push(x);
      })(),
    ).rejects.toThrow('boom');
    expect(seen).toEqual(['a']);
  });

  it('timing sums compute over tasks and divides by wall', () => {
    const r = makeResult(4);
    r.accept(0, [1, 2], record(0, 2, 10, 20));
    r.accept(2, [3, 4], record(2, 2, 10, 20));
    const t = r.timing;
    expect(t.serial).toBe(20);
    expect(t.wall).toBe(12);
    expect(t.speedup).toBeCloseTo(20 / 12);
    expect(t.efficiency).toBeCloseTo(20 / 12 / 2);
    expect(r.metadata).toHaveLength(2);
  });

  it('tracks whether the script looked at it', async () => {
    const r = makeResult(1);
    expect(r.wasObserved).toBe(false);
    r.accept(0, [1]);
    r.finish();
    await r;
    expect(r.wasObserved).toBe(true);
  });
});
