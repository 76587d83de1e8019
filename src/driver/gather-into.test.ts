import { describe, expect, it } from 'vitest';
import type { EngineLink } from './engine-link';
import { MIN_POUR_BYTES, plainTypedName, Pour, pourLayout } from './gather-into';
import type { PourLayout } from './gather-into';

/** Engines as far as a layout reads them: the parts a scatter left. */
const engines = (...parts: ({ type: string; length: number } | undefined)[]) =>
  parts.map((p) => ({ parts: new Map(p ? [['x', p]] : []) })) as unknown as EngineLink[];

/** What an engine answers a pour with, as pack.ts's pourInto makes it. */
function answer(pour: Pour, slot: number, part: ArrayLike<number> | { instead: unknown }) {
  const into = pour.target(slot);
  // The first engine gets the buffer with its request, the others when the driver hands it on.
  expect(into.buffer !== undefined).toBe(slot === 0);
  const buffer = into.buffer ?? pour.current;
  const bytes = into.length * pour.layout.bytesPerItem;
  const region = new Uint8Array(buffer, into.byteOffset, bytes);
  if ('instead' in part) return [region, part.instead];
  new Float64Array(buffer, into.byteOffset, into.length).set(part);
  // The buffer travels: the driver gets it back as another object.
  return structuredClone([region], { transfer: [buffer] });
}

describe(plainTypedName, () => {
  it('names plain typed arrays only', () => {
    expect(plainTypedName(new Float64Array(2))).toBe('Float64Array');
    expect(plainTypedName(new Uint8Array(2).subarray(1))).toBe('Uint8Array');
    class Sub extends Int32Array {}
    expect(plainTypedName(new Sub(2))).toBeUndefined();
    expect(plainTypedName(new DataView(new ArrayBuffer(2)))).toBeUndefined();
    expect(plainTypedName([1, 2])).toBeUndefined();
  });
});

describe(pourLayout, () => {
  it('lays the parts end to end when every engine holds one of one type', () => {
    const layout = pourLayout(
      engines({ type: 'Float64Array', length: 8192 }, { type: 'Float64Array', length: 8191 }),
      'x',
    );
    expect(layout).toMatchObject({
      offsets: [0, 8192],
      lengths: [8192, 8191],
      total: 16_383,
      bytesPerItem: 8,
    });
  });

  it('leaves small gathers to the copies (their engines answer at once)', () => {
    const items = MIN_POUR_BYTES / 8;
    expect(pourLayout(engines({ type: 'Float64Array', length: items }), 'x')).toBeDefined();
    expect(pourLayout(engines({ type: 'Float64Array', length: items - 1 }), 'x')).toBeUndefined();
  });

  it('has no layout when an engine holds no part or another type', () => {
    expect(
      pourLayout(engines({ type: 'Float64Array', length: 3 }, undefined), 'x'),
    ).toBeUndefined();
    expect(
      pourLayout(
        engines({ type: 'Float64Array', length: 3 }, { type: 'Int32Array', length: 3 }),
        'x',
      ),
    ).toBeUndefined();
    expect(pourLayout(engines({ type: 'Object', length: 3 }), 'x')).toBeUndefined();
    expect(pourLayout(engines({ type: 'Float64Array', length: 3 }), 'y')).toBeUndefined();
  });
});

describe(Pour, () => {
  // Small parts, laid out by hand (pourLayout leaves gathers this small to the copies).
  const layout = (): PourLayout => ({
    type: 'Float64Array',
    ctor: Float64Array,
    bytesPerItem: 8,
    offsets: [0, 3],
    lengths: [3, 2],
    total: 5,
  });

  it('hands the buffer from engine to engine and returns it whole', () => {
    const pour = new Pour(layout());
    expect(pour.take(0, answer(pour, 0, [1, 2, 3]))).toBeUndefined();
    const parts = pour.take(1, answer(pour, 1, [4, 5]))!;
    expect(parts.map((p) => Array.from(p as Float64Array))).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
    const result = pour.result(parts) as Float64Array;
    expect(result).toBeInstanceOf(Float64Array);
    expect(Array.from(result)).toEqual([1, 2, 3, 4, 5]);
    expect(pour.replyBytes(0, [new Uint8Array(24)])).toBe(24);
  });

  it('joins the parts as any gather does when an engine sent its value instead', () => {
    const pour = new Pour(layout());
    pour.take(0, answer(pour, 0, [1, 2, 3]));
    const parts = pour.take(1, answer(pour, 1, { instead: Float64Array.from([9]) }))!;
    expect(Array.from(pour.result(parts) as Float64Array)).toEqual([1, 2, 3, 9]);
    expect(pour.replyBytes(1, [new Uint8Array(16), Float64Array.from([9])])).toBe(16 + 8);

    const again = new Pour(layout());
    again.take(0, answer(again, 0, { instead: [7] }));
    const mixed = again.take(1, answer(again, 1, [4, 5]))!;
    expect(again.result(mixed)).toEqual([7, 4, 5]);
  });

  it('refuses an answer that is not a pour of its buffer', () => {
    const pour = new Pour(layout());
    expect(() => pour.take(0, 'x')).toThrow(/not a pour/);
    expect(() => pour.take(0, [new Uint8Array(24)])).toThrow(/without the gather's buffer/);
    expect(() => pour.take(0, [new Uint8Array(pour.current, 8, 24)])).toThrow(/buffer/);
  });
});
