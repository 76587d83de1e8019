/**
 * Replies travel back without being serialized item by item or copied twice. Results of
 * map chunks that are all numbers are packed into one Float64Array, transferred, instead
 * of an array the driver must deserialize item by item (the driver's time per task is
 * what limits small tasks); the driver reads the packed values as an array-like, so
 * scripts still receive plain arrays. Typed arrays that `pull` (and so `gather`) returns
 * are copied once and the copy transferred: a structured clone would copy them twice
 * (serialize, then deserialize), and the engine keeps its own array either way. A gather
 * of parts a scatter sent goes faster still: each engine in turn writes its part into the
 * gather's one buffer ({@link pourInto}, driver/gather-into.ts).
 */
import { TYPED_ARRAY_CONSTRUCTORS } from '../core/partition';
import type { PourTarget } from '../protocol/messages';

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

// Taken at start-up, as the constructors below: user code may replace the globals.
const hasOwn = Object.hasOwn;
const isView = ArrayBuffer.isView.bind(ArrayBuffer);
const protoOf = Object.getPrototypeOf;
const apply = Reflect.apply;
const setItems = (
  Object.getOwnPropertyDescriptor(protoOf(Int8Array.prototype), 'set') as {
    value: (this: ArrayBufferView, source: ArrayLike<unknown>) => void;
  }
).value;

/** Typed array constructors by name, taken at start-up (user code may replace the globals). */
const TYPED: Readonly<
  Record<string, new (buffer: ArrayBuffer, byteOffset: number, length: number) => TypedView>
> = Object.fromEntries(
  TYPED_ARRAY_CONSTRUCTORS.map((c) => [
    c.name,
    c as unknown as new (b: ArrayBuffer, o: number, n: number) => TypedView,
  ]),
);

interface TypedView extends ArrayBufferView {
  readonly length: number;
  readonly [index: number]: unknown;
}

/**
 * A gather's pour: writes `value` into `into.buffer` at its offset when it is a plain typed
 * array of the type and length the driver expects, and answers with that region (its
 * buffer given back). Anything else is answered as `pull` answers it, beside the region
 * untouched: the driver then joins the parts the usual way.
 */
export function pourInto(
  value: unknown,
  into: PourTarget & { buffer: ArrayBuffer },
): [Uint8Array] | [Uint8Array, unknown] {
  const ctor = hasOwn(TYPED, into.type) ? TYPED[into.type] : undefined;
  const bytes = ctor
    ? into.length * (ctor as unknown as { BYTES_PER_ELEMENT: number }).BYTES_PER_ELEMENT
    : 0;
  const region = new Uint8Array(into.buffer, into.byteOffset, bytes);
  ours.add(region);
  if (
    ctor &&
    isView(value) &&
    protoOf(value) === ctor.prototype &&
    (value as TypedView).length === into.length
  ) {
    apply(setItems, new ctor(into.buffer, into.byteOffset, into.length), [value]);
    return [region];
  }
  return [region, replyCopy(value)];
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

/** The Promise constructor, taken at start-up (user code may replace the global). */
const NativePromise = Promise;

/**
 * The gather buffers the driver forwards to pours waiting in this engine's queue, by task
 * id, and the pours waiting for theirs: whichever comes first waits for the other. Kept in
 * null-prototype records, as the engine's other bookkeeping: user code that replaces `Map`
 * or `Promise` methods cannot break it.
 */
export class PourMailbox {
  private arrived = Object.create(null) as Record<number, { buffer?: ArrayBuffer } | undefined>;
  private waiting = Object.create(null) as Record<
    number,
    ((buffer: ArrayBuffer | undefined) => void) | undefined
  >;

  /** A forwarded buffer (undefined: the gather broke off). */
  put(taskId: number, buffer: ArrayBuffer | undefined): void {
    const wake = this.waiting[taskId];
    if (!wake) {
      this.arrived[taskId] = { buffer };
      return;
    }
    delete this.waiting[taskId];
    wake(buffer);
  }

  /** The buffer for task `taskId`, once it has come. */
  take(taskId: number): Promise<ArrayBuffer | undefined> {
    const arrived = this.arrived[taskId];
    if (arrived) {
      delete this.arrived[taskId];
      return new NativePromise((resolve) => resolve(arrived.buffer));
    }
    return new NativePromise((resolve) => (this.waiting[taskId] = resolve));
  }

  /** Drops what an ended run left: buffers never taken, and pours still waiting (they end). */
  clear(): void {
    const waiting = this.waiting;
    this.arrived = Object.create(null) as typeof this.arrived;
    this.waiting = Object.create(null) as typeof this.waiting;
    for (const id in waiting) waiting[id]?.(undefined);
  }
}
