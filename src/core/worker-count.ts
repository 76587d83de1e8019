/**
 * Resolving the `workers` setting of `cluster({ workers })` and the toolbar into a number of
 * engines, with joblib's `n_jobs` meaning for negative numbers.
 */
import { LIMITS } from '../protocol/validate';
import { UsageError } from './errors';

/** Most engines Fanout starts, whatever the machine reports. */
export const MAX_WORKERS = LIMITS.workers;

const WHAT_TO_USE =
  "use 'auto', a positive number, or -1 for all hardware threads (joblib's meaning)";

/** Shows a setting value in a message: strings quoted, others as written. */
function show(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'object' && value !== null) {
    try {
      return JSON.stringify(value) ?? Object.prototype.toString.call(value);
    } catch {
      return Object.prototype.toString.call(value);
    }
  }
  return String(value);
}

/**
 * Turns a worker setting into an engine count: `'auto'` or undefined gives the hardware
 * threads, a positive whole number itself (at most {@link MAX_WORKERS}), and a negative one
 * joblib's meaning (`-1` all threads, `-2` all but one: threads + 1 + n). Numeric strings
 * are read as numbers. Anything else, 0, or a negative number that leaves no workers
 * throws a UsageError that says what to use instead.
 */
export function resolveWorkerCount(spec: unknown, hardwareThreads: number): number {
  const threads = Number.isFinite(hardwareThreads) ? Math.max(1, Math.floor(hardwareThreads)) : 1;
  const all = Math.min(threads, MAX_WORKERS);
  if (spec === undefined || spec === null) return all;
  let n: number;
  if (typeof spec === 'number') {
    n = spec;
  } else if (typeof spec === 'string') {
    const text = spec.trim().toLowerCase();
    if (text === 'auto') return all;
    n = /^[+-]?\d+$/.test(text) ? Number(text) : NaN;
  } else {
    n = NaN;
  }
  if (!Number.isInteger(n)) {
    throw new UsageError(`workers: ${show(spec)} is not a worker count: ${WHAT_TO_USE}`);
  }
  if (n === 0) {
    throw new UsageError(`workers: 0 is not a worker count: ${WHAT_TO_USE}`);
  }
  if (n > MAX_WORKERS) {
    throw new UsageError(
      `workers: ${n} is too many: Fanout runs at most ${MAX_WORKERS} workers ` +
        `(this machine has ${threads} hardware threads)`,
    );
  }
  if (n > 0) return n;
  const count = threads + 1 + n;
  if (count < 1) {
    throw new UsageError(
      `workers: ${n} leaves no workers on a machine with ${threads} hardware threads; ` +
        `use -1 for all or a number from 1 to ${all}`,
    );
  }
  return Math.min(count, MAX_WORKERS);
}
