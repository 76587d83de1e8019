import { describe, expect, it } from 'vitest';
import { amdahl, fitAmdahl } from './amdahl';

describe(fitAmdahl, () => {
  it('recovers the serial fraction from exact data', () => {
    const points = [1, 2, 4, 8, 16].map((workers) => ({ workers, speedup: amdahl(0.1, workers) }));
    const fit = fitAmdahl(points);
    expect(Math.abs(fit.serialFraction - 0.1)).toBeLessThan(1e-3);
    expect(fit.rmse).toBeLessThan(1e-3);
    expect(fit.predict(4)).toBeCloseTo(amdahl(0.1, 4), 3);
  });

  it('clamps f to [0, 1]', () => {
    // Superlinear speedups would want f < 0.
    const fast = fitAmdahl([
      { workers: 1, speedup: 1 },
      { workers: 2, speedup: 2.5 },
      { workers: 4, speedup: 5 },
    ]);
    expect(fast.serialFraction).toBe(0);
    expect(fast.predict(4)).toBeCloseTo(4);
    // Slowdowns would want f > 1.
    const slow = fitAmdahl([
      { workers: 2, speedup: 0.5 },
      { workers: 4, speedup: 0.4 },
    ]);
    expect(slow.serialFraction).toBe(1);
    expect(slow.predict(8)).toBeCloseTo(1);
  });

  it('is finite with no points', () => {
    const fit = fitAmdahl([]);
    expect(fit.serialFraction).toBe(0);
    expect(fit.rmse).toBe(0);
  });
});
