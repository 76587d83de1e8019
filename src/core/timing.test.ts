import { describe, it, expect } from 'vitest';
import { overheadShare, summarizeTiming } from './timing';

const task = (submitted: number, started: number, completed: number, received: number) => ({
  submitted,
  started,
  completed,
  received,
});

describe(summarizeTiming, () => {
  it('measures wall from first submission to last result and serial as summed compute', () => {
    const timing = summarizeTiming(
      [task(1000, 1001, 1101, 1102), task(1000, 1002, 1102, 1104), task(1010, 1101, 1151, 1200)],
      2,
    );
    expect(timing).toEqual({
      wall: 200,
      serial: 250,
      speedup: 1.25,
      efficiency: 0.625,
      workers: 2,
      tasks: 3,
    });
  });

  it('shows perfect scaling as speedup = workers, efficiency 1', () => {
    const records = [0, 1, 2, 3].map(() => task(0, 0, 100, 100));
    const timing = summarizeTiming(records, 4);
    expect(timing.speedup).toBe(4);
    expect(timing.efficiency).toBe(1);
  });

  it('gives zeros, not NaN, when there is nothing to measure', () => {
    expect(summarizeTiming([], 4)).toEqual({
      wall: 0,
      serial: 0,
      speedup: 0,
      efficiency: 0,
      workers: 4,
      tasks: 0,
    });
    const instant = summarizeTiming([task(5, 5, 5, 5)], 0);
    expect([instant.wall, instant.speedup, instant.efficiency]).toEqual([0, 0, 0]);
  });
});

describe(overheadShare, () => {
  it('is the share of worker time not spent computing', () => {
    expect(overheadShare(100, 150, 2)).toBeCloseTo(0.25);
    expect(overheadShare(100, 200, 2)).toBe(0);
  });

  it('clamps to [0, 1] and handles no time', () => {
    expect(overheadShare(100, 300, 2)).toBe(0);
    expect(overheadShare(100, 0, 2)).toBe(1);
    expect(overheadShare(100, -5, 2)).toBe(1);
    expect(overheadShare(0, 10, 2)).toBe(0);
    expect(overheadShare(100, 10, 0)).toBe(0);
    expect(overheadShare(100, NaN, 2)).toBe(0);
  });
});
