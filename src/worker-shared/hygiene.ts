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

/** Every own property of one object, its prototype, and whether it could take new ones. */
export interface Print {
  slots: Map<PropertyKey, Slot>;
  proto: object | null;
  extensible: boolean;
}

/** Tells whether a property of a root may change between runs (the driver's API globals). */
export type Ignore = (root: object, key: PropertyKey) => boolean;

/** Constructors whose objects outlive a run and can deliver events into the next one. */
const LASTING = [
  'Worker',
  'SharedWorker',
  'BroadcastChannel',
  'WebSocket',
  'EventSource',
  'WebTransport',
  'XMLHttpRequest',
  'FileReader',
  'FinalizationRegistry',
  'MessageChannel',
  'PerformanceObserver',
  'VideoEncoder',
  'VideoDecoder',
  'AudioEncoder',
  'AudioDecoder',
  'ImageDecoder',
];

/**
 * Methods whose promise settles on an event outside the run (a response, a lock, a task
 * of the browser's scheduler...): each call counts as a request in flight until it settles.
 * By holder (a path from the global scope; '' is the scope itself).
 */
const AWAITED: [string, string[]][] = [
  ['', ['fetch', 'createImageBitmap']],
  ['Response.prototype', ['text', 'json', 'arrayBuffer', 'blob', 'formData', 'bytes']],
  ['Request.prototype', ['text', 'json', 'arrayBuffer', 'blob', 'formData', 'bytes']],
  ['Blob.prototype', ['text', 'arrayBuffer', 'bytes']],
  ['ReadableStreamDefaultReader.prototype', ['read']],
  ['ReadableStreamBYOBReader.prototype', ['read']],
  ['LockManager.prototype', ['request', 'query']],
  ['Scheduler.prototype', ['postTask', 'yield']],
  ['WebAssembly', ['compile', 'instantiate', 'compileStreaming', 'instantiateStreaming']],
  ['CacheStorage.prototype', ['open', 'match', 'has', 'delete', 'keys']],
  ['OffscreenCanvas.prototype', ['convertToBlob']],
  ['ReadableStream.prototype', ['pipeTo']],
  ['WritableStreamDefaultWriter.prototype', ['write', 'close', 'abort']],
  [
    'SubtleCrypto.prototype',
    [
      'encrypt',
      'decrypt',
      'sign',
      'verify',
      'digest',
      'generateKey',
      'deriveKey',
      'deriveBits',
      'importKey',
      'exportKey',
      'wrapKey',
      'unwrapKey',
    ],
  ],
  ['StorageManager.prototype', ['estimate', 'persist', 'persisted', 'getDirectory']],
  ['FontFace.prototype', ['load']],
  ['GPU.prototype', ['requestAdapter']],
  ['GPUAdapter.prototype', ['requestDevice']],
  ['GPUBuffer.prototype', ['mapAsync']],
  ['GPUQueue.prototype', ['onSubmittedWorkDone']],
  [
    'GPUDevice.prototype',
    ['createComputePipelineAsync', 'createRenderPipelineAsync', 'popErrorScope'],
  ],
];

/** Methods that leave something open once called (a database, a frame request), by holder. */
const OPENING: [string, string[], string][] = [
  ['IDBFactory.prototype', ['open', 'deleteDatabase'], 'an IndexedDB database was opened'],
  ['', ['requestAnimationFrame'], 'an animation frame was requested'],
];

/**
 * Code that may load a module (`import(...)`, comments allowed before the parenthesis): its
 * promise cannot be followed. Text, not syntax: the words in a string count too (the next
 * run then starts cold), and code built at run time (`eval`, `new Function`) is not seen.
 */
const DYNAMIC_IMPORT = /\bimport\s*(?:\/\*[\s\S]*?\*\/\s*|\/\/[^\n]*\n\s*)*\(/;

/** Objects reached only through getters of the global scope (or of those), by path. */
const BEHIND_GETTERS = [
  'performance',
  'navigator',
  'crypto',
  'location',
  'scheduler',
  'indexedDB',
  'caches',
  'fonts',
  'navigator.gpu',
  'navigator.locks',
  'navigator.storage',
  'navigator.permissions',
  'navigator.mediaCapabilities',
  'crypto.subtle',
];

// Taken before user code runs, which may replace them.
const ownKeys = Reflect.ownKeys.bind(Reflect);
const describe = Reflect.getOwnPropertyDescriptor.bind(Reflect);
const isExtensible = Object.isExtensible;
const is = Object.is;
const protoOf = Object.getPrototypeOf;
const apply = Reflect.apply;
const defineProperty = Object.defineProperty;
const NativePromise = Promise;
// eslint-disable-next-line @typescript-eslint/unbound-method -- only called through apply()
const then = Promise.prototype.then;

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
  return { slots, proto: protoOf(o) as object | null, extensible: isExtensible(o) };
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
  if (protoOf(o) !== before.proto) return '.__proto__';
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

/** The value at `path` read through getters too, or undefined where reading throws. */
function read(scope: object, path: string): unknown {
  let o: unknown = scope;
  for (const key of path ? path.split('.') : []) {
    if ((typeof o !== 'object' && typeof o !== 'function') || o === null) return undefined;
    try {
      o = (o as Record<string, unknown>)[key];
    } catch {
      // An origin without storage, say: nothing there to watch.
      return undefined;
    }
  }
  return o;
}

/** The object at `path` (dot-separated, from `scope`; '' is the scope), if there is one. */
function at(scope: object, path: string): Record<string, unknown> | undefined {
  const o = read(scope, path);
  return (typeof o === 'object' || typeof o === 'function') && o !== null
    ? (o as Record<string, unknown>)
    : undefined;
}

/** `wrapper` with the name and length of the method it stands for. */
function like<F extends object>(wrapper: F, original: { name: string; length: number }): F {
  defineProperty(wrapper, 'name', { value: original.name, configurable: true });
  defineProperty(wrapper, 'length', { value: original.length, configurable: true });
  return wrapper;
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
  for (const path of BEHIND_GETTERS) add(read(scope, path), path);
  add(protoOf(Int8Array), 'TypedArray');
  add(protoOf(Int8Array.prototype), 'TypedArray.prototype');
  add(protoOf(protoOf([][Symbol.iterator]())), 'Iterator.prototype');
  add(protoOf([][Symbol.iterator]()), 'ArrayIterator.prototype');
  // The intrinsics no global names: generators', async generators' and iterators' prototypes.
  const generator = protoOf(function* () {}) as { prototype: object };
  add(generator, 'GeneratorFunction.prototype');
  add(generator.prototype, 'Generator.prototype');
  const asyncGenerator = protoOf(async function* () {}) as { prototype: object };
  add(asyncGenerator, 'AsyncGeneratorFunction.prototype');
  add(asyncGenerator.prototype, 'AsyncGenerator.prototype');
  add(protoOf(asyncGenerator.prototype), 'AsyncIterator.prototype');
  add(
    protoOf(async function () {}),
    'AsyncFunction.prototype',
  );
  add(protoOf(new Map()[Symbol.iterator]()), 'MapIterator.prototype');
  add(protoOf(new Set()[Symbol.iterator]()), 'SetIterator.prototype');
  add(protoOf(''[Symbol.iterator]()), 'StringIterator.prototype');
  add(protoOf('a'.matchAll(/a/g)), 'RegExpStringIterator.prototype');
  return found;
}

/** The capture flag of addEventListener's options (listeners differ by type, it and the function). */
function captureOf(options: unknown): boolean {
  return typeof options === 'object' && options !== null
    ? Boolean((options as { capture?: unknown }).capture)
    : Boolean(options);
}

/** Tracks what outlives a run and tells whether the worker kept anything. */
export class Hygiene {
  private readonly prints = new Map<object, [string, Print]>();
  private readonly handlers = new Map<string, unknown>();
  private readonly timers = new Set<unknown>();
  /** Listeners added to the worker after {@link baseline} and not removed: their type, by function and type/capture. */
  private readonly listeners = new Map<unknown, Map<string, string>>();
  private armed = false;
  private inFlight = 0;
  /** The first thing opened that outlives the run, as a sentence. */
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

  /**
   * Takes the fingerprint of a clean worker (after its own globals are defined).
   * @param more objects no global reaches, by name: the prototypes of the worker's own
   *   classes whose objects user code gets (a view, a random stream)
   */
  baseline(more: Record<string, object> = {}): void {
    this.prints.clear();
    const all = roots(this.scope);
    for (const [name, root] of Object.entries(more)) if (!all.has(root)) all.set(root, name);
    for (const [root, name] of all) this.prints.set(root, [name, fingerprint(root)]);
    this.handlers.clear();
    for (const [name, value] of this.eventHandlers()) this.handlers.set(name, value);
    this.armed = true;
  }

  /**
   * Told of code about to run: code that can load a module (`import(...)`) leaves the
   * worker dirty, as the load may end in a later run and the module stays loaded.
   */
  noteCode(code: string): void {
    if (this.armed && DYNAMIC_IMPORT.test(code)) this.opened ??= 'import() was used';
  }

  /** Something of a run outlived it (a sentence to log): the worker is not reused. */
  taint(what: string): void {
    if (this.armed) this.opened ??= what;
  }

  /** What the worker kept from its runs (a sentence to log), or undefined when it is clean. */
  dirt(): string | undefined {
    if (this.timers.size > 0) return `${this.timers.size} timer(s) still pending`;
    if (this.inFlight > 0) return `${this.inFlight} request(s) still in flight`;
    if (this.opened) return this.opened;
    for (const types of this.listeners.values()) {
      for (const type of types.values()) return `a '${type}' listener was added`;
    }
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

  /**
   * A promise like `promise` that counts as a request in flight until it settles. The
   * caller gets the new one, so a rejection it does not handle is still reported as such.
   */
  private follow(promise: unknown): unknown {
    if (!(promise instanceof NativePromise)) return promise;
    this.inFlight++;
    return apply(then, promise, [
      (value: unknown) => {
        this.inFlight--;
        return value;
      },
      (reason: unknown) => {
        this.inFlight--;
        throw reason;
      },
    ]);
  }

  /** Replaces the functions whose effects outlive a run with ones that count them. */
  private track(): void {
    const g = this.scope;
    this.trackTimers(g);
    this.trackAwaited(g);
    this.trackListeners(g);
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the proxy's trap needs it
    const hygiene = this;
    for (const name of LASTING) {
      const Ctor = g[name] as (new (...a: unknown[]) => object) | undefined;
      if (typeof Ctor !== 'function') continue;
      const counted = new Proxy(Ctor, {
        construct(target, args: unknown[], newTarget: () => unknown) {
          if (hygiene.armed) {
            hygiene.opened = `${/^[AEIOUX]/.test(name) ? 'an' : 'a'} ${name} was opened`;
          }
          return Reflect.construct(target, args, newTarget) as object;
        },
      });
      g[name] = counted;
      // `Worker.prototype.constructor` would otherwise reach the browser's own.
      const proto = (Ctor as { prototype?: unknown }).prototype;
      if (typeof proto === 'object' && proto !== null && describe(proto, 'constructor')) {
        defineProperty(proto, 'constructor', { value: counted });
      }
    }
  }

  /**
   * Counts the listeners user code adds to the worker (the global scope), wherever it takes
   * `addEventListener` from, until they are removed, fire once, or their signal aborts.
   */
  private trackListeners(g: Record<string, unknown>): void {
    type Listen = (type: string, listener: unknown, options?: unknown) => void;
    // On the prototype every event target shares, so `EventTarget.prototype.addEventListener
    // .call(self, ...)` is seen too; a stand-in scope in tests has its own.
    const holder = at(g, 'EventTarget.prototype') ?? g;
    const add = holder.addEventListener as Listen | undefined;
    const remove = holder.removeEventListener as Listen | undefined;
    if (typeof add !== 'function' || typeof remove !== 'function') return;
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the wrappers need their own `this`
    const hygiene = this;
    const forget = (listener: unknown, key: string) => {
      const types = hygiene.listeners.get(listener);
      types?.delete(key);
      if (types?.size === 0) hygiene.listeners.delete(listener);
    };
    const wrappers = {
      addEventListener(this: unknown, type: string, listener: unknown, options?: unknown): void {
        // Called bare (`addEventListener(...)` at the top level), `this` is the global scope.
        const target = this ?? g;
        if (target === g && hygiene.armed && listener) {
          const key = `${captureOf(options)} ${type}`;
          const { once, signal } = ((typeof options === 'object' && options) || {}) as {
            once?: unknown;
            signal?: AbortSignal;
          };
          const aborted = signal?.aborted === true;
          if (!aborted) {
            const types = hygiene.listeners.get(listener) ?? new Map<string, string>();
            types.set(key, String(type));
            hygiene.listeners.set(listener, types);
            const gone = () => forget(listener, key);
            // The browser removes these by itself: so does the count.
            if (once) apply(add, g, [type, gone, { once: true, capture: captureOf(options) }]);
            if (signal) apply(add, signal, ['abort', gone, { once: true }]);
          }
        }
        apply(add, target, [type, listener, options]);
      },
      removeEventListener(this: unknown, type: string, listener: unknown, options?: unknown) {
        const target = this ?? g;
        if (target === g) forget(listener, `${captureOf(options)} ${type}`);
        apply(remove, target, [type, listener, options]);
      },
    };
    // Method shorthand: not constructible, like the browser's. They take `this` on purpose.
    /* eslint-disable @typescript-eslint/unbound-method */
    holder.addEventListener = like(wrappers.addEventListener, add);
    holder.removeEventListener = like(wrappers.removeEventListener, remove);
    /* eslint-enable @typescript-eslint/unbound-method */
  }

  /** Counts the promises of AWAITED in flight and marks the calls of OPENING. */
  private trackAwaited(g: Record<string, unknown>): void {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the wrappers need their own `this`
    const hygiene = this;
    const wrap = (holder: Record<string, unknown>, name: string, before?: () => void) => {
      const method = holder[name];
      if (typeof method !== 'function') return;
      const wrappers = {
        counted(this: unknown, ...args: unknown[]): unknown {
          before?.();
          return hygiene.follow(apply(method, this, args));
        },
      };
      // eslint-disable-next-line @typescript-eslint/unbound-method -- it takes `this` on purpose
      holder[name] = like(wrappers.counted, method as { name: string; length: number });
    };
    for (const [path, names] of AWAITED) {
      const holder = at(g, path);
      if (holder) for (const name of names) wrap(holder, name);
    }
    for (const [path, names, what] of OPENING) {
      const holder = at(g, path);
      if (holder) for (const name of names) wrap(holder, name, () => this.taint(what));
    }
    // `for await (const chunk of stream)` reads through its iterator, not `reader.read`.
    try {
      const Stream = g.ReadableStream as (new () => { values?: () => object }) | undefined;
      const iterator = Stream ? new Stream().values?.() : undefined;
      if (iterator) wrap(protoOf(iterator) as Record<string, unknown>, 'next');
    } catch {
      // No async iteration of streams here.
    }
    const atomics = at(g, 'Atomics');
    const waitAsync = atomics?.waitAsync;
    if (typeof waitAsync === 'function') {
      atomics!.waitAsync = (...args: unknown[]) => {
        const result = apply(waitAsync, atomics, args) as { async: boolean; value: unknown };
        if (result.async) result.value = this.follow(result.value);
        return result;
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
