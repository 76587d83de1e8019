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
    Worker,
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
});
