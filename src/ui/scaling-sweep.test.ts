import { describe, expect, it } from 'vitest';
import type { RunReport } from '../protocol/messages';
import { runSweep, sweepCounts } from './scaling-sweep';

function report(workers: number, wall: number, ok = true): RunReport {
  return { ok, workers, wall, output: [], calls: [] };
}

describe(sweepCounts, () => {
  it('doubles up to the maximum, ending on it', () => {
    expect(sweepCounts(8)).toEqual([1, 2, 4, 8]);
    expect(sweepCounts(6)).toEqual([1, 2, 4, 6]);
    expect(sweepCounts(1)).toEqual([1]);
  });
});

describe(runSweep, () => {
  it('measures speedup against one worker and fits the serial fraction', async () => {
    // Amdahl with f = 0.2: T(n) = 100 * (0.2 + 0.8 / n).
    const result = await runSweep((n) => Promise.resolve(report(n, 100 * (0.2 + 0.8 / n))), 8);
    expect(result.points.map((p) => p.workers)).toEqual([1, 2, 4, 8]);
    expect(result.points[1]!.speedup).toBeCloseTo(100 / 60);
    expect(result.fit.serialFraction).toBeCloseTo(0.2, 2);
    expect(result.stopped).toBe(false);
  });

  it('stops when a run fails or is stopped', async () => {
    const result = await runSweep((n) => Promise.resolve(report(n, 10, n < 4)), 8);
    expect(result.points).toHaveLength(2);
    expect(result.stopped).toBe(true);
  });

  it('says so when the script sets its own worker count', async () => {
    const result = await runSweep(() => Promise.resolve(report(2, 10)), 4);
    expect(result.stopped).toBe(true);
    expect(result.error).toMatch(/call cluster\(\) without workers/);
  });
});
