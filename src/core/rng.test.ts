import { describe, expect, it } from 'vitest';
import { UsageError } from './errors';
import { createRngGlobal, rng, Rng } from './rng';
import type { RngState } from './rng';

describe(rng, () => {
  it('is reproducible: the same seed gives the same numbers', () => {
    const a = rng(42);
    const b = rng(42);
    expect(Array.from({ length: 10 }, () => a.uint32())).toEqual(
      Array.from({ length: 10 }, () => b.uint32()),
    );
  });

  it('draws the Philox block of counter (block, 0, 0, 0) under key (seed, 0)', () => {
    const r = rng(0);
    expect([r.uint32(), r.uint32(), r.uint32(), r.uint32()]).toEqual([
      0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8,
    ]);
    const next = createRngGlobal().philox([1, 0, 0, 0], [0, 0]);
    expect(r.uint32()).toBe(next[0]);
  });

  it('keys large seeds with both key words', () => {
    expect(rng(2 ** 32).k1).toBe(1);
    expect(rng(2 ** 32).uint32()).not.toBe(rng(0).uint32());
  });

  it('refuses seeds that are not whole numbers, with advice', () => {
    expect(() => rng(-1)).toThrow(UsageError);
    expect(() => rng(1.5)).toThrow(/whole number/);
  });

  it('continues a generator from its cloned state at the same position', () => {
    const a = rng(7);
    a.uint32();
    a.uint32();
    a.uint32();
    const b = rng(JSON.parse(JSON.stringify(a)) as RngState);
    expect(b).toBeInstanceOf(Rng);
    expect(b.uint32()).toBe(a.uint32());
    expect(b.uint32()).toBe(a.uint32());
  });

  it('skip(n) lands where n draws would', () => {
    const a = rng(3);
    const b = rng(3);
    a.uint32();
    b.uint32();
    for (let i = 0; i < 11; i++) a.uint32();
    b.skip(11);
    expect(b.uint32()).toBe(a.uint32());
  });

  it('carries the block counter into the high word', () => {
    const r = Rng.fromState({ k0: 1, k1: 2, b0: 0xffffffff, b1: 0, w: 3, spawned: 0 });
    r.uint32();
    expect([r.b0, r.b1, r.w]).toEqual([0, 1, 0]);
  });
});

describe('distributions', () => {
  const r = rng(2026);
  it('float32 has 24 bits in [0, 1) and is what uint32 >>> 8 gives', () => {
    const a = rng(5);
    const b = rng(5);
    expect(a.float32()).toBe((b.uint32() >>> 8) / 2 ** 24);
  });

  it('random() has mean 1/2 and stays in [0, 1)', () => {
    const xs = r.random(20000);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.01);
  });

  it('integers(low, high) covers the range evenly and excludes high', () => {
    const counts = new Array<number>(6).fill(0);
    for (let i = 0; i < 60000; i++) counts[r.integers(0, 6)]!++;
    for (const c of counts) expect(Math.abs(c - 10000)).toBeLessThan(500);
    expect(() => r.integers(3, 3)).toThrow(UsageError);
  });

  it('normal() has the requested mean and standard deviation', () => {
    const xs = r.normal(10, 2, 20000);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length);
    expect(Math.abs(mean - 10)).toBeLessThan(0.06);
    expect(Math.abs(sd - 2)).toBeLessThan(0.06);
  });
});

describe('independent streams', () => {
  it('spawn gives different children on every call, reproducibly', () => {
    const a = rng(1);
    const [c0, c1] = a.spawn(2);
    const [c2] = a.spawn(1);
    const firsts = [c0!, c1!, c2!].map((c) => c.uint32());
    expect(new Set(firsts).size).toBe(3);
    expect(
      rng(1)
        .spawn(3)
        .map((c) => c.uint32()),
    ).toEqual(firsts);
  });

  it('the same seed on every worker duplicates samples; spawned streams do not', () => {
    const same = [rng(9), rng(9)].map((g) => g.random(100));
    expect(same[0]).toEqual(same[1]);
    const spawned = rng(9)
      .spawn(2)
      .map((g) => g.random(100));
    const shared = spawned[0]!.filter((x) => spawned[1]!.includes(x));
    expect(shared).toHaveLength(0);
  });

  it('stream(i) depends only on the key and i, not on draws or spawns before', () => {
    const a = rng(4);
    const b = rng(4);
    b.random(10);
    b.spawn(3);
    expect(a.stream(17).uint32()).toBe(b.stream(17).uint32());
    expect(a.stream(17).uint32()).not.toBe(a.stream(18).uint32());
    expect(a.stream(0).uint32()).not.toBe(rng(4).uint32());
  });

  it('a Monte Carlo estimate keyed by task index does not depend on how tasks are split', () => {
    const root = rng(11);
    const task = (i: number) => {
      const r = root.stream(i);
      let inside = 0;
      for (let k = 0; k < 100; k++) if (r.random() ** 2 + r.random() ** 2 < 1) inside++;
      return inside;
    };
    const ids = Array.from({ length: 40 }, (_, i) => i);
    const oneWorker = ids.map(task).reduce((s, x) => s + x, 0);
    const split = [ids.slice(0, 13), ids.slice(13)]
      .map((part) => part.map(task).reduce((s, x) => s + x, 0))
      .reduce((s, x) => s + x, 0);
    expect(split).toBe(oneWorker);
  });
});
