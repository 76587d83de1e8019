import { describe, expect, it } from 'vitest';
import { packNumbers, pourInto, replyCopy, transferOf } from './pack';

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

describe(pourInto, () => {
  const target = (length: number, byteOffset: number, type = 'Float64Array') => ({
    buffer: new ArrayBuffer(64),
    byteOffset,
    type,
    length,
  });

  it('writes the part the driver expects at its offset and gives the buffer back', () => {
    const into = target(3, 16);
    const reply = pourInto(Float64Array.from([1, 2, 3]), into);
    expect(reply).toHaveLength(1);
    const [region] = reply;
    expect([region.byteOffset, region.byteLength]).toEqual([16, 24]);
    expect(Array.from(new Float64Array(region.buffer))).toEqual([0, 0, 1, 2, 3, 0, 0, 0]);
    expect(transferOf(reply)).toEqual([into.buffer]);
  });

  it('answers with the value instead when it is not the typed array expected', () => {
    class Sub extends Float64Array {}
    const cases: unknown[] = [
      Float64Array.from([1, 2]), // another length
      Int32Array.from([1, 2, 3]), // another type
      Sub.from([1, 2, 3]), // a subclass
      [1, 2, 3], // not typed
      undefined,
    ];
    for (const value of cases) {
      const into = target(3, 8);
      const reply = pourInto(value, into);
      expect(reply).toHaveLength(2);
      expect(new Float64Array(into.buffer).every((x) => x === 0)).toBe(true);
      expect(reply[1]).toEqual(ArrayBuffer.isView(value) ? replyCopy(value) : value);
      // The buffer goes back in every case.
      expect(transferOf(reply)).toContain(into.buffer);
    }
    // A type the engine does not know is never written.
    expect(pourInto(Float64Array.from([1]), target(1, 0, 'Object'))).toHaveLength(2);
  });
});
