import { describe, it, expect } from 'vitest';
import { UsageError } from './errors';
import { MAX_WORKERS, resolveWorkerCount } from './worker-count';

/** The UsageError message `resolveWorkerCount` throws for `spec`. */
function failure(spec: unknown, threads = 2): string {
  try {
    resolveWorkerCount(spec, threads);
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return (e as UsageError).message;
  }
  throw new Error(`expected ${String(spec)} to be rejected`);
}

describe(resolveWorkerCount, () => {
  it("uses the hardware threads for 'auto' and when unset", () => {
    expect(resolveWorkerCount('auto', 8)).toBe(8);
    expect(resolveWorkerCount(undefined, 2)).toBe(2);
    expect(resolveWorkerCount(' Auto ', 4)).toBe(4);
  });

  it('takes a positive whole number as it is', () => {
    expect(resolveWorkerCount(1, 2)).toBe(1);
    expect(resolveWorkerCount(16, 2)).toBe(16);
    expect(resolveWorkerCount('3', 2)).toBe(3);
    expect(resolveWorkerCount(MAX_WORKERS, 2)).toBe(64);
  });

  it("gives negative numbers joblib's meaning", () => {
    expect(resolveWorkerCount(-1, 8)).toBe(8);
    expect(resolveWorkerCount(-2, 8)).toBe(7);
    expect(resolveWorkerCount(-8, 8)).toBe(1);
    expect(resolveWorkerCount('-1', 2)).toBe(2);
  });

  it('rejects a negative number that leaves no workers', () => {
    expect(failure(-5, 2)).toBe(
      'workers: -5 leaves no workers on a machine with 2 hardware threads; use -1 for all or a number from 1 to 2',
    );
    expect(failure(-3, 2)).toContain('leaves no workers');
  });

  it('rejects 0 with what to use instead', () => {
    expect(failure(0)).toBe(
      "workers: 0 is not a worker count: use 'auto', a positive number, or -1 for all hardware threads (joblib's meaning)",
    );
  });

  it('rejects non-integers and non-numbers, naming the value', () => {
    expect(failure(NaN)).toContain('workers: NaN is not a worker count');
    expect(failure(2.5)).toContain('workers: 2.5 is not a worker count');
    expect(failure(Infinity)).toContain('workers: Infinity is not a worker count');
    expect(failure('many')).toContain("workers: 'many' is not a worker count");
    expect(failure('4.5')).toContain("workers: '4.5' is not a worker count");
    expect(failure('')).toContain("workers: '' is not a worker count");
    expect(failure(true)).toContain('workers: true is not a worker count');
    expect(failure({ n: 4 })).toContain('workers: {"n":4} is not a worker count');
  });

  it('rejects more than MAX_WORKERS', () => {
    expect(failure(65)).toContain('at most 64');
    expect(failure(1000, 128)).toContain('at most 64');
  });

  it("caps 'auto' and -1 at MAX_WORKERS on very large machines", () => {
    expect(resolveWorkerCount('auto', 256)).toBe(64);
    expect(resolveWorkerCount(-1, 256)).toBe(64);
    expect(resolveWorkerCount(-2, 256)).toBe(64);
  });

  it('treats a missing or bogus hardware thread count as one thread', () => {
    expect(resolveWorkerCount('auto', 0)).toBe(1);
    expect(resolveWorkerCount('auto', NaN)).toBe(1);
    expect(resolveWorkerCount(-1, -4)).toBe(1);
  });
});
