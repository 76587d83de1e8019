/**
 * Results of map chunks travel back packed when they are all numbers: one Float64Array,
 * transferred, instead of an array the driver must deserialize item by item (the
 * driver's time per task is what limits small tasks). The driver reads the packed values
 * as an array-like, so scripts still receive plain arrays.
 */

/** Below this many items, packing gains nothing. */
const MIN_PACKED = 32;
const packed = new WeakSet<Float64Array>();

/** `values` as a Float64Array when every item is a number and there are enough of them. */
export function packNumbers(values: unknown[]): unknown[] | Float64Array {
  if (values.length < MIN_PACKED) return values;
  for (let i = 0; i < values.length; i++) if (typeof values[i] !== 'number') return values;
  const out = Float64Array.from(values as number[]);
  packed.add(out);
  return out;
}

/** The buffers a reply can give away: only what {@link packNumbers} made. */
export function transferOf(value: unknown): Transferable[] {
  return value instanceof Float64Array && packed.has(value) ? [value.buffer] : [];
}
