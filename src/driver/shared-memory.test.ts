import { afterEach, describe, expect, it, vi } from 'vitest';
import { joinParts, sharedParts } from './shared-memory';

describe('shared-memory scatter and gather', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shares nothing without cross-origin isolation', () => {
    vi.stubGlobal('crossOriginIsolated', false);
    expect(sharedParts(new Float64Array(4), [[0, 4]])).toBeUndefined();
  });

  it('shares nothing for plain arrays', () => {
    vi.stubGlobal('crossOriginIsolated', true);
    expect(sharedParts([1, 2, 3], [[0, 3]])).toBeUndefined();
  });

  it('gives views of one shared copy and joins them back without copying', () => {
    vi.stubGlobal('crossOriginIsolated', true);
    const x = Float64Array.from({ length: 10 }, (_, i) => i);
    const parts = sharedParts(x, [
      [0, 4],
      [4, 7],
      [7, 10],
    ])!;
    expect(parts.map((p) => Array.from(p as Float64Array))).toEqual([
      [0, 1, 2, 3],
      [4, 5, 6],
      [7, 8, 9],
    ]);
    expect(parts[0]!.buffer).toBeInstanceOf(SharedArrayBuffer);
    // The caller's array is copied, not shared.
    parts[0]![0] = 100;
    expect(x[0]).toBe(0);
    const joined = joinParts(parts) as Float64Array;
    expect(joined).toBeInstanceOf(Float64Array);
    expect(Array.from(joined)).toEqual([100, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // Same memory: a write through a part shows in the joined array.
    parts[2]![2] = -1;
    expect(joined[9]).toBe(-1);
  });

  it('recognises parts that arrive as other objects over the same memory', () => {
    vi.stubGlobal('crossOriginIsolated', true);
    const parts = sharedParts(Int32Array.from([1, 2, 3, 4, 5]), [
      [0, 3],
      [3, 5],
    ])!;
    // What structured cloning does to a view of shared memory: a new buffer object.
    const [a, b] = parts.map((p) => structuredClone(p));
    expect(a!.buffer).not.toBe(parts[0]!.buffer);
    const joined = joinParts([a, b]) as Int32Array;
    expect(Array.from(joined)).toEqual([1, 2, 3, 4, 5]);
    a![0] = 9;
    expect(joined[0]).toBe(9);
  });

  it('copies parts that are out of order or of different types', () => {
    vi.stubGlobal('crossOriginIsolated', true);
    const parts = sharedParts(Uint8Array.from([1, 2, 3, 4]), [
      [0, 2],
      [2, 4],
    ])!;
    const swapped = joinParts([parts[1], parts[0]]) as Uint8Array;
    expect(Array.from(swapped)).toEqual([3, 4, 1, 2]);
    swapped[0] = 0;
    expect(parts[1]![0]).toBe(3);
    expect(joinParts([parts[0], Float32Array.from([1])])).toEqual([1, 2, 1]);
  });
});
