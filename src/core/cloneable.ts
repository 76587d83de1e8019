/**
 * Checks on values before they are posted to a worker: what structured clone would reject
 * (so the error can name the argument and the path), and roughly how many bytes it copies.
 */
import { sizeOf } from './inspect';
import { isTypedArray } from './partition';

/** Where in a value something uncloneable sits, and what it is. */
export interface UncloneableFinding {
  /** Path from the value's root, e.g. `[2].cb` or `.options.onDone`; `''` for the root. */
  path: string;
  /** What was found, e.g. `a function`. */
  kind: string;
}

/** Objects structured clone copies without looking inside (or that have no own data). */
function isOpaqueCloneable(x: object): boolean {
  return (
    isTypedArray(x) ||
    x instanceof ArrayBuffer ||
    x instanceof DataView ||
    x instanceof Date ||
    x instanceof RegExp ||
    x instanceof Error ||
    (typeof SharedArrayBuffer !== 'undefined' && x instanceof SharedArrayBuffer)
  );
}

/** What structured clone refuses, by `Object.prototype.toString` tag. */
const UNCLONEABLE_TAGS: Record<string, string> = {
  '[object WeakMap]': 'a WeakMap',
  '[object WeakSet]': 'a WeakSet',
  '[object WeakRef]': 'a WeakRef',
  '[object FinalizationRegistry]': 'a FinalizationRegistry',
  '[object Promise]': 'a Promise',
  '[object Generator]': 'a generator',
  '[object AsyncGenerator]': 'an async generator',
};

/** Path step for a property key: `.name` for identifiers, `["odd key"]` otherwise. */
function keyStep(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

/** Path step for a Map key. */
function mapKeyStep(key: unknown, index: number): string {
  if (typeof key === 'string') return `.get(${JSON.stringify(key)})`;
  if (typeof key === 'number' || typeof key === 'boolean') return `.get(${String(key)})`;
  return `.get(<key ${index}>)`;
}

/** Why a single value cannot be cloned, or undefined if it can (its children not checked). */
function uncloneableKind(value: unknown): string | undefined {
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'symbol') return 'a symbol';
  if (typeof value !== 'object' || value === null) return undefined;
  const tagged = UNCLONEABLE_TAGS[Object.prototype.toString.call(value)];
  if (tagged) return tagged;
  if (typeof readProperty(value, 'then') === 'function') {
    return 'a thenable (an object with a then method)';
  }
  return undefined;
}

/** Reads a property, treating a throwing getter as undefined. */
function readProperty(object: object, key: string): unknown {
  try {
    return (object as Record<string, unknown>)[key];
  } catch {
    return undefined;
  }
}

/** A value inside another, with its path from the root. */
interface Child {
  value: unknown;
  path: string;
}

/** The values structured clone would copy out of a container, in order, with their paths. */
function* childrenOf(container: object, path: string): Generator<Child> {
  if (Array.isArray(container)) {
    for (let i = 0; i < container.length; i++) {
      yield { value: container[i], path: `${path}[${i}]` };
    }
  } else if (container instanceof Map) {
    let i = 0;
    for (const [k, v] of container) {
      yield { value: k, path: `${path}.keys()[${i}]` };
      yield { value: v, path: path + mapKeyStep(k, i) };
      i++;
    }
  } else if (container instanceof Set) {
    let i = 0;
    for (const item of container) yield { value: item, path: `${path}.values()[${i++}]` };
  } else {
    for (const key of Object.keys(container)) {
      yield { value: readProperty(container, key), path: path + keyStep(key) };
    }
  }
}

/**
 * Finds the first part of `value` that `postMessage` would reject: functions, symbols,
 * WeakMap/WeakSet/WeakRef, promises and other thenables, generators. It walks arrays,
 * objects (class instances too: a clone just drops their prototype), Map and Set, skips
 * typed arrays, buffers, dates and regexps, tolerates cycles, and gives up (null) after
 * visiting `maxNodes` values.
 */
export function findUncloneable(value: unknown, maxNodes = 10000): UncloneableFinding | null {
  const seen = new Set<object>();
  // Depth-first with one iterator per open container, so deep or huge values use no recursion.
  const open: Array<Iterator<Child>> = [];
  let visited = 0;
  let next: Child | undefined = { value, path: '' };
  while (next) {
    if (++visited > maxNodes) return null;
    const { value: current, path } = next;
    const kind = uncloneableKind(current);
    if (kind) return { path, kind };
    if (typeof current === 'object' && current !== null && !seen.has(current)) {
      seen.add(current);
      // An array of plain values (a map's items, often many) is checked in one pass, within
      // the budget (a sparse array's length can be far more than its items).
      if (Array.isArray(current) && current.length <= maxNodes - visited && allPlain(current)) {
        visited += current.length;
      } else if (!isOpaqueCloneable(current)) open.push(childrenOf(current, path));
    }
    next = undefined;
    while (!next && open.length > 0) {
      const step = (open.at(-1) as Iterator<Child>).next();
      if (step.done) open.pop();
      else next = step.value;
    }
  }
  return null;
}

/** True when every item of `items` is a number, string, boolean, bigint, null or undefined. */
function allPlain(items: readonly unknown[]): boolean {
  for (let i = 0; i < items.length; i++) {
    const x = items[i];
    const t = typeof x;
    if (t === 'object' ? x !== null : t === 'function' || t === 'symbol') return false;
  }
  return true;
}

/** Names an argument and a path inside it for an error message, e.g. `argument 2 (.cb)`. */
export function describeArgument(index: number, path: string): string {
  return path === '' ? `argument ${index}` : `argument ${index} (${path})`;
}

/** Bytes a structured clone copies for a typed array: the whole buffer unless it is shared. */
function viewBytes(view: ArrayBufferView): number {
  const buffer = view.buffer;
  const shared = typeof SharedArrayBuffer !== 'undefined' && buffer instanceof SharedArrayBuffer;
  return shared ? view.byteLength : buffer.byteLength;
}

/** Bytes of a primitive as {@link estimateBytes} counts them; -1 for objects and bigints. */
function primitiveBytes(v: unknown): number {
  switch (typeof v) {
    case 'string':
      return 2 * v.length;
    case 'number':
      return 8;
    case 'boolean':
      return 4;
    case 'object':
      return v === null ? 4 : -1;
    case 'bigint':
      return -1;
    default:
      return 4;
  }
}

/**
 * Bytes of a short array of primitives (or, `depth` levels down, of such arrays) as
 * {@link estimateBytes} counts them; -1 for anything else.
 */
function smallArrayBytes(v: unknown, depth: number): number {
  if (!Array.isArray(v) || v.length > 64) return -1;
  let total = 0;
  for (const x of v as unknown[]) {
    let b = primitiveBytes(x);
    if (b < 0 && depth > 0) b = smallArrayBytes(x, depth - 1);
    if (b < 0) return -1;
    total += b;
  }
  return total;
}

/**
 * Bytes of an array of primitives (no bigints) as {@link estimateBytes} counts them, summed
 * in one pass with no walk (a map's chunk of items, say); undefined for any other array.
 */
function plainArrayBytes(v: readonly unknown[]): number | undefined {
  let total = 0;
  for (let i = 0; i < v.length; i++) {
    const b = primitiveBytes(v[i]);
    if (b < 0) return undefined;
    total += b;
  }
  return total;
}

/** Bytes of a value cloned whole (typed arrays, buffers, dates, regexps); undefined otherwise. */
function opaqueBytes(v: object): number | undefined {
  if (ArrayBuffer.isView(v)) return viewBytes(v);
  if (v instanceof ArrayBuffer) return v.byteLength;
  if (typeof SharedArrayBuffer !== 'undefined' && v instanceof SharedArrayBuffer) {
    return v.byteLength;
  }
  if (v instanceof Date) return 8;
  if (v instanceof RegExp) return 2 * v.source.length + 8;
  return undefined;
}

/** Containers nested deeper than this are guessed from their size, not walked. */
const MAX_DEPTH = 500;

/**
 * Roughly how many bytes a structured clone of `value` copies: typed arrays and buffers
 * their byte length (a view copies its whole buffer unless it is shared), strings 2 per
 * character, numbers 8, booleans 4, containers the sum of their keys and children. After
 * `maxNodes` values it stops measuring and extrapolates each unfinished container from the
 * children it measured, so a 100,000-element array costs about `maxNodes` steps.
 */
export function estimateBytes(value: unknown, maxNodes = 2000): number {
  // A task's one item, or its few: counted without the walk's bookkeeping (the hot path).
  const quick = primitiveBytes(value);
  if (quick >= 0) return quick;
  const small = smallArrayBytes(value, 1);
  if (small >= 0) return small;
  const seen = new Set<object>();
  let budget = maxNodes;

  /** Sums `count` children, extrapolating from the measured ones once out of budget. */
  const sumChildren = <T>(count: number, items: Iterable<T>, size: (item: T) => number) => {
    let total = 0;
    let done = 0;
    for (const item of items) {
      if (done > 0 && budget <= 0) break;
      total += size(item);
      done++;
    }
    return done < count ? (total / done) * count : total;
  };

  const measure = (v: unknown, depth: number): number => {
    budget--;
    switch (typeof v) {
      case 'string':
        return 2 * v.length;
      case 'number':
        return 8;
      case 'bigint':
        return 8 + Math.ceil(v.toString(16).length / 2);
      case 'boolean':
        return 4;
      case 'object':
        break;
      default:
        return 4;
    }
    if (v === null) return 4;
    if (seen.has(v)) return 8;
    seen.add(v);
    const opaque = opaqueBytes(v);
    if (opaque !== undefined) return opaque;
    const count = sizeOf(v);
    // Out of budget or too deep to recurse safely: guess a number's size per child.
    if (count === 0 || budget < 0 || depth >= MAX_DEPTH) return count * 8;
    const inner = depth + 1;
    if (Array.isArray(v)) {
      const flat = v.length <= budget ? plainArrayBytes(v) : undefined;
      if (flat === undefined) return sumChildren(count, v, (x) => measure(x, inner));
      budget -= v.length;
      return flat;
    }
    if (v instanceof Map) {
      return sumChildren(count, v, ([k, x]) => measure(k, inner) + measure(x, inner));
    }
    if (v instanceof Set) return sumChildren(count, v, (x) => measure(x, inner));
    return sumChildren(
      count,
      Object.keys(v),
      (key) => 2 * key.length + measure(readProperty(v, key), inner),
    );
  };

  return Math.round(measure(value, 0));
}
