/**
 * Splitting sequences across workers (scatter, static map) and joining the parts again
 * (gather), with ipyparallel's rules: contiguous ranges, the first `length % parts` parts
 * one item longer, and typed arrays kept typed.
 */

/** Any built-in typed array; these stay typed and contiguous through scatter and gather. */
export type TypedArray =
  | Int8Array
  | Uint8Array
  | Uint8ClampedArray
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | Float32Array
  | Float64Array
  | BigInt64Array
  | BigUint64Array;

/** The built-in typed array constructors, one per {@link TypedArray} type. */
export const TYPED_ARRAY_CONSTRUCTORS = [
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
  BigInt64Array,
  BigUint64Array,
] as const;

/** Anything with a length and indexed items: arrays, typed arrays, strings, array-likes. */
export type Sequence = ArrayLike<unknown>;

/** Constructor shared by every typed array type, used to allocate a gathered result. */
type TypedArrayConstructor = new (length: number) => TypedArray;

/** Whether `x` is a typed array (any `ArrayBuffer` view except a `DataView`). */
export function isTypedArray(x: unknown): x is TypedArray {
  return ArrayBuffer.isView(x) && !(x instanceof DataView);
}

/**
 * Splits `length` items into `parts` contiguous `[start, end)` ranges the way ipyparallel
 * scatters: the first `length % parts` ranges get one extra item (10 over 4 gives sizes
 * 3, 3, 2, 2; 2 over 4 gives 1, 1, 0, 0), so sizes never differ by more than one.
 */
export function partition(length: number, parts: number): Array<[start: number, end: number]> {
  if (!Number.isInteger(parts) || parts < 1) {
    throw new RangeError(`partition: parts must be a whole number >= 1, got ${String(parts)}`);
  }
  if (!Number.isInteger(length) || length < 0) {
    throw new RangeError(`partition: length must be a whole number >= 0, got ${String(length)}`);
  }
  const base = Math.floor(length / parts);
  const extra = length % parts;
  const ranges: Array<[start: number, end: number]> = [];
  let start = 0;
  for (let i = 0; i < parts; i++) {
    const end = start + base + (i < extra ? 1 : 0);
    ranges.push([start, end]);
    start = end;
  }
  return ranges;
}

/**
 * Copies items `start` to `end` of `seq` into a value of the same kind: typed arrays via
 * `.slice` (a contiguous copy with its own buffer, so it can be transferred), arrays and
 * strings via `.slice`, and any other array-like into a plain array.
 */
export function sliceSequence<T extends ArrayLike<unknown>>(seq: T, start: number, end: number): T {
  if (isTypedArray(seq)) return seq.slice(start, end) as unknown as T;
  if (Array.isArray(seq)) return seq.slice(start, end) as unknown as T;
  if (typeof seq === 'string') return (seq as string).slice(start, end) as unknown as T;
  const from = Math.max(0, Math.min(start, seq.length));
  const to = Math.max(from, Math.min(end, seq.length));
  const out: unknown[] = [];
  for (let i = from; i < to; i++) out.push(seq[i]);
  return out as unknown as T;
}

/** Splits `seq` into `parts` contiguous pieces of the same kind, sized as {@link partition} says. */
export function splitSequence<T extends ArrayLike<unknown>>(seq: T, parts: number): T[] {
  return partition(seq.length, parts).map(([start, end]) => sliceSequence(seq, start, end));
}

/**
 * Joins gathered parts: typed arrays of one type become one typed array of that type,
 * arrays (or arrays mixed with typed arrays) one flat array, strings one string; anything
 * else (scalars, mixed kinds) comes back as the list of parts, as ipyparallel's gather does.
 */
export function concatParts(parts: unknown[]): unknown {
  if (parts.length === 0) return [];
  const first = parts[0];
  if (
    isTypedArray(first) &&
    parts.every((p) => isTypedArray(p) && p.constructor === first.constructor)
  ) {
    return concatTyped(parts as TypedArray[], first.constructor as TypedArrayConstructor);
  }
  if (parts.every((p) => Array.isArray(p) || isTypedArray(p))) {
    const out: unknown[] = [];
    for (const part of parts as ArrayLike<unknown>[]) {
      for (let i = 0; i < part.length; i++) out.push(part[i]);
    }
    return out;
  }
  if (parts.every((p) => typeof p === 'string')) return parts.join('');
  return parts.slice();
}

/** Copies typed arrays of one type end to end into a new one. */
function concatTyped(parts: TypedArray[], ctor: TypedArrayConstructor): TypedArray {
  const total = parts.reduce((sum, p) => sum + p.length, 0);
  const out = new ctor(total);
  let offset = 0;
  for (const part of parts) {
    // Same constructor, so `set` copies without conversion (bigint arrays included).
    (out as { set(source: ArrayLike<unknown>, offset: number): void }).set(part, offset);
    offset += part.length;
  }
  return out;
}
