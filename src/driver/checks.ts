/**
 * Checks made before anything is sent to a worker, so bad input fails at the line of the
 * call with a message that says what to do, instead of failing later on an engine.
 */
import { describeArgument, findUncloneable } from '../core/cloneable';
import { checkShippable } from '../core/free-variables';
import { isTypedArray } from '../core/partition';
import type { EngineLink } from './engine-link';
import type { ShippedFunction } from './runtime';
import { atLine, usage } from './script-errors';

/** Throws a UsageError naming the first argument that cannot be sent to a worker. */
export function assertCloneable(
  args: readonly unknown[],
  what: string,
  line: number | undefined,
): void {
  for (let i = 0; i < args.length; i++) {
    const bad = findUncloneable(args[i]);
    if (bad) {
      throw usage(
        `${what}: ${describeArgument(i + 1, bad.path)} is ${bad.kind}, which cannot be sent to a worker`,
        'Workers receive copies of plain data (numbers, strings, arrays, objects, typed arrays). Send functions as source with push({ name: fn }) or define them in the function you map.',
        line,
      );
    }
  }
}

/** Checks that a function's free variables exist on every target engine. */
export function assertShippable(
  fn: ShippedFunction,
  engines: readonly EngineLink[],
  what: string,
  line: number | undefined,
  alsoKnown: Iterable<string> = [],
): void {
  const known = new Set<string>(alsoKnown);
  const first = engines[0];
  if (first) {
    for (const n of first.baseline) known.add(n);
    for (const n of first.names) if (engines.every((e) => e.has(n))) known.add(n);
  }
  try {
    checkShippable(fn.source, known, { what });
  } catch (e) {
    throw atLine(e, line);
  }
}

/** Throws unless `seq` has a length (arrays, typed arrays, strings). */
export function assertSequence(
  seq: unknown,
  what: string,
  line: number | undefined,
): asserts seq is ArrayLike<unknown> {
  if (seq == null || typeof (seq as { length?: unknown }).length !== 'number') {
    throw usage(
      `${what}: expected an array or typed array, got ${seq === null ? 'null' : typeof seq}`,
      'Pass an array, e.g. Array.from({ length: 100 }, (_, i) => i), or a typed array.',
      line,
    );
  }
}

/** Buffers of typed-array parts (fresh copies), moved to the worker without copying again. */
export function transferables(parts: unknown[]): Transferable[] {
  return parts.filter(isTypedArray).map((p) => p.buffer as ArrayBuffer);
}

/** A JavaScript identifier: what a global set by push or scatter can be named. */
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * Throws a UsageError unless `name` can name a user global on the workers: a string, an
 * identifier, and not one of the workers' built-ins (replacing `Array` or `print` on an
 * engine would break every later task there, and `clear()` could not bring it back).
 */
export function assertGlobalName(
  name: unknown,
  engines: readonly EngineLink[],
  what: string,
  line: number | undefined,
): asserts name is string {
  if (typeof name !== 'string' || !IDENTIFIER.test(name)) {
    const got = typeof name === 'string' ? `'${name}'` : name === null ? 'null' : typeof name;
    throw usage(
      `${what}: expected a variable name (a string like 'part'), got ${got}`,
      "Name the global the workers will see, e.g. scatter('part', items), then use part in the function you map.",
      line,
    );
  }
  if (engines[0]?.baseline.has(name)) {
    throw usage(
      `${what}: '${name}' is one of the workers' built-in names; replacing it would break the code that runs there, and clear() could not restore it`,
      `Choose a name of your own, e.g. '${name.charAt(0).toLowerCase()}${name.slice(1)}Part'.`,
      line,
    );
  }
}

/** Throws a UsageError unless `names` is a name (or, unless `one`, a non-empty list of names). */
export function assertNames(
  names: unknown,
  what: string,
  line: number | undefined,
  one = false,
): asserts names is string | string[] {
  const ok =
    typeof names === 'string' ||
    (!one &&
      Array.isArray(names) &&
      names.length > 0 &&
      names.every((n: unknown) => typeof n === 'string'));
  if (!ok) {
    throw usage(
      `${what}: expected a variable name${one ? '' : ' or a list of names'}, got ${names === null ? 'null' : Array.isArray(names) ? 'an empty list or one with a non-string' : typeof names}`,
      one
        ? "Name the global to gather, e.g. gather('part')."
        : "Name the globals to read, e.g. pull('total') or pull(['a', 'b']).",
      line,
    );
  }
}

/** The longest timer a browser keeps (2^31 - 1 ms); a longer one fires at once. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/** Throws a UsageError unless `ms` is undefined or a usable `timeoutMs` (a positive number of ms). */
export function assertTimeout(
  ms: unknown,
  what: string,
  line: number | undefined,
): asserts ms is number | undefined {
  if (ms === undefined) return;
  if (typeof ms !== 'number' || !(ms > 0) || ms > MAX_TIMEOUT_MS) {
    throw usage(
      `${what}: timeoutMs must be a number of milliseconds above 0 and at most ${MAX_TIMEOUT_MS}, got ${typeof ms === 'number' ? ms : typeof ms}`,
      'Give the longest one item may run, e.g. { timeoutMs: 5000 }.',
      line,
    );
  }
}
