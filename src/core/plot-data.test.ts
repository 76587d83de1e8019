import { describe, expect, it } from 'vitest';
import { histogram, sampleSeries, shrinkGrid, tableFrom } from './plot-data';

describe('histogram', () => {
  it('counts values into equal bins over their range', () => {
    const h = histogram([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 5);
    expect(h.edges).toEqual([0, 2, 4, 6, 8, 10]);
    expect(h.counts).toEqual([2, 2, 2, 2, 3]);
    expect(h.total).toBe(11);
  });

  it('ignores NaN and values outside an explicit range', () => {
    const h = histogram([NaN, -1, 0, 0.5, 1, 2, NaN], 2, [0, 1]);
    expect(h.counts).toEqual([1, 2]);
    expect(h.total).toBe(3);
  });

  it('handles constant and empty input', () => {
    expect(histogram([3, 3, 3], 1)).toEqual({ edges: [2.5, 3.5], counts: [3], total: 3 });
    const empty = histogram([], 4);
    expect(empty.counts).toEqual([0, 0, 0, 0]);
    expect(empty.total).toBe(0);
  });

  it('summarises a large typed array into bins only', () => {
    const values = new Float64Array(1_000_000);
    for (let i = 0; i < values.length; i++) values[i] = (i % 1000) / 1000;
    const h = histogram(values, 10);
    expect(h.counts).toHaveLength(10);
    expect(h.edges).toHaveLength(11);
    expect(h.total).toBe(1_000_000);
    expect(h.counts.every((c) => c === 100_000)).toBe(true);
  });
});

describe('sampleSeries', () => {
  it('returns short series whole', () => {
    expect(sampleSeries([1, 2, 3], [4, 5, 6])).toEqual({ x: [1, 2, 3], y: [4, 5, 6], total: 3 });
  });

  it('samples long series evenly, keeping first and last', () => {
    const x = Float64Array.from({ length: 1001 }, (_, i) => i);
    const y = x.map((v) => v * 2);
    const s = sampleSeries(x, y, 11);
    expect(s.total).toBe(1001);
    expect(s.x).toEqual([0, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1000]);
    expect(s.y[10]).toBe(2000);
  });
});

describe('tableFrom', () => {
  it('takes the union of object keys', () => {
    const t = tableFrom([
      { a: 1, b: 2 },
      { b: 3, c: 'x' },
    ]);
    expect(t.columns).toEqual(['a', 'b', 'c']);
    expect(t.rows).toEqual([
      [1, 2, undefined],
      [undefined, 3, 'x'],
    ]);
    expect(t.total).toBe(2);
  });

  it('numbers the columns of array rows', () => {
    const t = tableFrom([
      [1, 2],
      [3, 4, 5],
    ]);
    expect(t.columns).toEqual(['0', '1', '2']);
    expect(t.rows[1]).toEqual([3, 4, 5]);
  });

  it('shows nested values as short text and caps the rows', () => {
    const t = tableFrom(
      Array.from({ length: 50 }, (_, i) => ({ i, o: { k: i }, t: new Int32Array(3) })),
      10,
    );
    expect(t.rows).toHaveLength(10);
    expect(t.total).toBe(50);
    expect(t.rows[2]).toEqual([2, '{"k":2}', 'Int32Array(3)']);
    const long = tableFrom([{ s: { text: 'x'.repeat(500) } }]);
    expect(String(long.rows[0]![0]).length).toBeLessThanOrEqual(80);
  });

  it('rejects what is not an array', () => {
    expect(() => tableFrom({ a: 1 })).toThrow(/array of rows/);
  });
});

describe(shrinkGrid, () => {
  it('keeps a small grid as it is and reports its range', () => {
    const g = shrinkGrid([1, 2, 3, 4, 5, 6], 3, 2, 10);
    expect(g).toEqual({ width: 3, height: 2, values: [1, 2, 3, 4, 5, 6], min: 1, max: 6 });
  });

  it('averages blocks so neither side exceeds the limit, skipping NaN', () => {
    // 4 x 2 grid shrunk by 2: blocks [1,2,5,6], [3,4,7,NaN]
    const g = shrinkGrid([1, 2, 3, 4, 5, 6, 7, NaN], 4, 2, 2);
    expect(g.width).toBe(2);
    expect(g.height).toBe(1);
    expect(g.values).toEqual([3.5, 14 / 3]);
    expect(g.min).toBe(3.5);
  });

  it('gives NaN cells and a zero range when nothing is finite', () => {
    const g = shrinkGrid([NaN, Infinity], 2, 1);
    expect(g.values.every(Number.isNaN)).toBe(true);
    expect([g.min, g.max]).toEqual([0, 0]);
  });
});
