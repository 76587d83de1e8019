/**
 * Whether a worker is still as clean as a fresh one, so the next run may reuse it warm
 * (its code compiled, nothing to start) instead of starting a new one.
 *
 * A fresh worker per run keeps every run's state apart for free; a reused one must show it
 * kept nothing. {@link Hygiene} is installed before any user code runs. It fingerprints the
 * built-ins (every property of the global object, of the objects and constructors it holds
 * and of their prototypes), and tracks what outlives a run: timers not yet fired, listeners
 * added to the worker, requests in flight, workers and channels opened. {@link dirt} names
 * the first thing found, or is undefined when the worker may be reused.
 */

/** One property as it was: its value, or its accessors, and whether it could change. */
interface Slot {
  value: unknown;
  get: unknown;
  set: unknown;
  writable: boolean | undefined;
}

/** Every own property of one object, and whether it could take new ones. */
export interface Print {
  slots: Map<PropertyKey, Slot>;
  extensible: boolean;
}

/** Tells whether a property of a root may change between runs (the driver's API globals). */
export type Ignore = (root: object, key: PropertyKey) => boolean;

/** Constructors whose objects outlive a run and can deliver messages into the next one. */
const LASTING = ['Worker', 'SharedWorker', 'BroadcastChannel', 'WebSocket', 'EventSource'];

// Taken before user code runs, which may replace them.
const ownKeys = Reflect.ownKeys.bind(Reflect);
const describe = Reflect.getOwnPropertyDescriptor.bind(Reflect);
const isExtensible = Object.isExtensible;
const is = Object.is;
const protoOf = Object.getPrototypeOf;

function slotOf(d: PropertyDescriptor): Slot {
  // Read as data: the accessors are compared, never called.
  const { value, get, set, writable } = d as Slot;
  return { value, get, set, writable };
}

/** The own properties of `o` as they are now. */
export function fingerprint(o: object): Print {
  const slots = new Map<PropertyKey, Slot>();
  for (const key of ownKeys(o)) {
    const d = describe(o, key);
    if (d) slots.set(key, slotOf(d));
  }
  return { slots, extensible: isExtensible(o) };
}

function same(a: Slot, b: Slot): boolean {
  return is(a.value, b.value) && a.get === b.get && a.set === b.set && a.writable === b.writable;
}

function keyName(key: PropertyKey): string {
  return typeof key === 'symbol' ? key.toString() : String(key);
}

/**
 * What changed on `o` since `before` was taken (` (frozen or sealed)`, or `.key`), or
 * undefined when nothing did but properties `ignore` allows.
 */
export function changeIn(
  o: object,
  before: Print,
  ignore: (key: PropertyKey) => boolean = () => false,
): string | undefined {
  if (isExtensible(o) !== before.extensible) return ' (frozen or sealed)';
  const now = fingerprint(o);
  for (const [key, slot] of now.slots) {
    if (ignore(key)) continue;
    const was = before.slots.get(key);
    if (!was || !same(was, slot)) return `.${keyName(key)}`;
  }
  for (const key of before.slots.keys()) {
    if (!now.slots.has(key) && !ignore(key)) return `.${keyName(key)}`;
  }
  return undefined;
}

/** The objects the fingerprint covers: the global object and what hangs from it. */
function roots(scope: object): Map<object, string> {
  const found = new Map<object, string>();
  const add = (o: unknown, name: string) => {
    if ((typeof o === 'object' || typeof o === 'function') && o !== null && !found.has(o)) {
      found.set(o, name);
    }
  };
  for (let o: object | null = scope; o; o = protoOf(o) as object | null) add(o, 'self');
  /** Adds the data properties of `holder` that are objects, and their prototypes. */
  const addMembers = (holder: object, prefix: string, deeper: boolean) => {
    for (const key of ownKeys(holder)) {
      const d = describe(holder, key);
      const value: unknown = d && 'value' in d ? d.value : undefined;
      const name = `${prefix}${keyName(key)}`;
      const isNew =
        (typeof value === 'object' || typeof value === 'function') && !found.has(value!);
      add(value, name);
      if (typeof value === 'function') {
        add((value as { prototype?: unknown }).prototype, `${name}.prototype`);
      } else if (deeper && isNew && typeof value === 'object' && value !== null) {
        // A namespace (Intl, WebAssembly, Atomics...): its constructors too.
        addMembers(value, `${name}.`, false);
      }
    }
  };
  addMembers(scope, '', true);
  // Reached through accessors (not read above: a getter may have effects), or hidden.
  const g = scope as Record<string, unknown>;
  for (const name of ['performance', 'navigator', 'crypto', 'location']) add(g[name], name);
  add(protoOf(Int8Array), 'TypedArray');
  add(protoOf(Int8Array.prototype), 'TypedArray.prototype');
  add(protoOf(protoOf([][Symbol.iterator]())), 'Iterator.prototype');
  add(protoOf([][Symbol.iterator]()), 'ArrayIterator.prototype');
  add(
    protoOf(function* () {}),
    'GeneratorFunction.prototype',
  );
  add(
    protoOf(async function () {}),
    'AsyncFunction.prototype',
  );
  return found;
}

/** Tracks what outlives a run and tells whether the worker kept anything. */
export class Hygiene {
  private readonly prints = new Map<object, [string, Print]>();
  private readonly handlers = new Map<string, unknown>();
  private readonly timers = new Set<unknown>();
  /** Listeners added to the worker after {@link baseline} and not removed, with their type. */
  private readonly listeners = new Map<unknown, string>();
  private armed = false;
  private inFlight = 0;
  private opened: string | undefined;

  /**
   * Tracks timers, listeners, requests and lasting objects from now on.
   * @param ignore properties that may change between runs
   * @param scope the worker's global scope (a stand-in in tests)
   */
  constructor(
    private readonly ignore: Ignore = () => false,
    private readonly scope: Record<string, unknown> = globalThis,
  ) {
    this.track();
  }

  /** Takes the fingerprint of a clean worker (after its own globals are defined). */
  baseline(): void {
    this.prints.clear();
    for (const [root, name] of roots(this.scope)) this.prints.set(root, [name, fingerprint(root)]);
    this.handlers.clear();
    for (const [name, value] of this.eventHandlers()) this.handlers.set(name, value);
    this.armed = true;
  }

  /** What the worker kept from its runs (a sentence to log), or undefined when it is clean. */
  dirt(): string | undefined {
    if (this.timers.size > 0) return `${this.timers.size} timer(s) still pending`;
    if (this.inFlight > 0) return `${this.inFlight} request(s) still in flight`;
    if (this.opened) return `a ${this.opened} was opened`;
    for (const type of this.listeners.values()) return `a '${type}' listener was added`;
    for (const [name, value] of this.eventHandlers()) {
      if (this.handlers.get(name) !== value) return `${name} was set`;
    }
    for (const [root, [name, before]] of this.prints) {
      const changed = changeIn(root, before, (key) => this.ignore(root, key));
      if (changed !== undefined) return `${name}${changed} was changed`;
    }
    return undefined;
  }

  /** The `on...` handlers of the global scope (accessors: read, not fingerprinted). */
  private eventHandlers(): [string, unknown][] {
    const found: [string, unknown][] = [];
    const g = this.scope;
    for (let o: object | null = g; o; o = protoOf(o) as object | null) {
      for (const key of ownKeys(o)) {
        if (typeof key === 'string' && key.startsWith('on') && describe(o, key)?.get) {
          found.push([key, g[key]]);
        }
      }
    }
    return found;
  }

  /** Replaces the functions whose effects outlive a run with ones that count them. */
  private track(): void {
    const g = this.scope;
    this.trackTimers(g);
    const fetch = g.fetch as ((...a: unknown[]) => Promise<unknown>) | undefined;
    if (typeof fetch === 'function') {
      g.fetch = (...args: unknown[]) => {
        this.inFlight++;
        const done = () => void this.inFlight--;
        const request = fetch(...args);
        request.then(done, done);
        return request;
      };
    }
    for (const name of LASTING) {
      const Ctor = g[name] as (new (...a: unknown[]) => object) | undefined;
      if (typeof Ctor !== 'function') continue;
      // eslint-disable-next-line @typescript-eslint/no-this-alias -- the proxy's trap needs it
      const hygiene = this;
      g[name] = new Proxy(Ctor, {
        construct(target, args: unknown[], newTarget: () => unknown) {
          if (hygiene.armed) hygiene.opened = name;
          return Reflect.construct(target, args, newTarget) as object;
        },
      });
    }
    type Listen = (type: string, listener: unknown, ...rest: unknown[]) => void;
    const add = g.addEventListener as Listen | undefined;
    const remove = g.removeEventListener as Listen | undefined;
    if (typeof add === 'function' && typeof remove === 'function') {
      g.addEventListener = (type: string, listener: unknown, ...rest: unknown[]) => {
        if (this.armed && listener) this.listeners.set(listener, type);
        add.call(g, type, listener, ...rest);
      };
      g.removeEventListener = (type: string, listener: unknown, ...rest: unknown[]) => {
        this.listeners.delete(listener);
        remove.call(g, type, listener, ...rest);
      };
    }
  }

  private trackTimers(g: Record<string, unknown>): void {
    type Schedule = (callback: unknown, ms?: number, ...args: unknown[]) => unknown;
    type Cancel = (id: unknown) => void;
    const setTimeoutOf = g.setTimeout as Schedule;
    const clearTimeoutOf = g.clearTimeout as Cancel;
    const setIntervalOf = g.setInterval as Schedule;
    const clearIntervalOf = g.clearInterval as Cancel;
    g.setTimeout = (callback: unknown, ms?: number, ...args: unknown[]) => {
      const id = setTimeoutOf(
        (...a: unknown[]) => {
          this.timers.delete(id);
          if (typeof callback === 'function') (callback as (...x: unknown[]) => void)(...a);
          // A string is code, as the browser's setTimeout takes it.
          else (0, eval)(String(callback));
        },
        ms,
        ...args,
      );
      this.timers.add(id);
      return id;
    };
    g.clearTimeout = (id: unknown) => {
      this.timers.delete(id);
      clearTimeoutOf(id);
    };
    g.setInterval = (callback: unknown, ms?: number, ...args: unknown[]) => {
      const id = setIntervalOf(callback, ms, ...args);
      this.timers.add(id);
      return id;
    };
    g.clearInterval = (id: unknown) => {
      this.timers.delete(id);
      clearIntervalOf(id);
    };
  }
}
