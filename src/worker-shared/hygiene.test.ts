import { afterEach, describe, expect, it, vi } from 'vitest';
import { Hygiene } from './hygiene';

/** A stand-in for a worker's global scope: timers, listeners, fetch and a constructor. */
function fakeScope() {
  const listeners = new Set<unknown>();
  class Worker {}
  class Thing {}
  return {
    setTimeout: (cb: () => void, ms?: number) => setTimeout(cb, ms),
    clearTimeout: (id: unknown) => clearTimeout(id as ReturnType<typeof setTimeout>),
    setInterval: (cb: () => void, ms?: number) => setInterval(cb, ms),
    clearInterval: (id: unknown) => clearInterval(id as ReturnType<typeof setInterval>),
    addEventListener: (_type: string, fn: unknown) => void listeners.add(fn),
    removeEventListener: (_type: string, fn: unknown) => void listeners.delete(fn),
    fetch: () => new Promise((resolve) => setTimeout(resolve, 5)),
    Response: class Response {
      text(): Promise<string> {
        return new Promise((resolve) => setTimeout(() => resolve('body'), 5));
      }
    },
    LockManager: class LockManager {
      request(): Promise<void> {
        return Promise.reject(new Error('no lock'));
      }
    },
    Atomics: {
      waitAsync: (_a: unknown, _i: number, _v: number, ms: number) => ({
        async: true,
        value: new Promise((resolve) => setTimeout(() => resolve('timed-out'), ms)),
      }),
    },
    Worker,
    XMLHttpRequest: class XMLHttpRequest {},
    Thing,
    settings: { depth: 2 },
    Namespace: { Format: class Format {} },
    listeners,
  } as Record<string, unknown> & { listeners: Set<unknown> };
}

type Fn = (...args: unknown[]) => unknown;

describe(Hygiene, () => {
  afterEach(() => vi.useRealTimers());

  it('finds a fresh worker clean', () => {
    const h = new Hygiene(undefined, fakeScope());
    h.baseline();
    expect(h.dirt()).toBeUndefined();
  });

  it('counts timers until they fire or are cleared', () => {
    vi.useFakeTimers();
    const scope = fakeScope();
    const h = new Hygiene(undefined, scope);
    h.baseline();
    const fired = vi.fn();
    (scope.setTimeout as Fn)(fired, 10);
    expect(h.dirt()).toBe('1 timer(s) still pending');
    vi.advanceTimersByTime(10);
    expect(fired).toHaveBeenCalledOnce();
    expect(h.dirt()).toBeUndefined();
    const every = (scope.setInterval as Fn)(() => undefined, 5);
    const once = (scope.setTimeout as Fn)(() => undefined, 50);
    vi.advanceTimersByTime(20);
    expect(h.dirt()).toBe('2 timer(s) still pending');
    (scope.clearInterval as Fn)(every);
    (scope.clearTimeout as Fn)(once);
    expect(h.dirt()).toBeUndefined();
  });

  it('counts listeners added after the baseline until they are removed', () => {
    const scope = fakeScope();
    const h = new Hygiene(undefined, scope);
    const own = () => undefined;
    (scope.addEventListener as Fn)('message', own);
    h.baseline();
    expect(h.dirt()).toBeUndefined();
    const user = () => undefined;
    (scope.addEventListener as Fn)('message', user);
    expect(h.dirt()).toBe("a 'message' listener was added");
    expect(scope.listeners.has(user)).toBe(true);
    (scope.removeEventListener as Fn)('message', user);
    expect(h.dirt()).toBeUndefined();
  });

  it('counts requests in flight and lasting objects opened', async () => {
    const scope = fakeScope();
    const h = new Hygiene(undefined, scope);
    h.baseline();
    const request = (scope.fetch as Fn)() as Promise<unknown>;
    expect(h.dirt()).toBe('1 request(s) still in flight');
    await request;
    expect(h.dirt()).toBeUndefined();
    const Worker = scope.Worker as new () => object;
    expect(new Worker()).toBeInstanceOf(Worker);
    expect(h.dirt()).toBe('a Worker was opened');
  });

  it('finds globals, built-ins and their prototypes changed, added or frozen', () => {
    const scope = fakeScope();
    const h = new Hygiene(undefined, scope);
    h.baseline();
    scope.extra = 1;
    expect(h.dirt()).toBe('self.extra was changed');
    delete scope.extra;
    expect(h.dirt()).toBeUndefined();
    (scope.settings as { depth: number }).depth = 3;
    expect(h.dirt()).toBe('settings.depth was changed');
    (scope.settings as { depth: number }).depth = 2;
    (scope.Thing as { prototype: Record<string, unknown> }).prototype.added = () => 1;
    expect(h.dirt()).toBe('Thing.prototype.added was changed');
    delete (scope.Thing as { prototype: Record<string, unknown> }).prototype.added;
    const Format = (scope.Namespace as { Format: { prototype: Record<string, unknown> } }).Format;
    Format.prototype.format = () => 'x';
    expect(h.dirt()).toBe('Namespace.Format.prototype.format was changed');
    delete Format.prototype.format;
    Object.freeze(scope.settings);
    expect(h.dirt()).toBe('settings (frozen or sealed) was changed');
  });

  it('leaves alone what the ignore rule allows', () => {
    const scope = fakeScope();
    const h = new Hygiene((root, key) => root === scope && key === 'print', scope);
    h.baseline();
    scope.print = () => undefined;
    expect(h.dirt()).toBeUndefined();
    scope.print = () => 1;
    expect(h.dirt()).toBeUndefined();
  });

  it('counts promises of the browser until they settle, and keeps their results', async () => {
    const scope = fakeScope();
    const h = new Hygiene(undefined, scope);
    h.baseline();
    const Response = scope.Response as new () => { text(): Promise<string> };
    const body = new Response().text();
    expect(h.dirt()).toBe('1 request(s) still in flight');
    await expect(body).resolves.toBe('body');
    expect(h.dirt()).toBeUndefined();
    // A rejection still reaches the caller (and stays unhandled if the caller ignores it).
    const LockManager = scope.LockManager as new () => { request(): Promise<void> };
    await expect(new LockManager().request()).rejects.toThrow('no lock');
    expect(h.dirt()).toBeUndefined();
    const wait = (scope.Atomics as { waitAsync: Fn }).waitAsync(null, 0, 0, 5) as {
      value: Promise<string>;
    };
    expect(h.dirt()).toBe('1 request(s) still in flight');
    await expect(wait.value).resolves.toBe('timed-out');
    expect(h.dirt()).toBeUndefined();
  });

  it('finds requests and module loads it cannot follow', () => {
    const scope = fakeScope();
    const h = new Hygiene(undefined, scope);
    h.noteCode('await import("./before-the-baseline.js")');
    h.baseline();
    h.noteCode('const note = "imports nothing"; important(1);');
    expect(h.dirt()).toBeUndefined();
    new (scope.XMLHttpRequest as new () => object)();
    expect(h.dirt()).toBe('an XMLHttpRequest was opened');
    const h2 = new Hygiene(undefined, fakeScope());
    h2.baseline();
    h2.noteCode('const m = import ("https://example.com/m.js");');
    expect(h2.dirt()).toBe('import() was used');
  });

  it('tells listeners apart by type and capture', () => {
    const scope = fakeScope();
    const h = new Hygiene(undefined, scope);
    h.baseline();
    const user = () => undefined;
    (scope.addEventListener as Fn)('message', user);
    (scope.addEventListener as Fn)('message', user, { capture: true });
    (scope.addEventListener as Fn)('error', user);
    (scope.removeEventListener as Fn)('message', user);
    expect(h.dirt()).toBe("a 'message' listener was added");
    (scope.removeEventListener as Fn)('message', user, true);
    expect(h.dirt()).toBe("a 'error' listener was added");
    (scope.removeEventListener as Fn)('error', user, false);
    expect(h.dirt()).toBeUndefined();
  });

  it('finds a prototype replaced, and changes to the objects it was given', () => {
    const scope = fakeScope();
    class Own {
      method(): number {
        return 1;
      }
    }
    const h = new Hygiene(undefined, scope);
    h.baseline({ 'Own.prototype': Own.prototype });
    Object.setPrototypeOf(scope.settings, null);
    expect(h.dirt()).toBe('settings.__proto__ was changed');
    Object.setPrototypeOf(scope.settings, Object.prototype);
    expect(h.dirt()).toBeUndefined();
    Own.prototype.method = () => 2;
    expect(h.dirt()).toBe('Own.prototype.method was changed');
  });

  it('forgets listeners the browser removes by itself: once, and on an aborted signal', () => {
    class Scope extends EventTarget {}
    const scope = Object.assign(new Scope(), { EventTarget: Scope }) as unknown as Record<
      string,
      unknown
    > &
      EventTarget;
    const h = new Hygiene(undefined, scope);
    h.baseline();
    const user = () => undefined;
    // Through the prototype, not only the scope's own method.
    Scope.prototype.addEventListener.call(scope, 'tick', user, { once: true });
    expect(h.dirt()).toBe("a 'tick' listener was added");
    scope.dispatchEvent(new Event('tick'));
    expect(h.dirt()).toBeUndefined();
    const stop = new AbortController();
    scope.addEventListener('tock', user, { signal: stop.signal });
    expect(h.dirt()).toBe("a 'tock' listener was added");
    stop.abort();
    expect(h.dirt()).toBeUndefined();
    // Listeners on other targets are theirs to keep.
    new EventTarget().addEventListener('tick', user);
    expect(h.dirt()).toBeUndefined();
  });

  it("counts objects made through a constructor's prototype, and sees import() behind comments", () => {
    const scope = fakeScope();
    const h = new Hygiene(undefined, scope);
    h.baseline();
    const Browser = (scope.XMLHttpRequest as { prototype: { constructor: new () => object } })
      .prototype.constructor;
    new Browser();
    expect(h.dirt()).toBe('an XMLHttpRequest was opened');
    const h2 = new Hygiene(undefined, fakeScope());
    h2.baseline();
    h2.noteCode('await import /* later */ ("./m.js")');
    expect(h2.dirt()).toBe('import() was used');
  });

  it('keeps the names and lengths of the methods it wraps', () => {
    const scope = fakeScope();
    const fetch = scope.fetch as Fn;
    new Hygiene(undefined, scope);
    expect((scope.fetch as Fn).name).toBe(fetch.name);
    expect((scope.fetch as Fn).length).toBe(fetch.length);
    expect('prototype' in (scope.fetch as object)).toBe(false);
  });
});
