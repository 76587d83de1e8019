/**
 * The types the JS-to-WGSL transpiler knows, how values convert between them, and the
 * `Math.*` functions and constants that have WGSL equivalents.
 */

/** Element types of GPU arrays: Float32Array, Int32Array, Uint32Array. */
export type ScalarType = 'f32' | 'i32' | 'u32';

/** Types of transpiled expressions. */
export type WgslType = ScalarType | 'bool';

/** A transpiled expression: its WGSL text, its type, and whether it is a bare literal. */
export interface Typed {
  code: string;
  ty: WgslType;
  /** A number literal adapts to the other operand's type, as WGSL's abstract numbers do. */
  literal?: number;
}

/** WGSL text for `value` as a literal of type `ty`. */
export function formatLiteral(value: number, ty: ScalarType): string {
  if (ty === 'f32') {
    if (Number.isNaN(value)) return 'bitcast<f32>(0x7fc00000u)';
    if (!Number.isFinite(value))
      return value > 0 ? 'bitcast<f32>(0x7f800000u)' : 'bitcast<f32>(0xff800000u)';
    const s = String(value);
    return /[.e]/.test(s) ? s : `${s}.0`;
  }
  if (ty === 'u32') return `${Math.max(0, Math.trunc(value)) >>> 0}u`;
  return String(Math.trunc(value) | 0);
}

/** Converts `e` to type `to` (JS numbers convert freely; booleans become 0 or 1). */
export function coerce(e: Typed, to: WgslType): string {
  if (e.ty === to && e.literal === undefined) return e.code;
  if (e.literal !== undefined && to !== 'bool') return formatLiteral(e.literal, to);
  if (e.ty === to) return e.code;
  if (to === 'bool')
    return e.ty === 'f32' ? `(${e.code} != 0.0)` : `(${e.code} != 0${e.ty === 'u32' ? 'u' : ''})`;
  if (e.ty === 'bool') return `select(${formatLiteral(0, to)}, ${formatLiteral(1, to)}, ${e.code})`;
  return `${to}(${e.code})`;
}

/** The common type of two numeric operands: f32 if either is, else i32 unless both are u32. */
export function unify(a: Typed, b: Typed): ScalarType {
  const ta = a.literal !== undefined && Number.isInteger(a.literal) ? undefined : a.ty;
  const tb = b.literal !== undefined && Number.isInteger(b.literal) ? undefined : b.ty;
  if (ta === 'f32' || tb === 'f32') return 'f32';
  if (ta === undefined && tb === undefined) return 'i32';
  if (ta === undefined) return tb === 'bool' ? 'i32' : (tb as ScalarType);
  if (tb === undefined) return ta === 'bool' ? 'i32' : ta;
  if (ta === tb && ta !== 'bool') return ta;
  return 'i32';
}

/** The wider of two types a variable held (f32 beats the integers; i32 beats u32). */
export function widen(a: WgslType, b: WgslType): WgslType {
  if (a === b) return a;
  if (a === 'bool' || b === 'bool') return a === 'bool' ? b : a;
  if (a === 'f32' || b === 'f32') return 'f32';
  return 'i32';
}

/** `Math.*` functions of floats with a WGSL builtin of the same meaning, by JS name. */
export const MATH_FLOAT: Record<string, { wgsl: string; args: number }> = {
  sqrt: { wgsl: 'sqrt', args: 1 },
  exp: { wgsl: 'exp', args: 1 },
  log: { wgsl: 'log', args: 1 },
  log2: { wgsl: 'log2', args: 1 },
  sin: { wgsl: 'sin', args: 1 },
  cos: { wgsl: 'cos', args: 1 },
  tan: { wgsl: 'tan', args: 1 },
  asin: { wgsl: 'asin', args: 1 },
  acos: { wgsl: 'acos', args: 1 },
  atan: { wgsl: 'atan', args: 1 },
  sinh: { wgsl: 'sinh', args: 1 },
  cosh: { wgsl: 'cosh', args: 1 },
  tanh: { wgsl: 'tanh', args: 1 },
  asinh: { wgsl: 'asinh', args: 1 },
  acosh: { wgsl: 'acosh', args: 1 },
  atanh: { wgsl: 'atanh', args: 1 },
  floor: { wgsl: 'floor', args: 1 },
  ceil: { wgsl: 'ceil', args: 1 },
  trunc: { wgsl: 'trunc', args: 1 },
  atan2: { wgsl: 'atan2', args: 2 },
  pow: { wgsl: 'pow', args: 2 },
};

/** `Math.*` functions that keep an integer argument's type. */
export const MATH_GENERIC = new Set(['abs', 'min', 'max', 'sign']);

/** `Math.*` constants. */
export const MATH_CONSTANTS: Record<string, number> = {
  PI: Math.PI,
  E: Math.E,
  LN2: Math.LN2,
  LN10: Math.LN10,
  LOG2E: Math.LOG2E,
  LOG10E: Math.LOG10E,
  SQRT2: Math.SQRT2,
  SQRT1_2: Math.SQRT1_2,
};

/**
 * WGSL keywords, reserved words and builtin names a JS identifier may collide with; such
 * names get a trailing underscore in the generated code.
 * https://www.w3.org/TR/WGSL/#reserved-words
 */
export const WGSL_RESERVED = new Set([
  ...['alias', 'array', 'atomic', 'bitcast', 'bool', 'break', 'case', 'const', 'const_assert'],
  ...['continue', 'continuing', 'default', 'diagnostic', 'discard', 'else', 'enable', 'f16'],
  ...['f32', 'false', 'fn', 'for', 'i32', 'if', 'let', 'loop', 'mat2x2', 'override', 'ptr'],
  ...['requires', 'return', 'sampler', 'struct', 'switch', 'true', 'u32', 'var', 'vec2'],
  ...['vec3', 'vec4', 'while', 'main', 'out', 'in', 'select', 'min', 'max', 'abs', 'sign'],
  ...['floor', 'ceil', 'sqrt', 'exp', 'log', 'pow', 'sin', 'cos', 'tan', 'round', 'step'],
  ...['mix', 'clamp', 'dot', 'cross', 'length', 'distance', 'normalize', 'fract', 'trunc'],
  ...['module', 'self', 'super', 'this', 'type', 'typedef', 'unsafe', 'use', 'where'],
  ...['using', 'yield', 'mod', 'new', 'null', 'package', 'private', 'protected', 'public'],
  ...['static', 'sizeof', 'storage', 'uniform', 'workgroup', 'function', 'private', 'read'],
  ...['write', 'read_write', 'texture_1d', 'atan2', 'asin', 'acos', 'atan', 'log2', 'P', 'gid'],
]);

/** A WGSL-safe spelling of a JS identifier. */
export function wgslName(name: string): string {
  const safe = name.replace(/\$/g, '_d');
  return WGSL_RESERVED.has(safe) || safe.startsWith('__') ? `${safe}_` : safe;
}
