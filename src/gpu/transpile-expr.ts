/**
 * Lowers JS expressions to typed WGSL expressions: literals, names, arithmetic with JS's
 * meaning (`/` is always a float division), comparisons, logic, ternaries, `Math.*`, and
 * reads of array params by index.
 */
import type {
  BinaryExpression,
  Expression,
  MemberExpression,
  Node,
  PrivateIdentifier,
  Super,
  UnaryExpression,
} from 'acorn';
import type { TranspileContext } from './transpile-context';
import { SUPPORTED } from './transpile-context';
import { lowerCall, mathMember } from './transpile-math';
import type { ScalarType, Typed, WgslType } from './wgsl-types';
import { coerce, MATH_CONSTANTS, unify, wgslName } from './wgsl-types';

/** Lowers `node` to a typed WGSL expression. */
export function lowerExpr(
  cx: TranspileContext,
  node: Expression | Super | PrivateIdentifier,
): Typed {
  switch (node.type) {
    case 'Literal':
      if (typeof node.value === 'number') {
        const ty: ScalarType =
          Number.isInteger(node.value) && Math.abs(node.value) < 2 ** 31 ? 'i32' : 'f32';
        return { code: String(node.value), ty, literal: node.value };
      }
      if (typeof node.value === 'boolean') return { code: String(node.value), ty: 'bool' };
      return cx.fail(node, `${typeof node.value} values cannot run on the GPU`, SUPPORTED);
    case 'Identifier':
      return lowerName(cx, node, node.name);
    case 'BinaryExpression':
      return lowerBinary(cx, node);
    case 'LogicalExpression': {
      if (node.operator === '??')
        return cx.fail(node, '`??` is not supported on the GPU', SUPPORTED);
      const a = condition(cx, node.left);
      const b = condition(cx, node.right);
      return { code: `(${a} ${node.operator} ${b})`, ty: 'bool' };
    }
    case 'UnaryExpression':
      return lowerUnary(cx, node);
    case 'ConditionalExpression': {
      const c = condition(cx, node.test);
      const a = lowerExpr(cx, node.consequent);
      const b = lowerExpr(cx, node.alternate);
      const ty: WgslType = a.ty === 'bool' && b.ty === 'bool' ? 'bool' : unify(a, b);
      return { code: `select(${coerce(b, ty)}, ${coerce(a, ty)}, ${c})`, ty };
    }
    case 'CallExpression':
      return lowerCall(cx, node);
    case 'MemberExpression':
      return lowerMember(cx, node);
    case 'ParenthesizedExpression':
      return lowerExpr(cx, node.expression);
    case 'AssignmentExpression':
    case 'UpdateExpression':
      return cx.fail(
        node,
        'assignments inside expressions are not supported on the GPU',
        'Write the assignment as its own statement, e.g. `k += 1;`.',
      );
    default:
      return cx.fail(node, `${describeNode(node)} is not supported on the GPU`, SUPPORTED);
  }
}

/** A JS condition as a WGSL bool (a number is true when it is not zero, as in JS). */
export function condition(cx: TranspileContext, node: Expression): string {
  return coerce(lowerExpr(cx, node), 'bool');
}

/** What a name refers to, as a typed expression. */
function lowerName(cx: TranspileContext, node: Node, name: string): Typed {
  const b = cx.lookup(name);
  if (!b) {
    if (name === 'Infinity')
      return { code: coerce({ code: '', ty: 'f32', literal: Infinity }, 'f32'), ty: 'f32' };
    if (name === 'NaN')
      return { code: coerce({ code: '', ty: 'f32', literal: NaN }, 'f32'), ty: 'f32' };
    return cx.fail(
      node,
      `\`${name}\` is not defined in the GPU function`,
      `A GPU function sees only its arguments, its own variables and Math. Pass values in { params: { ${name} } }.`,
    );
  }
  switch (b.kind) {
    case 'local':
      return { code: b.wgsl, ty: cx.varTypes.get(b.decl) ?? 'f32' };
    case 'element':
      return { code: b.wgsl, ty: b.ty };
    case 'index':
      return { code: b.wgsl, ty: 'i32' };
    case 'scalar':
      return { code: `P.${b.name}`, ty: b.ty };
    default:
      return cx.fail(
        node,
        `\`${name}\` is ${b.kind === 'params' ? 'the params object' : 'an array'}, not a number`,
        b.kind === 'params' ? 'Read one param, e.g. p.scale.' : `Index it, e.g. ${name}[i].`,
      );
  }
}

const ARITHMETIC = new Set(['+', '-', '*', '%']);
const COMPARISON = new Set(['<', '<=', '>', '>=', '==', '===', '!=', '!==']);
const BITWISE = new Set(['&', '|', '^', '<<', '>>', '>>>']);

function lowerBinary(cx: TranspileContext, node: BinaryExpression): Typed {
  const op = node.operator;
  if (node.left.type === 'PrivateIdentifier')
    return cx.fail(node, 'private names are not supported', SUPPORTED);
  const a = lowerExpr(cx, node.left);
  const b = lowerExpr(cx, node.right);
  const folded = foldLiterals(op, a, b);
  if (folded) return folded;
  if (ARITHMETIC.has(op)) {
    const ty = unify(a, b);
    return { code: `(${coerce(a, ty)} ${op} ${coerce(b, ty)})`, ty };
  }
  if (op === '/') return { code: `(${coerce(a, 'f32')} / ${coerce(b, 'f32')})`, ty: 'f32' };
  if (op === '**') return { code: `pow(${coerce(a, 'f32')}, ${coerce(b, 'f32')})`, ty: 'f32' };
  if (COMPARISON.has(op)) {
    const wop = op.length === 3 ? op.slice(0, 2) : op;
    if (a.ty === 'bool' && b.ty === 'bool')
      return { code: `(${a.code} ${wop} ${b.code})`, ty: 'bool' };
    const ty = unify(a, b);
    return { code: `(${coerce(a, ty)} ${wop} ${coerce(b, ty)})`, ty: 'bool' };
  }
  if (BITWISE.has(op)) return lowerBitwise(cx, node, a, b);
  return cx.fail(node, `the \`${op}\` operator is not supported on the GPU`, SUPPORTED);
}

/** Folds arithmetic of two number literals (so `2 * Math.PI` stays a constant of any type). */
function foldLiterals(op: string, a: Typed, b: Typed): Typed | undefined {
  if (a.literal === undefined || b.literal === undefined) return undefined;
  const x = a.literal;
  const y = b.literal;
  const v =
    op === '+' ? x + y : op === '-' ? x - y : op === '*' ? x * y : op === '/' ? x / y : undefined;
  if (v === undefined) return undefined;
  const ty: ScalarType =
    Number.isInteger(v) && op !== '/' && a.ty === 'i32' && b.ty === 'i32' ? 'i32' : 'f32';
  return { code: String(v), ty, literal: v };
}

function lowerBitwise(cx: TranspileContext, node: BinaryExpression, a: Typed, b: Typed): Typed {
  const isInt = (t: Typed) => t.ty === 'i32' || t.ty === 'u32';
  if (!isInt(a) || !isInt(b)) {
    return cx.fail(
      node,
      `\`${node.operator}\` needs integers on the GPU, not floats`,
      'Use Int32Array or Uint32Array inputs, or convert with Math.floor / Math.trunc first (floats stay floats on the GPU).',
    );
  }
  const op = node.operator;
  if (op === '>>>') return { code: `(${coerce(a, 'u32')} >> ${coerce(b, 'u32')})`, ty: 'u32' };
  if (op === '<<' || op === '>>') {
    const ty = a.literal !== undefined ? 'i32' : (a.ty as ScalarType);
    return { code: `(${coerce(a, ty)} ${op} ${coerce(b, 'u32')})`, ty };
  }
  const ty = unify(a, b);
  return { code: `(${coerce(a, ty)} ${op} ${coerce(b, ty)})`, ty };
}

function lowerUnary(cx: TranspileContext, node: UnaryExpression): Typed {
  const e = lowerExpr(cx, node.argument);
  switch (node.operator) {
    case '-':
      if (e.literal !== undefined)
        return { code: String(-e.literal), ty: e.ty, literal: -e.literal };
      if (e.ty === 'bool') return { code: `-${coerce(e, 'i32')}`, ty: 'i32' };
      return e.ty === 'u32'
        ? { code: `(-i32(${e.code}))`, ty: 'i32' }
        : { code: `(-${e.code})`, ty: e.ty };
    case '+':
      return e.ty === 'bool' ? { code: coerce(e, 'i32'), ty: 'i32' } : e;
    case '!':
      return { code: `!${coerce(e, 'bool')}`, ty: 'bool' };
    case '~':
      if (e.ty === 'i32' || e.ty === 'u32') return { code: `(~${e.code})`, ty: e.ty };
      return cx.fail(
        node,
        '`~` needs an integer on the GPU',
        'Use an Int32Array or Uint32Array input.',
      );
    default:
      return cx.fail(
        node,
        `the \`${node.operator}\` operator is not supported on the GPU`,
        SUPPORTED,
      );
  }
}

function lowerMember(cx: TranspileContext, node: MemberExpression): Typed {
  const math = mathMember(node);
  if (math !== undefined) {
    const v = MATH_CONSTANTS[math];
    if (v === undefined)
      return cx.fail(
        node,
        `Math.${math} is not a constant the GPU knows`,
        `Known: ${Object.keys(MATH_CONSTANTS).join(', ')}.`,
      );
    return { code: String(v), ty: 'f32', literal: v };
  }
  const obj = node.object;
  if (obj.type === 'Identifier') {
    const b = cx.lookup(obj.name);
    if (b?.kind === 'params' && !node.computed && node.property.type === 'Identifier') {
      return lowerParam(cx, node.property, node.property.name);
    }
    if (b?.kind === 'array') return lowerArrayAccess(cx, node, b.name, b.ty);
  }
  if (
    obj.type === 'MemberExpression' &&
    !obj.computed &&
    obj.property.type === 'Identifier' &&
    obj.object.type === 'Identifier'
  ) {
    const holder = cx.lookup(obj.object.name);
    const ty = holder?.kind === 'params' ? cx.arrays[obj.property.name] : undefined;
    if (ty) return lowerArrayAccess(cx, node, wgslName(obj.property.name), ty);
  }
  return cx.fail(
    node,
    'only params (p.name), array params (p.arr[i], arr.length) and Math constants can be read with `.` or `[]` on the GPU',
    'Pass arrays to read by index in params, e.g. { params: { src: xs } }, and read src[i - 1].',
  );
}

/** `p.name` for a scalar param. */
function lowerParam(cx: TranspileContext, node: Node, name: string): Typed {
  const ty = cx.scalars[name];
  if (ty) return { code: `P.${wgslName(name)}`, ty };
  if (cx.arrays[name]) {
    return cx.fail(
      node,
      `\`${name}\` is an array param, not a number`,
      `Index it, e.g. p.${name}[i].`,
    );
  }
  return cx.fail(node, `\`${name}\` is not in params`, `Add it: { params: { ${name}: ... } }.`);
}

function lowerArrayAccess(
  cx: TranspileContext,
  node: MemberExpression,
  name: string,
  ty: ScalarType,
): Typed {
  if (!node.computed) {
    if (node.property.type === 'Identifier' && node.property.name === 'length') {
      return { code: `i32(arrayLength(&${name}))`, ty: 'i32' };
    }
    return cx.fail(node, 'arrays on the GPU have only `.length` and `[index]`', SUPPORTED);
  }
  const index = lowerExpr(cx, node.property);
  if (index.ty !== 'i32' && index.ty !== 'u32') {
    return cx.fail(
      node.property,
      'an array index on the GPU must be an integer',
      'Use the element index or an integer loop counter, or Math.floor(...) converted by an integer array.',
    );
  }
  return { code: `${name}[${index.code}]`, ty };
}

/** A short name for a syntax node in messages, e.g. "a function call" or "an object literal". */
export function describeNode(node: Node): string {
  const names: Record<string, string> = {
    ObjectExpression: 'an object literal',
    ArrayExpression: 'an array literal',
    ArrowFunctionExpression: 'a nested function',
    FunctionExpression: 'a nested function',
    TemplateLiteral: 'a template string',
    NewExpression: '`new`',
    ThisExpression: '`this`',
    AwaitExpression: '`await`',
    SequenceExpression: 'the comma operator',
    TaggedTemplateExpression: 'a tagged template',
    ClassExpression: 'a class',
    YieldExpression: '`yield`',
    ChainExpression: 'optional chaining (?.)',
  };
  return names[node.type] ?? `${node.type}`;
}
