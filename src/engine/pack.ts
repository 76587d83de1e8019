/**
 * Replies travel back without being serialized item by item or copied twice. Results of
 * map chunks that are all numbers are packed into one Float64Array, transferred, instead
 * of an array the driver must deserialize item by item (the driver's time per task is
 * what limits small tasks); the driver reads the packed values as an array-like, so
 * scripts still receive plain arrays. Typed arrays that `pull` (and so `gather`) returns
 * are copied once and the copy transferred: a structured clone would copy them twice
 * (serialize, then deserialize), and the engine keeps its own array either way.
 */

/** Below this many items, packing gains nothing. */
const MIN_PACKED = 32;
/** Views this engine made for a reply: their buffers may be given away. */
const ours = new WeakSet<ArrayBufferView>();

/** `values` as a Float64Array when every item is a number and there are enough of them. */
export function packNumbers(values: unknown[]): unknown[] | Float64Array {
  if (values.length < MIN_PACKED) return values;
  for (let i = 0; i < values.length; i++) if (typeof values[i] !== 'number') return values;
  const out = Float64Array.from(values as number[]);
  ours.add(out);
  return out;
}

/**
 * A pulled value as it should travel: a typed array in ordinary memory becomes a copy of
 * just its items (its buffer then given away); anything else, views of shared memory
 * included (cloning shares them), travels as it is.
 */
export function replyCopy(value: unknown): unknown {
  if (!ArrayBuffer.isView(value) || value instanceof DataView) return value;
  if (typeof SharedArrayBuffer === 'function' && value.buffer instanceof SharedArrayBuffer) {
    return value;
  }
  const copy = (value as unknown as { slice(): ArrayBufferView }).slice();
  ours.add(copy);
  return copy;
}

/** The buffers a reply can give away: only what {@link packNumbers} and {@link replyCopy} made. */
export function transferOf(value: unknown): Transferable[] {
  if (ArrayBuffer.isView(value)) return ours.has(value) ? [value.buffer as ArrayBuffer] : [];
  if (!Array.isArray(value)) return [];
  const buffers: Transferable[] = [];
  for (const v of value as unknown[]) {
    if (ArrayBuffer.isView(v) && ours.has(v)) buffers.push(v.buffer as ArrayBuffer);
  }
  return buffers;
}
