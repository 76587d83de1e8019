/**
 * An engine's namespace is its worker's global scope, as in ipyparallel where each engine
 * is an interpreter with its own globals. This module knows which globals the user added.
 */

// Taken when the engine starts: user code may replace them, and the engine must still list
// and clear names afterwards (a task that breaks them would otherwise break every reply).
const ownNames = Object.getOwnPropertyNames;
const protoOf = Object.getPrototypeOf;
const ObjectProto = Object.prototype;

/** Every name reachable on the global object, own and inherited (Window/Worker prototypes). */
export function listGlobalNames(): string[] {
  const names = new Set<string>();
  for (let o: object | null = globalThis; o && o !== ObjectProto; o = protoOf(o) as object | null) {
    for (const n of ownNames(o)) names.add(n);
  }
  return [...names];
}

/** Tracks the globals the user's code created, so they can be listed and cleared. */
export class Namespace {
  private readonly baseline: Set<string>;
  /** The names listed last (undefined: none since the start or the last clear). */
  private last: string | undefined;

  constructor() {
    this.baseline = new Set(listGlobalNames());
  }

  /** Names the engine offers before any user code runs. */
  knownNames(): ReadonlySet<string> {
    return this.baseline;
  }

  /** Names the user defined (push, scatter, execute with var/function, assignments). */
  userNames(): string[] {
    const names: string[] = [];
    for (const n of ownNames(globalThis)) if (!this.baseline.has(n)) names.push(n);
    return names;
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

  /** Deletes every user global; the next reply lists the names anew, even the same ones. */
  clear(): void {
    this.last = undefined;
    for (const n of this.userNames()) {
      try {
        delete (globalThis as Record<string, unknown>)[n];
      } catch {
        try {
          (globalThis as Record<string, unknown>)[n] = undefined;
        } catch {
          // Neither deletable nor writable (defined so on purpose): it stays.
        }
      }
    }
  }
}
