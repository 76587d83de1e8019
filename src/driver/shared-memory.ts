/**
 * Scatter and gather of typed arrays through shared memory, where the page is
 * cross-origin isolated: the array is copied once into a SharedArrayBuffer and every
 * engine receives a view of its part (structured cloning a view of shared memory shares
 * it: no copy), and gathering parts that are still adjacent views of that buffer returns
 * one view of it, again without copying. Without isolation, scatter copies each part and
 * transfers it, and gather concatenates (see direct-view.ts).
 */
import { concatParts, isTypedArray } from '../core/partition';
import type { TypedArray } from '../core/partition';

type TypedArrayConstructor = new (
  buffer: ArrayBufferLike,
  byteOffset: number,
  length: number,
) => TypedArray;

/** True where memory can be shared with workers. */
export function canShareMemory(): boolean {
  return typeof SharedArrayBuffer === 'function' && globalThis.crossOriginIsolated === true;
}

/** Bytes at the end of every scattered buffer that name it (views never cover them). */
const TAG_BYTES = 16;
/**
 * Scattered buffers by tag. Each message that carries a view of shared memory arrives as
 * a new SharedArrayBuffer object over the same memory, so gathered parts are recognised
 * by the random tag their buffer ends with, not by object identity.
 */
const scattered = new Map<string, WeakRef<SharedArrayBuffer>>();

/** The tag at the end of a shared buffer, if it is one of ours. */
function tagOf(buffer: ArrayBufferLike): string | undefined {
  if (!canShareMemory() || !(buffer instanceof SharedArrayBuffer)) return undefined;
  if (buffer.byteLength < TAG_BYTES) return undefined;
  const tag = Array.from(new Uint32Array(buffer, buffer.byteLength - TAG_BYTES, TAG_BYTES / 4))
    .map((w) => w.toString(16))
    .join('-');
  return scattered.get(tag)?.deref() ? tag : undefined;
}

/**
 * Views of `seq` for each `[start, end)` range over one SharedArrayBuffer holding a copy of
 * `seq` (the caller's array stays its own), or undefined when `seq` is not a typed array or
 * memory cannot be shared.
 */
export function sharedParts(
  seq: unknown,
  ranges: readonly (readonly [number, number])[],
): TypedArray[] | undefined {
  if (!isTypedArray(seq) || !canShareMemory()) return undefined;
  const ctor = seq.constructor as unknown as TypedArrayConstructor;
  const bytes = seq.BYTES_PER_ELEMENT;
  // The data, padded to a multiple of 4 bytes, then the tag.
  const dataBytes = Math.ceil(seq.byteLength / 4) * 4;
  const buffer = new SharedArrayBuffer(dataBytes + TAG_BYTES);
  const whole = new ctor(buffer, 0, seq.length);
  (whole as unknown as { set(a: ArrayLike<number | bigint>): void }).set(seq);
  for (const [k, ref] of scattered) if (!ref.deref()) scattered.delete(k);
  // getRandomValues refuses shared memory: draw the tag apart, then copy it in.
  const tag = crypto.getRandomValues(new Uint32Array(TAG_BYTES / 4));
  new Uint32Array(buffer, dataBytes, TAG_BYTES / 4).set(tag);
  scattered.set(Array.from(tag, (w) => w.toString(16)).join('-'), new WeakRef(buffer));
  return ranges.map(([start, end]) => new ctor(buffer, start * bytes, end - start));
}

/**
 * Joins gathered parts: adjacent views, in order and of one type, of a buffer that
 * `sharedParts` made become one view of it (no copy); anything else is concatenated as
 * `concatParts` does.
 */
export function joinParts(parts: unknown[]): unknown {
  const first = parts[0];
  const tag = isTypedArray(first) ? tagOf(first.buffer) : undefined;
  const buffer = tag === undefined ? undefined : scattered.get(tag)?.deref();
  if (!isTypedArray(first) || !buffer) return concatParts(parts);
  let end = first.byteOffset;
  let length = 0;
  for (const p of parts) {
    if (!isTypedArray(p) || p.constructor !== first.constructor) return concatParts(parts);
    if (p.byteOffset !== end || tagOf(p.buffer) !== tag) return concatParts(parts);
    end += p.byteLength;
    length += p.length;
  }
  const ctor = first.constructor as unknown as TypedArrayConstructor;
  return new ctor(buffer, first.byteOffset, length);
}
