import { describe, it, expect } from 'vitest';
import { AutoChunker, poolChunkSize } from './auto-chunk';

/** Runs a whole map through the chunker with a fixed per-item cost; returns the chunk sizes. */
function simulate(chunker: AutoChunker, total: number, itemMs: number): number[] {
  const sizes: number[] = [];
  let remaining = total;
  while (remaining > 0) {
    const n = chunker.next(remaining);
    sizes.push(n);
    remaining -= n;
    chunker.record(n, n * itemMs);
  }
  return sizes;
}

describe(AutoChunker, () => {
  it('starts one growth step below the size an earlier map of the function learned', () => {
    expect(new AutoChunker({ total: 10_000, workers: 2, learned: 1000 }).size).toBe(125);
    expect(new AutoChunker({ total: 10_000, workers: 2, learned: 5 }).size).toBe(1);
    expect(new AutoChunker({ total: 10_000, workers: 2 }).size).toBe(1);
    // The tail still spreads over every worker.
    expect(new AutoChunker({ total: 100, workers: 2, learned: 1000 }).next(100)).toBe(25);
  });

  it('starts at one item', () => {
    const chunker = new AutoChunker({ total: 1000, workers: 2 });
    expect(chunker.size).toBe(1);
    expect(chunker.next(1000)).toBe(1);
    expect(chunker.itemMs).toBeUndefined();
  });

  it('grows quickly to large chunks for tiny tasks', () => {
    const chunker = new AutoChunker({ total: 1_000_000, workers: 2 });
    const sizes = simulate(chunker, 1_000_000, 0.001);
    expect(sizes.slice(0, 5)).toEqual([1, 8, 64, 512, 4096]);
    expect(chunker.size).toBe(20_000);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(1_000_000);
    // A million items in far fewer than a thousand tasks.
    expect(sizes.length).toBeLessThan(150);
  });

  it('keeps one item per chunk for slow tasks', () => {
    const chunker = new AutoChunker({ total: 40, workers: 2 });
    const sizes = simulate(chunker, 40, 50);
    expect(sizes.every((n) => n === 1)).toBe(true);
    expect(chunker.size).toBe(1);
  });

  it('aims each chunk at targetMs', () => {
    const chunker = new AutoChunker({ total: 100_000, workers: 4, targetMs: 10 });
    for (let i = 0; i < 10; i++) chunker.record(chunker.size, chunker.size * 0.1);
    expect(chunker.size).toBe(100);
    expect(chunker.itemMs).toBeCloseTo(0.1);
  });

  it('caps the tail so every worker still gets about two chunks', () => {
    const chunker = new AutoChunker({ total: 1_000_000, workers: 4 });
    for (let i = 0; i < 10; i++) chunker.record(chunker.size, chunker.size * 0.001);
    expect(chunker.size).toBeGreaterThan(1000);
    expect(chunker.next(80)).toBe(10);
    expect(chunker.next(7)).toBe(1);
    expect(chunker.next(1)).toBe(1);
    expect(chunker.next(0)).toBe(0);
  });

  it('ends a tiny-task map with small balanced chunks', () => {
    const chunker = new AutoChunker({ total: 100_000, workers: 2 });
    const sizes = simulate(chunker, 100_000, 0.001);
    expect(sizes.at(-1)).toBe(1);
    let remaining = 100_000;
    for (const n of sizes) {
      expect(n).toBeLessThanOrEqual(Math.ceil(remaining / 4));
      remaining -= n;
    }
  });

  it('shrinks by at most half per chunk when tasks get slower', () => {
    const chunker = new AutoChunker({ total: 1_000_000, workers: 2 });
    for (let i = 0; i < 10; i++) chunker.record(chunker.size, chunker.size * 0.001);
    const big = chunker.size;
    chunker.record(big, big * 10);
    expect(chunker.size).toBe(big / 2);
    for (let i = 0; i < 100; i++) {
      const before = chunker.size;
      chunker.record(before, before * 10);
      expect(chunker.size).toBeGreaterThanOrEqual(before / 2);
    }
    expect(chunker.size).toBe(2);
  });

  it('treats zero or negative compute time as 0.001 ms', () => {
    const chunker = new AutoChunker({ total: 1000, workers: 2 });
    chunker.record(1, 0);
    expect(chunker.size).toBe(8);
    chunker.record(8, -5);
    expect(Number.isFinite(chunker.itemMs)).toBe(true);
    expect(chunker.size).toBe(64);
  });

  it('never grows past the whole map and respects minChunk', () => {
    const small = new AutoChunker({ total: 20, workers: 1 });
    for (let i = 0; i < 5; i++) small.record(1, 0.0001);
    expect(small.size).toBe(20);
    const floored = new AutoChunker({ total: 100, workers: 2, minChunk: 4 });
    expect(floored.size).toBe(4);
    floored.record(4, 400);
    expect(floored.size).toBe(4);
  });

  it('rejects bad options', () => {
    expect(() => new AutoChunker({ total: 10, workers: 0 })).toThrow(RangeError);
    expect(() => new AutoChunker({ total: -1, workers: 2 })).toThrow(RangeError);
    expect(() => new AutoChunker({ total: 10, workers: 2, targetMs: 0 })).toThrow(RangeError);
  });
});

describe(poolChunkSize, () => {
  it('matches multiprocessing.Pool.map: ceil(total / (4 * workers))', () => {
    expect(poolChunkSize(100, 4)).toBe(7);
    expect(poolChunkSize(96, 4)).toBe(6);
    expect(poolChunkSize(1000, 8)).toBe(32);
  });

  it('is at least 1', () => {
    expect(poolChunkSize(0, 4)).toBe(1);
    expect(poolChunkSize(3, 8)).toBe(1);
  });
});
