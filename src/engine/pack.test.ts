import { describe, expect, it } from 'vitest';
import { packNumbers, replyCopy, transferOf } from './pack';

describe(replyCopy, () => {
  it('copies just the items of a typed array, and only such copies are given away', () => {
    const whole = Float32Array.from([1, 2, 3, 4, 5]);
    const view = whole.subarray(1, 4);
    const copy = replyCopy(view) as Float32Array;
    expect(Array.from(copy)).toEqual([2, 3, 4]);
    expect(copy.buffer.byteLength).toBe(12);
    expect(transferOf([copy, view, 'x'])).toEqual([copy.buffer]);
    // The engine's own array is untouched by giving the copy away.
    structuredClone(copy, { transfer: transferOf([copy]) });
    expect(Array.from(view)).toEqual([2, 3, 4]);
  });

  it('leaves views of shared memory and other values as they are', () => {
    const shared = new Int32Array(new SharedArrayBuffer(8));
    expect(replyCopy(shared)).toBe(shared);
    const plain = { a: 1 };
    expect(replyCopy(plain)).toBe(plain);
    expect(transferOf([shared, plain])).toEqual([]);
  });
});

describe(packNumbers, () => {
  it('packs many numbers into one transferable Float64Array', () => {
    const packed = packNumbers(Array.from({ length: 40 }, (_, i) => i)) as Float64Array;
    expect(packed).toBeInstanceOf(Float64Array);
    expect(transferOf(packed)).toEqual([packed.buffer]);
    expect(packNumbers([1, 'a'])).toEqual([1, 'a']);
  });
});
