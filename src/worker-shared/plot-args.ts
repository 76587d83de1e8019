/**
 * Argument checks of the plotting API: numbers, category names and options, each refused
 * with a message that says what was expected and shows an example.
 */

/** Numbers as the plot API accepts them: an array or a typed array. */
export type NumericArray = ArrayLike<number>;

/** A value's type in words, for error messages. */
export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return (v as object).constructor?.name ?? 'an object';
  return typeof v;
}

/** True for a typed array (not a DataView). */
export function isTypedArray(v: unknown): v is NumericArray {
  return ArrayBuffer.isView(v) && !(v instanceof DataView);
}

/** Checks that `v` is an array of numbers or a numeric typed array. */
export function numbers(v: unknown, what: string, example: string): NumericArray {
  if (isTypedArray(v)) {
    if (typeof (v as unknown as ArrayLike<unknown>)[0] === 'bigint') {
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
  return v as Partial<T>;
}

/** The `title` option, checked to be a string. */
export function title(v: unknown, what: string): { title?: string } {
  if (v === undefined) return {};
  if (typeof v !== 'string')
    throw new TypeError(`${what}: title must be a string, got ${describe(v)}`);
  return { title: v };
}
