import { describe, expect, it } from 'vitest';
import { callItem, callItems } from './call-item';

describe(callItem, () => {
  it('calls the function on the item, with no this, and returns what it returns', () => {
    const seen: unknown[] = [];
    const fn = function (this: unknown, ...args: unknown[]) {
      seen.push(this, args);
      return 'r';
    };
    expect(callItem(fn, 7)).toBe('r');
    expect(seen).toEqual([undefined, [7]]);
  });

  it('spreads one item of each sequence as arguments', () => {
    expect(callItems((...args: unknown[]) => args, [1, 'a', null])).toEqual([1, 'a', null]);
  });

  it('passes a promise or an exception through untouched', async () => {
    await expect(callItem((x) => Promise.resolve(x), 3) as Promise<unknown>).resolves.toBe(3);
    expect(() =>
      callItem(() => {
        throw new RangeError('no');
      }, 0),
    ).toThrow(RangeError);
  });
});
