import { describe, it, expect } from 'vitest';
import { describeArgument, estimateBytes, findUncloneable } from './cloneable';

describe(findUncloneable, () => {
  it('checks arrays of plain values in one pass and still finds a bad item among them', () => {
    const items = Array.from({ length: 5000 }, (_, i) => (i % 2 ? i : `s${i}`));
    expect(findUncloneable([items, [1, null, undefined, true, 2n]])).toBeNull();
    expect(findUncloneable([items, [1, 2, Symbol('x')]])).toEqual({
      path: '[1][2]',
      kind: 'a symbol',
    });
    expect(findUncloneable([[1, { f: () => 1 }]])).toEqual({
      path: '[0][1].f',
      kind: 'a function',
    });
  });

  it('accepts what structured clone copies', () => {
    class Point {
      constructor(
        public x: number,
        public y: number,
      ) {}
      norm() {
        return Math.hypot(this.x, this.y);
      }
    }
    const value = {
      n: 1,
      s: 'text',
      big: 10n,
      nothing: null,
      missing: undefined,
      list: [1, [2, [3]]],
      typed: new Float32Array(4),
      buffer: new ArrayBuffer(8),
      date: new Date(0),
      re: /x/g,
      error: new TypeError('e'),
      map: new Map([['k', { v: 1 }]]),
      set: new Set([1, 2]),
      point: new Point(3, 4),
    };
    expect(findUncloneable(value)).toBeNull();
  });

  it('finds a function and says where it is', () => {
    expect(findUncloneable([1, 2, { cb: () => 0 }])).toEqual({
      path: '[2].cb',
      kind: 'a function',
    });
    expect(findUncloneable({ options: { onDone() {} } })).toEqual({
      path: '.options.onDone',
      kind: 'a function',
    });
    expect(findUncloneable(Math.sqrt)).toEqual({ path: '', kind: 'a function' });
    expect(findUncloneable({ 'odd key': [Symbol('s')] })).toEqual({
      path: '["odd key"][0]',
      kind: 'a symbol',
    });
  });

  it('reports the first offender in order', () => {
    expect(findUncloneable([{ a: 1 }, { b: [0, () => 1] }, () => 2])?.path).toBe('[1].b[1]');
  });

  it('finds weak collections, promises, thenables and generators', () => {
    expect(findUncloneable({ w: new WeakMap() })?.kind).toBe('a WeakMap');
    expect(findUncloneable([new WeakSet()])?.kind).toBe('a WeakSet');
    expect(findUncloneable({ p: Promise.resolve(1) })).toEqual({ path: '.p', kind: 'a Promise' });
    expect(findUncloneable({ t: { then: (r: () => void) => r() } })?.kind).toContain('thenable');
    function* gen() {
      yield 1;
    }
    expect(findUncloneable([gen()])?.kind).toBe('a generator');
  });

  it('looks inside Map keys and values and Set items', () => {
    expect(findUncloneable(new Map([['cb', () => 1]]))?.path).toBe('.get("cb")');
    expect(findUncloneable(new Map([[() => 1, 1]]))?.path).toBe('.keys()[0]');
    expect(findUncloneable({ s: new Set([1, Symbol.iterator]) })?.path).toBe('.s.values()[1]');
  });

  it('tolerates cycles', () => {
    const a: Record<string, unknown> = { name: 'a' };
    a.self = a;
    a.list = [a, { back: a }];
    expect(findUncloneable(a)).toBeNull();
    a.late = () => 1;
    expect(findUncloneable(a)?.path).toBe('.late');
  });

  it('gives up after maxNodes values', () => {
    const big: unknown[] = Array.from({ length: 100 }, (_, i) => i);
    big.push(() => 1);
    expect(findUncloneable(big)?.path).toBe('[100]');
    expect(findUncloneable(big, 50)).toBeNull();
  });

  it('handles very deep nesting without recursion', () => {
    let deep: unknown = () => 1;
    for (let i = 0; i < 50_000; i++) deep = { next: deep };
    expect(findUncloneable(deep, 100_000)?.kind).toBe('a function');
  });

  it('survives throwing getters', () => {
    const tricky = {
      get boom(): number {
        throw new Error('no');
      },
    };
    expect(findUncloneable(tricky)).toBeNull();
  });
});

describe(describeArgument, () => {
  it('names the argument and the path', () => {
    expect(describeArgument(2, '.cb')).toBe('argument 2 (.cb)');
    expect(describeArgument(1, '[0].f')).toBe('argument 1 ([0].f)');
    expect(describeArgument(3, '')).toBe('argument 3');
  });
});

describe(estimateBytes, () => {
  it('sums a long array of primitives exactly, in one pass', () => {
    expect(estimateBytes([Array.from({ length: 100_000 }, (_, i) => i)])).toBe(800_000);
    expect(estimateBytes(['ab', 1, true, null])).toBe(4 + 8 + 4 + 4);
  });

  it('counts primitives', () => {
    expect(estimateBytes(1.5)).toBe(8);
    expect(estimateBytes(true)).toBe(4);
    expect(estimateBytes('abcd')).toBe(8);
    expect(estimateBytes(null)).toBe(4);
  });

  it('counts typed arrays and buffers by byte length', () => {
    expect(estimateBytes(new Float64Array(1000))).toBe(8000);
    expect(estimateBytes(new ArrayBuffer(123))).toBe(123);
    // A clone of a view copies the whole buffer behind it.
    expect(estimateBytes(new Float64Array(1000).subarray(0, 10))).toBe(8000);
  });

  it('sums containers, keys included', () => {
    expect(estimateBytes([1, 2, 3])).toBe(24);
    expect(estimateBytes({ ab: 1, c: 'xy' })).toBe(4 + 8 + 2 + 4);
    expect(estimateBytes(new Map([['k', 1]]))).toBe(2 + 8);
    expect(estimateBytes({ data: new Uint8Array(1024) })).toBe(8 + 1024);
  });

  it("counts a task's few items as the full walk does", () => {
    // Short arrays of primitives take a shortcut; an object inside takes the walk.
    expect(estimateBytes([[7]])).toBe(8);
    expect(estimateBytes([[1, 'ab', true, null, undefined]])).toBe(8 + 4 + 4 + 4 + 4);
    expect(estimateBytes([[{ a: 1 }], [2]])).toBe(2 + 8 + 8);
    expect(estimateBytes([[[1]]])).toBe(8);
    expect(estimateBytes([1n])).toBe(9);
  });

  it('extrapolates large arrays from a sample', () => {
    const numbers = Array.from({ length: 100_000 }, (_, i) => i);
    expect(estimateBytes(numbers)).toBe(800_000);
    const rows = Array.from({ length: 100_000 }, (_, i) => ({ id: i, name: 'row' }));
    const exact = 100_000 * (4 + 8 + 8 + 6);
    expect(Math.abs(estimateBytes(rows) - exact) / exact).toBeLessThan(0.01);
    expect(Math.abs(estimateBytes(rows, 100) - exact) / exact).toBeLessThan(0.05);
  });

  it('reads only a sample of a large array', () => {
    let reads = 0;
    const rows = Array.from({ length: 100_000 }, () => ({
      get value() {
        reads++;
        return 1;
      },
    }));
    expect(estimateBytes(rows)).toBe(100_000 * (10 + 8));
    expect(reads).toBeLessThanOrEqual(2000);
  });

  it('stays bounded on deep and cyclic values', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(estimateBytes(deep)).toBeGreaterThan(0);
    expect(estimateBytes(deep, 1_000_000)).toBeGreaterThan(0);
    const a: unknown[] = [1];
    a.push(a);
    expect(estimateBytes(a)).toBe(16);
  });
});

describe('long arrays', () => {
  it('are checked and measured within the budget, however long they are', () => {
    // A sparse array whose one item sits past the budget: a pass over the whole length
    // would read it (and, at 2^28 slots, take seconds).
    let reads = 0;
    const sparse: number[] = [];
    sparse.length = 2 ** 28;
    Object.defineProperty(sparse, 50_000, { get: () => ++reads, enumerable: true });
    expect(findUncloneable(sparse)).toBeNull();
    expect(estimateBytes(sparse)).toBeGreaterThan(0);
    expect(reads).toBe(0);
  });
});
