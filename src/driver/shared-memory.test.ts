import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createSharedArrayGlobal,
  forgetSharedBuffers,
  joinParts,
  sharedArray,
  sharedParts,
} from './shared-memory';

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

  it('makes arrays in shared memory that scatter shares without copying', () => {
    vi.stubGlobal('crossOriginIsolated', true);
    const x = sharedArray(Float64Array, 5);
    expect(x.buffer).toBeInstanceOf(SharedArrayBuffer);
    x.set([1, 2, 3, 4, 5]);
    const parts = sharedParts(x, [
      [0, 3],
      [3, 5],
    ])!;
    // The same memory as x: what an engine writes in its part shows in x.
    const [a, b] = parts.map((p) => structuredClone(p) as Float64Array);
    b![1] = 50;
    expect(x[4]).toBe(50);
    const joined = joinParts([a, b]) as Float64Array;
    expect(Array.from(joined)).toEqual([1, 2, 3, 4, 50]);
    joined[0] = -1;
    expect(x[0]).toBe(-1);
  });

  it('shares a view of a shared array from its offset', () => {
    vi.stubGlobal('crossOriginIsolated', true);
    const whole = sharedArray(Int32Array, 9);
    whole.set([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    const view = whole.subarray(2, 7);
    const parts = sharedParts(view, [
      [0, 3],
      [3, 5],
    ])!;
    expect(parts.map((p) => Array.from(p as Int32Array))).toEqual([
      [2, 3, 4],
      [5, 6],
    ]);
    expect(parts[0]!.byteOffset).toBe(8);
    expect(Array.from(joinParts(parts) as Int32Array)).toEqual([2, 3, 4, 5, 6]);
  });

  it('copies views with offsets and odd byte lengths into whole words of shared memory', () => {
    vi.stubGlobal('crossOriginIsolated', true);
    const bytes = Uint8Array.from({ length: 11 }, (_, i) => i);
    const view = bytes.subarray(3, 10);
    const parts = sharedParts(view, [
      [0, 4],
      [4, 7],
    ])!;
    expect(parts.map((p) => Array.from(p as Uint8Array))).toEqual([
      [3, 4, 5, 6],
      [7, 8, 9],
    ]);
    parts[0]![0] = 99;
    expect(bytes[3]).toBe(3);
    expect(Array.from(joinParts(parts) as Uint8Array)).toEqual([99, 4, 5, 6, 7, 8, 9]);
  });

  it('leaves shared buffers it did not make alone, whatever their length', () => {
    vi.stubGlobal('crossOriginIsolated', true);
    const odd = new Uint8Array(new SharedArrayBuffer(19));
    odd.set([1, 2, 3]);
    const joined = joinParts([odd.subarray(0, 2), odd.subarray(2, 3)]) as Uint8Array;
    expect(Array.from(joined)).toEqual([1, 2, 3]);
    expect(joined.buffer).not.toBeInstanceOf(SharedArrayBuffer);
  });

  it('makes ordinary arrays without isolation', () => {
    vi.stubGlobal('crossOriginIsolated', false);
    const x = sharedArray(Float32Array, 3);
    expect(x).toBeInstanceOf(Float32Array);
    expect(x.buffer).toBeInstanceOf(ArrayBuffer);
  });
});

describe(createSharedArrayGlobal, () => {
  const sharedArrayOf = createSharedArrayGlobal(() => 7);

  it('says what to pass, at the line of the call', () => {
    expect(() => sharedArrayOf(Array as never, 3)).toThrow(/typed array type/);
    expect(() => sharedArrayOf(Float64Array, -1)).toThrow(/whole number >= 0, got -1/);
    let caught: unknown;
    try {
      sharedArrayOf(Float64Array, 1.5);
    } catch (e) {
      caught = e;
    }
    expect(caught).toMatchObject({ name: 'UsageError', line: 7 });
    expect(sharedArrayOf(Uint8Array, 4)).toHaveLength(4);
  });

  it('forgets the buffers of a run that ended: a later scatter copies them', () => {
    vi.stubGlobal('crossOriginIsolated', true);
    const mine = sharedArray(Float64Array, 4);
    expect(sharedParts(mine, [[0, 4]])![0]!.buffer).toBe(mine.buffer);
    forgetSharedBuffers();
    const [copy] = sharedParts(mine, [[0, 4]])!;
    expect(copy!.buffer).not.toBe(mine.buffer);
    expect(copy!.buffer).toBeInstanceOf(SharedArrayBuffer);
  });
});
