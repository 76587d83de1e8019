/**
 * Scatter and gather of typed arrays through shared memory, where the page is
 * cross-origin isolated. A typed array the script made with `sharedArray` already lives in
 * shared memory: scatter sends every engine a view of its part (structured cloning a view
 * of shared memory shares it: no copy at all). Any other typed array is copied once into a
 * new SharedArrayBuffer, then shared the same way (the caller's array stays its own).
 * Gathering parts that are still adjacent views of one such buffer returns one view of it,
 * again without copying. Without isolation, scatter copies each part and transfers it, and
 * gather concatenates (see direct-view.ts).
 */
import { concatParts, isTypedArray, TYPED_ARRAY_CONSTRUCTORS } from '../core/partition';
import type { TypedArray } from '../core/partition';
import { usage } from './script-errors';

/** A typed array constructor, as `sharedArray` takes it (`Float64Array`, `Int32Array` ...). */
export type TypedArrayConstructor<T extends TypedArray = TypedArray> = {
  new (length: number): T;
  new (buffer: ArrayBufferLike, byteOffset: number, length: number): T;
  readonly BYTES_PER_ELEMENT: number;
};

/** True where memory can be shared with workers. */
export function canShareMemory(): boolean {
  return typeof SharedArrayBuffer === 'function' && globalThis.crossOriginIsolated === true;
}

/** Bytes at the end of every buffer made here that name it (views never cover them). */
const TAG_BYTES = 16;

/** Who made a tagged buffer: `sharedArray` (the script's own memory) or a scatter's copy. */
type Owner = 'script' | 'scatter';

/**
 * Buffers made here, by tag. Each message that carries a view of shared memory arrives as
 * a new SharedArrayBuffer object over the same memory, so buffers are recognised by the
 * random tag they end with, not by object identity. Only the tag is kept (a few bytes per
 * buffer), never the buffer: whether the driver still holds its own buffer object is up to
 * the garbage collector, and gather must not depend on it.
 */
const tags = new Map<string, Owner>();

/**
 * Forgets the buffers made so far: after a run no script holds them any more, and a
 * driver kept warm for the next run must not collect every run's tags.
 */
export function forgetSharedBuffers(): void {
  tags.clear();
}

/** The tag at the end of a shared buffer, if it is one of ours. */
function tagOf(buffer: ArrayBufferLike): string | undefined {
  if (!canShareMemory() || !(buffer instanceof SharedArrayBuffer)) return undefined;
  // Ours are whole 4-byte words long; any other length cannot hold a tag where we put it.
  if (buffer.byteLength < TAG_BYTES || buffer.byteLength % 4 !== 0) return undefined;
  const words = new Uint32Array(buffer, buffer.byteLength - TAG_BYTES, TAG_BYTES / 4);
  const tag = Array.from(words, (w) => w.toString(16)).join('-');
  return tags.has(tag) ? tag : undefined;
}

/** A new tagged SharedArrayBuffer with room for `dataBytes` (rounded up to 4-byte words). */
function allocateTagged(dataBytes: number, owner: Owner): SharedArrayBuffer {
  const padded = Math.ceil(dataBytes / 4) * 4;
  const buffer = new SharedArrayBuffer(padded + TAG_BYTES);
  // getRandomValues refuses shared memory: draw the tag apart, then copy it in.
  const tag = crypto.getRandomValues(new Uint32Array(TAG_BYTES / 4));
  new Uint32Array(buffer, padded, TAG_BYTES / 4).set(tag);
  tags.set(Array.from(tag, (w) => w.toString(16)).join('-'), owner);
  return buffer;
}

/**
 * A zero-filled typed array of `length` items in shared memory where the page is isolated
 * (scatter and gather then never copy it), else an ordinary one.
 */
export function sharedArray<T extends TypedArray>(
  ctor: TypedArrayConstructor<T>,
  length: number,
): T {
  if (!canShareMemory()) return new ctor(length);
  return new ctor(allocateTagged(length * ctor.BYTES_PER_ELEMENT, 'script'), 0, length);
}

/**
 * Views of `seq` for each `[start, end)` range in shared memory, or undefined when `seq`
 * is not a typed array or memory cannot be shared. An array made by `sharedArray` (or a
 * view of one) is shared as it is; any other is first copied into a new shared buffer.
 */
export function sharedParts(
  seq: unknown,
  ranges: readonly (readonly [number, number])[],
): TypedArray[] | undefined {
  if (!isTypedArray(seq) || !canShareMemory()) return undefined;
  const ctor = seq.constructor as unknown as TypedArrayConstructor;
  const bytes = seq.BYTES_PER_ELEMENT;
  const tag = tagOf(seq.buffer);
  let source: TypedArray = seq;
  if (tag === undefined || tags.get(tag) !== 'script') {
    source = new ctor(allocateTagged(seq.byteLength, 'scatter'), 0, seq.length);
    (source as unknown as { set(a: ArrayLike<number | bigint>): void }).set(seq);
  }
  const base = source.byteOffset;
  return ranges.map(([start, end]) => new ctor(source.buffer, base + start * bytes, end - start));
}

/**
 * Joins gathered parts: adjacent views, in order and of one type, of a buffer made here
 * become one view of it (no copy); anything else is concatenated as `concatParts` does.
 */
export function joinParts(parts: unknown[]): unknown {
  const first = parts[0];
  const tag = isTypedArray(first) ? tagOf(first.buffer) : undefined;
  if (!isTypedArray(first) || tag === undefined) return concatParts(parts);
  let end = first.byteOffset;
  let length = 0;
  for (const p of parts) {
    if (!isTypedArray(p) || p.constructor !== first.constructor) return concatParts(parts);
    if (p.byteOffset !== end || tagOf(p.buffer) !== tag) return concatParts(parts);
    end += p.byteLength;
    length += p.length;
  }
  const ctor = first.constructor as unknown as TypedArrayConstructor;
  return new ctor(first.buffer, first.byteOffset, length);
}

/** The typed array constructors `sharedArray` accepts. */
const TYPED_ARRAY_TYPES: readonly unknown[] = TYPED_ARRAY_CONSTRUCTORS;

/**
 * The script's `sharedArray(Float64Array, n)`: checks its arguments (a bad one is a
 * UsageError at the line of the call, from `callSiteLine`), then calls {@link sharedArray}.
 */
export function createSharedArrayGlobal(callSiteLine: () => number | undefined) {
  return <T extends TypedArray>(type: TypedArrayConstructor<T>, length: number): T => {
    if (!TYPED_ARRAY_TYPES.includes(type)) {
      throw usage(
        'sharedArray: expected a typed array type as the first argument',
        'Pass the constructor itself, e.g. sharedArray(Float64Array, 1_000_000).',
        callSiteLine(),
      );
    }
    if (!Number.isSafeInteger(length) || length < 0) {
      throw usage(
        `sharedArray: the length must be a whole number >= 0, got ${String(length)}`,
        'Pass how many items the array holds, e.g. sharedArray(Float64Array, 1_000_000).',
        callSiteLine(),
      );
    }
    return sharedArray(type, length);
  };
}
