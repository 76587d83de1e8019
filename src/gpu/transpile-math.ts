/**
 * `Math.*` in mapped functions: calls with a WGSL builtin of the same meaning (JS's
 * `Math.round` rounds halves up, so it becomes `floor(x + 0.5)`), and integer-preserving
 * abs, sign, min and max.
 */
import type { CallExpression, Expression, Node, Super } from 'acorn';
import type { TranspileContext } from './transpile-context';
import { SUPPORTED } from './transpile-context';
import { lowerExpr } from './transpile-expr';
import type { ScalarType, Typed } from './wgsl-types';
import { coerce, MATH_FLOAT, MATH_GENERIC, unify } from './wgsl-types';

/** `Math.name` when `node` is a member of Math, else undefined. */
export function mathMember(node: Expression | Super): string | undefined {
  if (node.type !== 'MemberExpression' || node.computed) return undefined;
  if (node.object.type !== 'Identifier' || node.object.name !== 'Math') return undefined;
  return node.property.type === 'Identifier' ? node.property.name : undefined;
}

/** `Math.f(...)` as the WGSL builtin of the same meaning (other calls are refused). */
export function lowerCall(cx: TranspileContext, node: CallExpression): Typed {
  const name = mathMember(node.callee);
  if (name === undefined) {
    return cx.fail(
      node,
      'only Math.* functions can be called in a GPU function',
      'Inline the helper, or compute it on the CPU and pass the result in params.',
    );
  }
  if (name === 'random') {
    return cx.fail(
      node,
      'Math.random has no GPU equivalent',
      'Make random numbers with g.random(rng(seed), n) and pass them as an input.',
    );
  }
  const args = node.arguments.map((a) =>
    a.type === 'SpreadElement'
      ? cx.fail(a, 'spread arguments are not supported on the GPU', SUPPORTED)
      : lowerExpr(cx, a),
  );
  const float = MATH_FLOAT[name];
  if (float) {
    if (args.length !== float.args)
      cx.fail(node, `Math.${name} takes ${float.args} argument(s) here`, SUPPORTED);
    return { code: `${float.wgsl}(${args.map((a) => coerce(a, 'f32')).join(', ')})`, ty: 'f32' };
  }
  if (name === 'round' && args.length === 1)
    return { code: `floor(${coerce(args[0]!, 'f32')} + 0.5)`, ty: 'f32' };
  if (name === 'log10' && args.length === 1)
    return { code: `(log(${coerce(args[0]!, 'f32')}) * ${Math.LOG10E})`, ty: 'f32' };
  if (name === 'hypot' && args.length === 2) {
    return {
      code: `length(vec2f(${coerce(args[0]!, 'f32')}, ${coerce(args[1]!, 'f32')}))`,
      ty: 'f32',
    };
  }
  if (name === 'fround' && args.length === 1) return { code: coerce(args[0]!, 'f32'), ty: 'f32' };
  if (MATH_GENERIC.has(name) && args.length >= 1) return lowerGeneric(cx, node, name, args);
  return cx.fail(
    node,
    `Math.${name} has no WGSL equivalent here`,
    `Supported: ${[...Object.keys(MATH_FLOAT), 'round', 'log10', 'hypot', 'fround', ...MATH_GENERIC].join(', ')}.`,
  );
}

/** abs, sign (one argument) and min, max (any number, nested pairwise) keep integer types. */
function lowerGeneric(cx: TranspileContext, node: Node, name: string, args: Typed[]): Typed {
  let ty: ScalarType = args.reduce<ScalarType>(
    (t, a) => unify({ code: '', ty: t }, a),
    args[0]!.literal !== undefined && !Number.isInteger(args[0]!.literal)
      ? 'f32'
      : args[0]!.ty === 'bool'
        ? 'i32'
        : args[0]!.ty,
  );
  if (name === 'abs' || name === 'sign') {
    if (args.length !== 1) cx.fail(node, `Math.${name} takes one argument`, SUPPORTED);
    if (name === 'sign' && ty === 'u32') ty = 'i32';
    return { code: `${name}(${coerce(args[0]!, ty)})`, ty };
  }
  let code = coerce(args[0]!, ty);
  for (const a of args.slice(1)) code = `${name}(${code}, ${coerce(a, ty)})`;
  return { code, ty };
}
