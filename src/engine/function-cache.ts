/**
 * Functions an engine compiled in earlier runs, kept for the next run on the same (reused)
 * engine: a script run again ships the same functions, and reusing the compiled ones
 * keeps the code the JIT optimized for them, so its first tasks compute at full speed
 * instead of warming up again (measured: the first task of each engine took 40-60 ms
 * where later ones took 28). A function compiled from source text has no state of its
 * own but its properties (and its prototype's), which {@link FunctionCache.keepUnchanged}
 * checks after each run: a function whose properties a run changed is dropped.
 */
import type { CompiledFunction } from '../core/compile-function';
import { changeIn, fingerprint } from '../worker-shared/hygiene';
import type { Print } from '../worker-shared/hygiene';

/** Entries kept at most; past it the cache starts over. */
export const MAX_CACHED_FUNCTIONS = 256;

interface Entry {
  fn: CompiledFunction;
  print: Print;
  /** The function's prototype object and its properties, when it has one. */
  proto: [object, Print] | undefined;
}

/** The prototype object of `fn`, if it has one (arrow functions and methods do not). */
function prototypeOf(fn: CompiledFunction): object | undefined {
  const d = Object.getOwnPropertyDescriptor(fn, 'prototype');
  const value: unknown = d && 'value' in d ? d.value : undefined;
  return typeof value === 'object' && value !== null ? value : undefined;
}

/** Compiled functions by id and source text (ids name them in stack traces). */
export class FunctionCache {
  private readonly entries = new Map<string, Entry>();

  /** The function compiled for `id` and `source` in an earlier run, if kept. */
  get(id: number, source: string): CompiledFunction | undefined {
    return this.entries.get(`${id}\n${source}`)?.fn;
  }

  /** Keeps `fn`, compiled from `source` as function `id`, as it is now. */
  set(id: number, source: string, fn: CompiledFunction): void {
    if (this.entries.size >= MAX_CACHED_FUNCTIONS) this.entries.clear();
    const proto = prototypeOf(fn);
    this.entries.set(`${id}\n${source}`, {
      fn,
      print: fingerprint(fn),
      proto: proto ? [proto, fingerprint(proto)] : undefined,
    });
  }

  /** Drops the functions whose properties (or prototype's) changed since they were kept. */
  keepUnchanged(): void {
    for (const [key, { fn, print, proto }] of this.entries) {
      const changed =
        changeIn(fn, print) !== undefined ||
        (proto !== undefined && changeIn(proto[0], proto[1]) !== undefined) ||
        prototypeOf(fn) !== proto?.[0];
      if (changed) this.entries.delete(key);
    }
  }

  /** Number of functions kept. */
  get size(): number {
    return this.entries.size;
  }
}
