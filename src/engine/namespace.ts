/**
 * An engine's namespace is its worker's global scope, as in ipyparallel where each engine
 * is an interpreter with its own globals. This module knows which globals the user added.
 */

/** Every name reachable on the global object, own and inherited (Window/Worker prototypes). */
export function listGlobalNames(): string[] {
  const names = new Set<string>();
  for (
    let o: object | null = globalThis;
    o && o !== Object.prototype;
    o = Object.getPrototypeOf(o)
  ) {
    for (const n of Object.getOwnPropertyNames(o)) names.add(n);
  }
  return [...names];
}

/** Tracks the globals the user's code created, so they can be listed and cleared. */
export class Namespace {
  private readonly baseline: Set<string>;
  private last = '';

  constructor() {
    this.baseline = new Set(listGlobalNames());
  }

  /** Names the engine offers before any user code runs. */
  knownNames(): ReadonlySet<string> {
    return this.baseline;
  }

  /** Names the user defined (push, scatter, execute with var/function, assignments). */
  userNames(): string[] {
    return Object.getOwnPropertyNames(globalThis).filter((n) => !this.baseline.has(n));
  }

  /** The user names when they changed since the last call, otherwise undefined. */
  changedNames(): string[] | undefined {
    const names = this.userNames();
    const key = names.join('\n');
    if (key === this.last) return undefined;
    this.last = key;
    return names;
  }

  /** Assigns a global. */
  set(name: string, value: unknown): void {
    (globalThis as Record<string, unknown>)[name] = value;
  }

  /** Reads a global; a missing name is a ReferenceError, like reading an undefined variable. */
  get(name: string): unknown {
    if (!(name in globalThis)) throw new ReferenceError(`${name} is not defined`);
    return (globalThis as Record<string, unknown>)[name];
  }

  /** Deletes every user global. */
  clear(): void {
    for (const n of this.userNames()) {
      try {
        delete (globalThis as Record<string, unknown>)[n];
      } catch {
        (globalThis as Record<string, unknown>)[n] = undefined;
      }
    }
  }
}
