/**
 * How an engine calls the function a map applies to each item. The call goes through
 * {@link callItem}, whose call site has seen several functions before any user code runs,
 * so the JIT treats it as megamorphic and never inlines a user's function into the map
 * loop. Inlined, the user's function made the loop's optimized code depend on the user's
 * globals (`isPrime` in `(x) => isPrime(x)`): each run's reset deletes them, so V8 threw
 * that code away at every run and compiled the loop again during the next run's first map,
 * on the cores the engines compute on (measured with --trace-opt --trace-deopt: about one
 * recompilation per engine per run, and 4 ms of background compilation per primality map).
 * A generic call costs a few nanoseconds per item.
 */
import type { CompiledFunction } from '../core/compile-function';

/** Calls `fn` on one item. */
export function callItem(fn: CompiledFunction, item: unknown): unknown {
  return fn(item);
}

/** Calls `fn` on one item of each sequence. */
export function callItems(fn: CompiledFunction, items: unknown[]): unknown {
  return fn(...items);
}

const distinct = [(x: unknown) => x, (x: unknown) => [x], (x: unknown) => typeof x];

/**
 * Calls both functions with several distinct functions, which makes their call sites
 * megamorphic. V8 keeps no feedback for a function's first few calls (it allocates it
 * lazily), hence the rounds; and it may drop a function's feedback with its bytecode after a
 * long idle spell, hence a call at each run's reset as well as now. Takes microseconds.
 */
export function keepCallSitesGeneric(): void {
  for (let round = 0; round < 32; round++) {
    for (const f of distinct) {
      callItem(f, round);
      callItems(f, [round]);
    }
  }
}

keepCallSitesGeneric();
