/**
 * Turns a function's source text (as `Function.prototype.toString` gives it) back into a
 * function: how an engine receives the functions a script maps, applies or pushes.
 */

/** A function compiled from source text. */
export type CompiledFunction = (...args: unknown[]) => unknown;

/** Evaluates source text in the global scope (indirect eval), as a classic script would. */
const globalEval = (code: string): unknown => (0, eval)(code);

/**
 * Compiles a function's source text with `evaluate` (the global scope by default). Function
 * and arrow sources evaluate as `(source)`; a method's text (`f(x) { ... }`, a getter or a
 * setter) is taken out of a one-property object literal `({source})`. The newline keeps a
 * trailing line comment from swallowing the closing bracket; `sourceUrl` names the code in
 * stack traces. Throws the SyntaxError of the plain parse when neither form parses, and a
 * TypeError when the text is not a function.
 */
export function compileFunction(
  source: string,
  sourceUrl?: string,
  evaluate: (code: string) => unknown = globalEval,
): CompiledFunction {
  const suffix = sourceUrl === undefined ? '' : `\n//# sourceURL=${sourceUrl}`;
  let fn: unknown;
  try {
    fn = evaluate(`(${source}\n)${suffix}`);
  } catch (e) {
    if (!(e instanceof SyntaxError)) throw e;
    fn = methodOf(source, suffix, evaluate, e);
  }
  if (typeof fn !== 'function') throw new TypeError('the value sent is not a function');
  return fn as CompiledFunction;
}

/** The method, getter or setter `source` declares, or `error` when it declares none. */
function methodOf(
  source: string,
  suffix: string,
  evaluate: (code: string) => unknown,
  error: SyntaxError,
): unknown {
  let holder: unknown;
  try {
    holder = evaluate(`({${source}\n})${suffix}`);
  } catch {
    throw error;
  }
  const keys = typeof holder === 'object' && holder !== null ? Reflect.ownKeys(holder) : [];
  const [key] = keys;
  if (keys.length !== 1 || key === undefined) throw error;
  // Read as plain values: the accessors are the functions wanted, never called here.
  const d: { value?: unknown; get?: unknown; set?: unknown } | undefined =
    Object.getOwnPropertyDescriptor(holder, key);
  return d?.value ?? d?.get ?? d?.set;
}
