import { afterEach, describe, expect, it } from 'vitest';
import { closePorts, setUp } from './test-engines';

afterEach(closePorts);

/** `p`, or a rejection saying it hung. */
/** Float64Arrays of `n` items 1, 2, 3 ... and their first and last items. */
const numbers = (n: number, from = 1) => Float64Array.from({ length: n }, (_, i) => from + i);
const ends = (a: unknown) => {
  const x = a as Float64Array;
  return [x.length, x[0], x[x.length - 1]];
};
/** Enough items for the gather to pour (pourLayout leaves small ones to the copies). */
const N = 12_000;

const within = <T>(p: PromiseLike<T>, ms = 3000) =>
  Promise.race([
    Promise.resolve(p),
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('hung')), ms)),
  ]);

describe('gather of scattered typed arrays (the pour)', () => {
  it('fails, and does not hang, when an engine before the last fails', async () => {
    const { c } = await setUp(3);
    const v = c.view();
    await v.scatter('x', numbers(N));
    await c.view([0]).apply(() => {
      // @ts-expect-error a global of the engine's namespace
      x = new Proxy(
        {},
        {
          getPrototypeOf: () => {
            throw new Error('boom');
          },
        },
      );
    });
    await expect(within(v.gather('x'))).rejects.toThrow(/boom/);
    // The engines after it were not left waiting: they answer the next call.
    expect(await within(c.view([1, 2]).apply(() => 1))).toEqual([1, 1]);
  });

  it('fails, and does not hang, when an engine loses its tasks', async () => {
    const { c } = await setUp(2);
    const v = c.view();
    await v.scatter('x', numbers(N));
    await c.view([0]).push({ dropTasks: true });
    await expect(within(v.gather('x'), 8000)).rejects.toThrow(/worker 0/);
  }, 10_000);

  it('gathers what each engine held at the gather, whatever calls follow it', async () => {
    const { c } = await setUp(2);
    const v = c.view();
    await v.scatter('x', numbers(N));
    const g = v.gather('x');
    void v.scatter('x', numbers(N, 100));
    expect(ends(await within(g))).toEqual([N, 1, N]);
    const again = v.gather('x');
    void v.clear();
    expect(ends(await within(again))).toEqual([N, 100, N + 99]);
  });

  it('ends with the gathered value or an error when the script gives up on its calls', async () => {
    const { c, rt } = await setUp(2);
    const v = c.view();
    await v.scatter('x', numbers(N));
    const g = v.gather('x');
    rt.cancelPending();
    const got = await within(g).catch((e: unknown) => e);
    expect(got instanceof Error || ends(got).join() === `${N},1,${N}`).toBe(true);
  });
});
