import { describe, it, expect } from 'vitest';
import { concatParts, isTypedArray, partition, sliceSequence, splitSequence } from './partition';

const sizes = (ranges: Array<[number, number]>) => ranges.map(([s, e]) => e - s);

describe(partition, () => {
  it('gives the first length % parts ranges one extra item', () => {
    expect(sizes(partition(10, 4))).toEqual([3, 3, 2, 2]);
    expect(partition(10, 4)).toEqual([
      [0, 3],
      [3, 6],
      [6, 8],
      [8, 10],
    ]);
  });

  it('leaves trailing parts empty when there are fewer items than parts', () => {
    expect(sizes(partition(2, 4))).toEqual([1, 1, 0, 0]);
    expect(partition(0, 3)).toEqual([
      [0, 0],
      [0, 0],
      [0, 0],
    ]);
  });

  it('covers every item exactly once, contiguously', () => {
    for (const [length, parts] of [
      [1, 1],
      [7, 3],
      [100, 7],
      [5, 8],
    ] as const) {
      const ranges = partition(length, parts);
      expect(ranges).toHaveLength(parts);
      expect(ranges[0]?.[0]).toBe(0);
      expect(ranges.at(-1)?.[1]).toBe(length);
      for (let i = 1; i < ranges.length; i++) expect(ranges[i]?.[0]).toBe(ranges[i - 1]?.[1]);
      const s = sizes(ranges);
      expect(Math.max(...s) - Math.min(...s)).toBeLessThanOrEqual(1);
    }
  });

  it('rejects fewer than one part and bad lengths', () => {
    expect(() => partition(10, 0)).toThrow(RangeError);
    expect(() => partition(10, -1)).toThrow(RangeError);
    expect(() => partition(10, 1.5)).toThrow(RangeError);
    expect(() => partition(-1, 2)).toThrow(RangeError);
  });
});

describe(isTypedArray, () => {
  it('accepts typed arrays and rejects DataView, ArrayBuffer and arrays', () => {
    expect(isTypedArray(new Float32Array(2))).toBe(true);
    expect(isTypedArray(new BigInt64Array(2))).toBe(true);
    expect(isTypedArray(new Uint8ClampedArray(2))).toBe(true);
    expect(isTypedArray(new DataView(new ArrayBuffer(4)))).toBe(false);
    expect(isTypedArray(new ArrayBuffer(4))).toBe(false);
    expect(isTypedArray([1, 2])).toBe(false);
  });
});

describe(sliceSequence, () => {
  it('keeps typed arrays typed, with their own buffer', () => {
    const data = Float64Array.from([1, 2, 3, 4, 5]);
    const part = sliceSequence(data, 1, 3);
    expect(part).toBeInstanceOf(Float64Array);
    expect(Array.from(part)).toEqual([2, 3]);
    expect(part.buffer).not.toBe(data.buffer);
    expect(part.buffer.byteLength).toBe(16);
  });

  it('slices arrays and strings', () => {
    expect(sliceSequence([1, 2, 3, 4], 2, 4)).toEqual([3, 4]);
    expect(sliceSequence('abcdef', 1, 3)).toBe('bc');
  });

  it('copies other array-likes into a plain array', () => {
    const like = { length: 4, 0: 'a', 1: 'b', 2: 'c', 3: 'd' };
    expect(sliceSequence(like, 1, 3)).toEqual(['b', 'c']);
    expect(sliceSequence(like, 3, 10)).toEqual(['d']);
  });
});

describe(splitSequence, () => {
  it('splits a typed array into typed, contiguous parts', () => {
    const parts = splitSequence(Int32Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]), 4);
    expect(parts.map((p) => Array.from(p))).toEqual([
      [0, 1, 2],
      [3, 4, 5],
      [6, 7],
      [8, 9],
    ]);
    for (const p of parts) expect(p).toBeInstanceOf(Int32Array);
  });

  it('splits arrays and strings', () => {
    expect(splitSequence([1, 2], 4)).toEqual([[1], [2], [], []]);
    expect(splitSequence('hello', 2)).toEqual(['hel', 'lo']);
  });
});

describe(concatParts, () => {
  it('joins typed arrays of one type into one typed array', () => {
    const whole = Float32Array.from([1, 2, 3, 4, 5]);
    const joined = concatParts(splitSequence(whole, 3));
    expect(joined).toBeInstanceOf(Float32Array);
    expect(joined).toEqual(whole);
  });

  it('joins bigint typed arrays', () => {
    const joined = concatParts([BigInt64Array.from([1n]), BigInt64Array.from([2n, 3n])]);
    expect(joined).toBeInstanceOf(BigInt64Array);
    expect(Array.from(joined as BigInt64Array)).toEqual([1n, 2n, 3n]);
  });

  it('flattens arrays, and arrays mixed with typed arrays, into one array', () => {
    expect(concatParts([[1, 2], [3], []])).toEqual([1, 2, 3]);
    expect(concatParts([[1], Uint8Array.from([2, 3])])).toEqual([1, 2, 3]);
    expect(concatParts([Uint8Array.from([1]), Float32Array.from([2])])).toEqual([1, 2]);
  });

  it('joins strings', () => {
    expect(concatParts(['hel', 'lo'])).toBe('hello');
  });

  it('gathers scalars and mixed kinds into a list, as ipyparallel does', () => {
    expect(concatParts([1, 2, 3])).toEqual([1, 2, 3]);
    expect(concatParts([[1], 'a', 2])).toEqual([[1], 'a', 2]);
    expect(concatParts([])).toEqual([]);
  });
});
