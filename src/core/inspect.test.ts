import { describe, expect, it } from 'vitest';
import { formatArgs, inspect, isExpandable, preview } from './inspect';

describe(inspect, () => {
  it('shortens long and typed arrays', () => {
    expect(inspect(new Float64Array([1, 2]))).toBe('Float64Array(2) [1, 2]');
    expect(inspect(Array.from({ length: 25 }, (_, i) => i))).toMatch(/19, … 5 more\]$/);
  });

  it('shows nested objects, maps, sets and cycles', () => {
    const o: Record<string, unknown> = { a: 1, b: { c: [1, 'x'] } };
    o.self = o;
    expect(inspect(o)).toBe('{ a: 1, b: { c: [1, "x"] }, self: [Circular] }');
    expect(inspect(new Map([['k', 1]]))).toBe('Map(1) { "k" => 1 }');
    expect(inspect(new Set([1, 2]))).toBe('Set(2) [1, 2]');
  });
});

describe(formatArgs, () => {
  it('joins strings as they are and other values inspected', () => {
    expect(formatArgs(['pi is', 3.14, [1]])).toBe('pi is 3.14 [1]');
  });
});

describe(preview, () => {
  it('lists the entries of objects and arrays, with their own previews', () => {
    type Container = { s: string; e: [string, Container][]; more: number };
    const p = preview({ a: 1, list: [1, 2, 3] }) as Container;
    expect(p.e.map(([k]) => k)).toEqual(['a', 'list']);
    expect(p.e[1]![1].e.map(([k]) => k)).toEqual(['0', '1', '2']);
  });

  it('stays within its budget for huge values and says how many were left out', () => {
    const p = preview(Array.from({ length: 100_000 }, (_, i) => ({ i })));
    expect('e' in p && p.e.length).toBe(100);
    expect('e' in p && p.more).toBe(99_900);
    expect(JSON.stringify(p).length).toBeLessThan(50_000);
  });

  it('marks only containers with entries as expandable', () => {
    expect(isExpandable({ a: 1 })).toBe(true);
    expect(isExpandable([])).toBe(false);
    expect(isExpandable('text')).toBe(false);
    expect(isExpandable(new Date(0))).toBe(false);
  });
});
