/**
 * `g.map`'s transpiler: a JS/TS arrow function over numbers becomes a WGSL compute
 * shader. acorn parses the function's source (keeping positions, so an unsupported
 * construct is reported at its line and column); statements and expressions are lowered
 * directly to WGSL with types from the inputs. Variables start with their initialiser's
 * type and widen (integer to float) when a later assignment needs it, with another pass.
 */
import { parse } from 'acorn';
import type { ArrowFunctionExpression, FunctionExpression, Node, Pattern } from 'acorn';
import { GpuError } from '../core/errors';
import { TranspileContext } from './transpile-context';
import { lowerBlockBody, lowerReturn } from './transpile-stmt';
import type { ScalarType, WgslType } from './wgsl-types';
import { wgslName } from './wgsl-types';

/** What a mapped function receives: one element per input, then the index, then params. */
export interface MapSignature {
  /** Element type of each input array, in order. */
  inputs: ScalarType[];
  /** Uniform scalar params, by name. */
  scalars: Record<string, ScalarType>;
  /** Arrays readable by index, by name. */
  arrays: Record<string, ScalarType>;
}

/** A transpiled map: the WGSL module and its output element type. */
export interface TranspiledMap {
  wgsl: string;
  output: ScalarType;
  /** Threads per workgroup the module declares. */
  workgroupSize: number;
}

/** Threads per workgroup of generated maps. */
export const MAP_WORKGROUP = 64;
const MAX_PASSES = 6;

/** Transpiles `source` (a function's text) to a WGSL compute shader for `signature`. */
export function transpileMap(source: string, signature: MapSignature): TranspiledMap {
  const fn = parseFunction(source);
  const cx = new TranspileContext(signature.scalars, signature.arrays);
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    cx.changed = false;
    cx.push();
    const params = bindParams(cx, fn.params, signature);
    const body =
      fn.body.type === 'BlockStatement'
        ? lowerBlockBody(cx, fn.body.body, 1)
        : `  ${lowerReturn(cx, fn.body, fn.body)}\n`;
    cx.pop();
    if (!cx.changed) return assemble(signature, params, body, cx.returnType, fn);
  }
  throw new GpuError('compile', 'the types of this GPU function did not settle', {
    hint: 'Give variables an initial value of the type they keep, e.g. `let s = 0.0`.',
  });
}

type FnNode = ArrowFunctionExpression | FunctionExpression;

/** Parses the function; anything that is not one plain (non-async) function is refused. */
function parseFunction(source: string): FnNode {
  let program;
  try {
    program = parse(`(${source}\n)`, { ecmaVersion: 'latest', locations: true });
  } catch (e) {
    const loc = (e as { loc?: { line: number; column: number } }).loc;
    throw new GpuError('compile', `the GPU function does not parse: ${(e as Error).message}`, {
      ...(loc ? { line: loc.line, column: loc.line === 1 ? loc.column : loc.column + 1 } : {}),
      hint: 'Pass an arrow function, e.g. g.map((x) => x * x, xs).',
    });
  }
  const stmt = program.body[0];
  const expr = stmt?.type === 'ExpressionStatement' ? stmt.expression : undefined;
  if (!expr || (expr.type !== 'ArrowFunctionExpression' && expr.type !== 'FunctionExpression')) {
    throw new GpuError('compile', 'g.map needs an arrow function or a function expression', {
      line: 1,
      column: 1,
      hint: 'e.g. g.map((x) => x * x, xs); methods and classes cannot run on the GPU.',
    });
  }
  if (expr.async || expr.generator) {
    new TranspileContext({}, {}).fail(
      expr,
      'async and generator functions cannot run on the GPU',
      'Remove async; GPU functions compute a number from numbers.',
    );
  }
  return expr;
}

/** Binds the parameters: elements, then the index, then the params object or its fields. */
function bindParams(cx: TranspileContext, params: Pattern[], sig: MapSignature): string[] {
  const n = sig.inputs.length;
  if (params.length > n + 2) {
    cx.fail(
      params[n + 2]!,
      `this map has ${n} input(s), so the function takes at most ${n + 2} parameters`,
      'Parameters: one element per input array, then the index, then the params object.',
    );
  }
  const names: string[] = [];
  params.forEach((p, k) => {
    if (k < n + 1 && p.type !== 'Identifier')
      cx.fail(p, 'element and index parameters must be plain names', 'e.g. (x, y, i, p) => ...');
    if (p.type === 'Identifier') {
      const wgsl = wgslName(p.name);
      if (k < n) cx.declare(p, p.name, { kind: 'element', wgsl, ty: sig.inputs[k]! });
      else if (k === n) cx.declare(p, p.name, { kind: 'index', wgsl });
      else cx.declare(p, p.name, { kind: 'params' });
      if (k <= n) names.push(wgsl);
    } else if (p.type === 'ObjectPattern') {
      for (const prop of p.properties) {
        if (
          prop.type !== 'Property' ||
          prop.key.type !== 'Identifier' ||
          prop.value.type !== 'Identifier' ||
          prop.key.name !== prop.value.name
        ) {
          cx.fail(
            prop,
            'destructure params by their names only',
            'e.g. (x, i, { scale, src }) => ...',
          );
        }
        bindParam(cx, prop, prop.key.name);
      }
    } else
      cx.fail(
        p,
        'the params parameter must be a name or { names }',
        'e.g. (x, i, p) => x * p.scale',
      );
  });
  return names;
}

function bindParam(cx: TranspileContext, node: Node, name: string): void {
  const scalar = cx.scalars[name];
  const array = cx.arrays[name];
  if (scalar) cx.bind(name, { kind: 'scalar', name: wgslName(name), ty: scalar });
  else if (array) cx.bind(name, { kind: 'array', name: wgslName(name), ty: array });
  else cx.fail(node, `\`${name}\` is not in params`, `Add it: { params: { ${name}: ... } }.`);
}

/** Puts the module together: params struct, bindings, the user function and the entry point. */
function assemble(
  sig: MapSignature,
  params: string[],
  body: string,
  ret: WgslType | undefined,
  fn: FnNode,
): TranspiledMap {
  if (ret === undefined || ret === 'bool') {
    new TranspileContext({}, {}).fail(
      fn,
      'the GPU function never returns a number',
      'End it with return ...;',
    );
  }
  const output = ret as ScalarType;
  const fields = [
    'n: u32',
    'row: u32',
    ...Object.entries(sig.scalars).map(([k, t]) => `${wgslName(k)}: ${t}`),
  ];
  const lines: string[] = [
    `struct Params {\n${fields.map((f) => `  ${f},`).join('\n')}\n}`,
    '@group(0) @binding(0) var<uniform> P: Params;',
    `@group(0) @binding(1) var<storage, read_write> out_: array<${output}>;`,
  ];
  let b = 2;
  sig.inputs.forEach((t, k) =>
    lines.push(`@group(0) @binding(${b++}) var<storage, read> in${k}: array<${t}>;`),
  );
  for (const [k, t] of Object.entries(sig.arrays))
    lines.push(`@group(0) @binding(${b++}) var<storage, read> ${wgslName(k)}: array<${t}>;`);
  const args = sig.inputs.map((t, k) => `${params[k] ?? `unused${k}`}: ${t}`);
  args.push(`${params[sig.inputs.length] ?? 'index'}: i32`);
  const calls = sig.inputs.map((_, k) => `in${k}[idx]`).concat('i32(idx)');
  lines.push(`fn f(${args.join(', ')}) -> ${output} {\n${body}}`);
  lines.push(
    `@compute @workgroup_size(${MAP_WORKGROUP})\nfn main(@builtin(global_invocation_id) gid: vec3u) {\n  let idx = gid.x + gid.y * P.row;\n  if (idx >= P.n) {\n    return;\n  }\n  out_[idx] = f(${calls.join(', ')});\n}`,
  );
  return { wgsl: `${lines.join('\n')}\n`, output, workgroupSize: MAP_WORKGROUP };
}
