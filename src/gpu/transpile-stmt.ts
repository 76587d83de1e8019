/**
 * Lowers the statements of a mapped function: declarations (types widen over passes),
 * assignments, if/else, for, while, break, continue and return.
 */
import type { Expression, Node, Pattern, Statement } from 'acorn';
import type { TranspileContext } from './transpile-context';
import { condition, describeNode, lowerExpr } from './transpile-expr';
import type { WgslType } from './wgsl-types';
import { coerce, unify, widen } from './wgsl-types';

function indent(depth: number): string {
  return '  '.repeat(depth);
}

/** Lowers a block's statements in a new scope, indented `depth` levels. */
export function lowerBlockBody(cx: TranspileContext, body: Statement[], depth: number): string {
  cx.push();
  const out = body.map((s) => lowerStatement(cx, s, depth)).join('');
  cx.pop();
  return out;
}

function lowerStatement(cx: TranspileContext, s: Statement, depth: number): string {
  const pad = indent(depth);
  switch (s.type) {
    case 'VariableDeclaration':
      return `${pad}${lowerDeclaration(cx, s)};\n`;
    case 'ExpressionStatement':
      return `${pad}${lowerAssignment(cx, s.expression)};\n`;
    case 'ReturnStatement':
      if (!s.argument) cx.fail(s, 'a GPU function must return a number', 'e.g. return x * x;');
      return `${pad}${lowerReturn(cx, s.argument, s)}\n`;
    case 'IfStatement': {
      let code = `${pad}if ${paren(condition(cx, s.test))} {\n${lowerNested(cx, s.consequent, depth + 1)}${pad}}`;
      if (s.alternate) {
        code +=
          s.alternate.type === 'IfStatement'
            ? ` else ${lowerStatement(cx, s.alternate, depth).trimStart()}`
            : ` else {\n${lowerNested(cx, s.alternate, depth + 1)}${pad}}\n`;
      } else code += '\n';
      return code;
    }
    case 'ForStatement':
      return lowerFor(cx, s, depth);
    case 'WhileStatement': {
      cx.loops++;
      const code = `${pad}while ${paren(condition(cx, s.test))} {\n${lowerNested(cx, s.body, depth + 1)}${pad}}\n`;
      cx.loops--;
      return code;
    }
    case 'BreakStatement':
    case 'ContinueStatement':
      if (s.label)
        cx.fail(
          s,
          'labelled break and continue are not supported on the GPU',
          'Use a flag variable.',
        );
      if (cx.loops === 0)
        cx.fail(
          s,
          `\`${s.type === 'BreakStatement' ? 'break' : 'continue'}\` outside a loop`,
          'Use it inside for or while.',
        );
      return `${pad}${s.type === 'BreakStatement' ? 'break' : 'continue'};\n`;
    case 'BlockStatement':
      return `${pad}{\n${lowerBlockBody(cx, s.body, depth + 1)}${pad}}\n`;
    case 'EmptyStatement':
      return '';
    default:
      return cx.fail(
        s,
        `${statementName(s)} is not supported on the GPU`,
        'GPU functions support let/const, assignments, if/else, for, while, break, continue and return.',
      );
  }
}

function paren(code: string): string {
  return code.startsWith('(') && code.endsWith(')') ? code : `(${code})`;
}

function lowerNested(cx: TranspileContext, s: Statement, depth: number): string {
  return s.type === 'BlockStatement'
    ? lowerBlockBody(cx, s.body, depth)
    : lowerBlockBody(cx, [s], depth);
}

function lowerFor(
  cx: TranspileContext,
  s: Extract<Statement, { type: 'ForStatement' }>,
  depth: number,
): string {
  const pad = indent(depth);
  cx.push();
  const init = !s.init
    ? ''
    : s.init.type === 'VariableDeclaration'
      ? lowerDeclaration(cx, s.init)
      : lowerAssignment(cx, s.init);
  const test = s.test ? condition(cx, s.test) : '';
  const update = s.update ? lowerAssignment(cx, s.update) : '';
  cx.loops++;
  const body = lowerNested(cx, s.body, depth + 1);
  cx.loops--;
  cx.pop();
  return `${pad}for (${init}; ${test}; ${update}) {\n${body}${pad}}\n`;
}

function lowerDeclaration(
  cx: TranspileContext,
  s: Extract<Statement, { type: 'VariableDeclaration' }>,
): string {
  if (s.kind === 'var') cx.fail(s, '`var` is not supported on the GPU', 'Use let or const.');
  if (s.declarations.length !== 1)
    cx.fail(s, 'declare one variable per statement on the GPU', 'e.g. let a = 0; let b = 1;');
  const d = s.declarations[0]!;
  if (d.id.type !== 'Identifier')
    return cx.fail(
      d.id,
      'destructuring is not supported on the GPU',
      'Declare each variable by name.',
    );
  if (!d.init)
    return cx.fail(
      d,
      `\`${d.id.name}\` needs an initial value on the GPU`,
      `e.g. let ${d.id.name} = 0;`,
    );
  const init = lowerExpr(cx, d.init);
  cx.widenVar(
    d,
    init.ty === 'bool'
      ? 'bool'
      : init.literal !== undefined && !Number.isInteger(init.literal)
        ? 'f32'
        : init.ty,
    widen,
  );
  const ty = cx.varTypes.get(d)!;
  const wgsl = cx.localName(d.id.name);
  cx.declare(d.id, d.id.name, { kind: 'local', decl: d, wgsl, mutable: s.kind === 'let' });
  return `${s.kind === 'let' ? 'var' : 'let'} ${wgsl}: ${ty} = ${coerce(init, ty)}`;
}

function lowerAssignment(cx: TranspileContext, e: Expression): string {
  if (e.type === 'UpdateExpression') {
    const target = assignable(cx, e.argument);
    const ty = cx.varTypes.get(target.decl) ?? 'f32';
    const one = ty === 'f32' ? '1.0' : ty === 'u32' ? '1u' : '1';
    return `${target.wgsl} ${e.operator === '++' ? '+=' : '-='} ${one}`;
  }
  if (e.type !== 'AssignmentExpression') {
    return cx.fail(
      e,
      `${describeNode(e)} does nothing as a statement on the GPU`,
      'Statements are assignments (x = ..., x += ..., x++) and control flow.',
    );
  }
  const target = assignable(cx, e.left);
  let value = lowerExpr(cx, e.right);
  if (e.operator !== '=') {
    const op = e.operator.slice(0, -1);
    const current = { code: target.wgsl, ty: cx.varTypes.get(target.decl) ?? 'f32' } as const;
    const ty: WgslType = op === '/' || op === '**' ? 'f32' : unify(current, value);
    const rhs =
      op === '**'
        ? `pow(${coerce(current, 'f32')}, ${coerce(value, 'f32')})`
        : `(${coerce(current, ty)} ${op} ${coerce(value, ty)})`;
    value = { code: rhs, ty };
  }
  cx.widenVar(
    target.decl,
    value.literal !== undefined && !Number.isInteger(value.literal) ? 'f32' : value.ty,
    widen,
  );
  return `${target.wgsl} = ${coerce(value, cx.varTypes.get(target.decl)!)}`;
}

function assignable(cx: TranspileContext, e: Expression | Pattern): { wgsl: string; decl: Node } {
  if (e.type !== 'Identifier')
    return cx.fail(
      e,
      'only local variables can be assigned on the GPU',
      'Return the new value instead: the result array is written for you.',
    );
  const b = cx.lookup(e.name);
  if (b?.kind !== 'local')
    return cx.fail(
      e,
      `\`${e.name}\` cannot be assigned on the GPU`,
      `Copy it first: let ${e.name}2 = ${e.name};`,
    );
  if (!b.mutable) return cx.fail(e, `\`${e.name}\` is const`, 'Declare it with let.');
  return b;
}

/** `return e;` with the function's return type widened to hold `e`. */
export function lowerReturn(cx: TranspileContext, e: Expression, at: Node): string {
  const v = lowerExpr(cx, e);
  if (v.ty === 'bool')
    cx.fail(at, 'a GPU function must return a number, not a boolean', 'e.g. return x > 0 ? 1 : 0;');
  const ty = v.literal !== undefined && !Number.isInteger(v.literal) ? 'f32' : v.ty;
  const before = cx.returnType;
  cx.returnType = before === undefined ? ty : widen(before, ty);
  if (before !== undefined && before !== cx.returnType) cx.changed = true;
  return `return ${coerce(v, cx.returnType)};`;
}

function statementName(s: Node): string {
  const names: Record<string, string> = {
    FunctionDeclaration: 'a nested function',
    SwitchStatement: '`switch`',
    ThrowStatement: '`throw`',
    TryStatement: '`try`',
    DoWhileStatement: '`do ... while`',
    ForInStatement: '`for ... in`',
    ForOfStatement: '`for ... of`',
    ClassDeclaration: 'a class',
    LabeledStatement: 'a label',
  };
  return names[s.type] ?? s.type;
}
