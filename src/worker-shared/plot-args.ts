/**
 * Argument checks of the plotting API: numbers, category names and options, each refused
 * with a message that says what was expected and shows an example.
 */
import { isTypedArray } from '../core/partition';

/** Numbers as the plot API accepts them: an array or a typed array. */
export type NumericArray = ArrayLike<number>;

/** A value's type in words, for error messages. */
export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return v.constructor?.name ?? 'an object';
  return typeof v;
}

/** Checks that `v` is an array of numbers or a numeric typed array. */
export function numbers(v: unknown, what: string, example: string): NumericArray {
  if (isTypedArray(v)) {
    if (v instanceof BigInt64Array || v instanceof BigUint64Array) {
      throw new TypeError(
        `${what} must hold numbers, not bigints: convert with Array.from(x, Number). ${example}`,
      );
    }
    return v;
  }
  if (!Array.isArray(v)) {
    throw new TypeError(
      `${what} must be an array of numbers or a typed array, got ${describe(v)}. ${example}`,
    );
  }
  for (let i = 0; i < v.length; i++) {
    if (typeof v[i] !== 'number') {
      throw new TypeError(
        `${what} must hold only numbers, but item ${i} is ${describe(v[i])}. ${example}`,
      );
    }
  }
  return v as number[];
}

/** True for a non-empty array whose first item is a string (category names). */
export function isTextArray(v: unknown): v is readonly unknown[] {
  return Array.isArray(v) && v.length > 0 && typeof v[0] === 'string';
}

/** Category names from strings (or numbers), for bar charts and labelled lines. */
export function categories(
  v: readonly unknown[] | ArrayLike<number>,
  what: string,
  max: number,
): string[] {
  const list = Array.from(v as ArrayLike<unknown>);
  if (list.length > max) {
    throw new RangeError(`${what}: at most ${max} categories, got ${list.length}`);
  }
  return list.map((x, i) => {
    if (typeof x !== 'string' && typeof x !== 'number') {
      throw new TypeError(
        `${what}: labels must be strings or numbers, but label ${i} is ${describe(x)}`,
      );
    }
    return String(x);
  });
}

/** The options argument as an object (empty when absent); anything else is a TypeError. */
export function options<T extends object>(v: unknown, what: string): Partial<T> {
  if (v === undefined) return {};
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    throw new TypeError(`${what}: options must be an object, got ${describe(v)}`);
  }
  return v;
}

/** The `title` option, checked to be a string. */
export function title(v: unknown, what: string): { title?: string } {
  if (v === undefined) return {};
  if (typeof v !== 'string')
    throw new TypeError(`${what}: title must be a string, got ${describe(v)}`);
  return { title: v };
}

/** `plot.hist`'s bin count: a whole number from 1 to `max` (30 when absent). */
export function binCount(bins: unknown, what: string, max: number): number {
  if (bins === undefined) return 30;
  if (typeof bins !== 'number' || !Number.isInteger(bins) || bins < 1 || bins > max) {
    const got = typeof bins === 'number' ? String(bins) : describe(bins);
    throw new RangeError(`${what}: bins must be a whole number from 1 to ${max}, got ${got}`);
  }
  return bins;
}

/** `plot.hist`'s range: `[min, max]`, finite, min below max (undefined when absent). */
export function histRange(r: unknown, what: string): [number, number] | undefined {
  if (r === undefined) return undefined;
  const [lo, hi] = Array.isArray(r) ? (r as unknown[]) : [];
  const ok =
    Array.isArray(r) &&
    r.length === 2 &&
    typeof lo === 'number' &&
    typeof hi === 'number' &&
    Number.isFinite(lo) &&
    Number.isFinite(hi) &&
    lo < hi;
  if (!ok) {
    throw new RangeError(
      `${what}: range must be [min, max] with finite min < max, e.g. { range: [0, 1] }`,
    );
  }
  return [lo, hi];
}

/** True for an options object where data would be (`plot.line(ys, { title })`). */
export function isOptionsObject(v: unknown): v is object {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !isTypedArray(v);
}

/** Checks `plot.image`'s grid: whole positive sides, and width × height values. */
export function assertGrid(length: number, width: number, height: number, what: string): void {
  const example = 'Example: plot.image(counts, 400, 300, { title: "Mandelbrot" })';
  for (const [name, n] of [
    ['width', width],
    ['height', height],
  ] as const) {
    if (!Number.isInteger(n) || n < 1) {
      throw new RangeError(
        `${what}: ${name} must be a whole number of cells, at least 1, got ${String(n)}. ${example}`,
      );
    }
  }
  if (length !== width * height) {
    throw new RangeError(
      `${what}: values must hold width × height = ${width * height} numbers (row after row), got ${length}. ${example}`,
    );
  }
}
