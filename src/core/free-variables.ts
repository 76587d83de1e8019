/**
 * The check before a function is sent to the workers: functions travel as source text, so
 * any variable they use from the script (a closure) is missing on the workers. This parses
 * the source with acorn and walks its scopes to find those names before dispatch.
 */
import { parse } from 'acorn';
import type { AnyNode, Expression, Pattern, Program } from 'acorn';
import { fullAncestor } from 'acorn-walk';
import { UsageError } from './errors';

/** How a function's source text parses. */
interface ParsedSource {
  program: Program;
  /** The expression the source is: a function, arrow, class or anything else. */
  expression: Expression;
  /** `'method'` when the source is method shorthand (`f(x) { ... }`), parsed inside `({ ... })`. */
  form: 'expression' | 'method';
}

const PARSE_OPTIONS = {
  ecmaVersion: 'latest',
  sourceType: 'script',
  allowAwaitOutsideFunction: false,
} as const;

/**
 * Parses a function's source: first as an expression `(source)`, then as method shorthand
 * `({source})`, since a method's `toString()` is `f(x) { ... }`. The newline keeps a
 * trailing line comment from swallowing the closing bracket. Throws acorn's SyntaxError.
 */
function parseSource(source: string): ParsedSource {
  let firstError: unknown;
  try {
    const program = parse(`(${source}\n)`, PARSE_OPTIONS);
    return { program, expression: soleExpression(program), form: 'expression' };
  } catch (e) {
    firstError = e;
  }
  try {
    const program = parse(`({${source}\n})`, PARSE_OPTIONS);
    const object = soleExpression(program);
    const [property] = object.type === 'ObjectExpression' ? object.properties : [];
    const single = object.type === 'ObjectExpression' && object.properties.length === 1;
    if (single && property?.type === 'Property' && (property.method || property.kind !== 'init')) {
      return { program, expression: property.value, form: 'method' };
    }
  } catch {
    // Not method shorthand either: report the error of the plain expression parse.
  }
  throw firstError;
}

/** The single expression a wrapped source parses to. */
function soleExpression(program: Program): Expression {
  const [statement] = program.body;
  if (program.body.length !== 1 || statement?.type !== 'ExpressionStatement') {
    throw new SyntaxError('Expected a single expression');
  }
  return statement.expression;
}

/** What the checks need of a function's source, worked out once per distinct text. */
interface Analysis {
  /** The type of the expression the source is (`ArrowFunctionExpression`, ...). */
  kind: string;
  /** The names it uses without declaring, sorted. */
  free: readonly string[];
  /** What {@link functionName} says of it. */
  name: string;
}

/** Source text kept in the memo at most, in characters (the oldest is forgotten first). */
export const MAX_ANALYSED_CHARS = 1 << 20;
const analyses = new Map<string, Analysis>();
let analysedChars = 0;

/**
 * The analysis of `source`, from the memo when it was analysed before. A script maps and
 * pushes the same functions call after call and run after run (the driver is reused while
 * it stays clean), and parsing and walking them took the driver 0.3-1.5 ms at the start of
 * every call, on the cores the engines were about to compute on. Throws acorn's error when
 * the source does not parse; failures are not kept, since acorn also fails on nesting
 * deeper than the stack left at the call, and the next call may have more.
 */
function analyze(source: string): Analysis {
  const known = analyses.get(source);
  if (known) return known;
  const parsed = parseSource(source);
  const analysis: Analysis = {
    kind: parsed.expression.type,
    free: [...freeNames(parsed.program)].sort(),
    name: nameOf(parsed),
  };
  if (source.length <= MAX_ANALYSED_CHARS) {
    for (const old of analyses.keys()) {
      if (analysedChars + source.length <= MAX_ANALYSED_CHARS) break;
      analyses.delete(old);
      analysedChars -= old.length;
    }
    analyses.set(source, analysis);
    analysedChars += source.length;
  }
  return analysis;
}

/** Node types that scope `let`, `const` and `class` declarations. */
const BLOCK_SCOPES = new Set([
  'Program',
  'BlockStatement',
  'StaticBlock',
  'SwitchStatement',
  'ForStatement',
  'ForInStatement',
  'ForOfStatement',
  'CatchClause',
  'FunctionDeclaration',
  'FunctionExpression',
  'ArrowFunctionExpression',
]);

/** Node types that scope `var` declarations. */
const FUNCTION_SCOPES = new Set([
  'Program',
  'StaticBlock',
  'FunctionDeclaration',
  'FunctionExpression',
  'ArrowFunctionExpression',
]);

/** Adds every name a binding pattern declares to `out`. */
export function collectPatternNames(pattern: Pattern, out: Set<string>): void {
  switch (pattern.type) {
    case 'Identifier':
      out.add(pattern.name);
      break;
    case 'ObjectPattern':
      for (const prop of pattern.properties) {
        collectPatternNames(prop.type === 'RestElement' ? prop.argument : prop.value, out);
      }
      break;
    case 'ArrayPattern':
      for (const element of pattern.elements) if (element) collectPatternNames(element, out);
      break;
    case 'RestElement':
      collectPatternNames(pattern.argument, out);
      break;
    case 'AssignmentPattern':
      collectPatternNames(pattern.left, out);
      break;
    case 'MemberExpression':
      break;
  }
}

/**
 * Lists the names `program` uses without declaring them. One walk records each scope's
 * declarations and every identifier with its ancestors; resolution happens afterwards,
 * so hoisted declarations count wherever they appear.
 */
function freeNames(program: Program): Set<string> {
  const declared = new Map<AnyNode, Set<string>>();
  const declare = (scope: AnyNode | undefined, names: Iterable<string>) => {
    if (!scope) return;
    let set = declared.get(scope);
    if (!set) declared.set(scope, (set = new Set()));
    for (const name of names) set.add(name);
  };
  /** The innermost ancestor (excluding the node itself) whose type is in `types`. */
  const nearest = (ancestors: AnyNode[], types: Set<string>) => {
    for (let i = ancestors.length - 2; i >= 0; i--) {
      const node = ancestors[i];
      if (node && types.has(node.type)) return node;
    }
    return undefined;
  };
  const references: Array<{ name: string; ancestors: AnyNode[] }> = [];

  fullAncestor(program, (node, _state, ancestors) => {
    switch (node.type) {
      case 'Identifier':
        references.push({ name: node.name, ancestors: ancestors.slice(0, -1) });
        break;
      case 'VariableDeclaration': {
        const names = new Set<string>();
        for (const d of node.declarations) collectPatternNames(d.id, names);
        declare(nearest(ancestors, node.kind === 'var' ? FUNCTION_SCOPES : BLOCK_SCOPES), names);
        break;
      }
      case 'FunctionDeclaration':
      case 'FunctionExpression':
      case 'ArrowFunctionExpression': {
        const names = new Set<string>();
        for (const param of node.params) collectPatternNames(param, names);
        if (node.type !== 'ArrowFunctionExpression') names.add('arguments');
        if (node.type === 'FunctionExpression' && node.id) names.add(node.id.name);
        declare(node, names);
        if (node.type === 'FunctionDeclaration' && node.id) {
          // Block-level functions are also visible function-wide in sloppy scripts (Annex B.3.3).
          declare(nearest(ancestors, BLOCK_SCOPES), [node.id.name]);
          declare(nearest(ancestors, FUNCTION_SCOPES), [node.id.name]);
        }
        break;
      }
      case 'ClassDeclaration':
        if (node.id) declare(nearest(ancestors, BLOCK_SCOPES), [node.id.name]);
        break;
      case 'ClassExpression':
        if (node.id) declare(node, [node.id.name]);
        break;
      case 'CatchClause':
        if (node.param) declare(node, collectNames(node.param));
        break;
    }
  });

  const free = new Set<string>();
  for (const { name, ancestors } of references) {
    if (!ancestors.some((scope) => declared.get(scope)?.has(name))) free.add(name);
  }
  return free;
}

/** The names a binding pattern declares. */
function collectNames(pattern: Pattern): Set<string> {
  const names = new Set<string>();
  collectPatternNames(pattern, names);
  return names;
}

/**
 * Lists the identifiers a function's source uses but does not declare (sorted, unique),
 * i.e. what it expects to find as globals. Accepts function and arrow expressions, function
 * declarations, classes and method shorthand (`f(x) { ... }`); `this` is not a variable and
 * is not listed. Throws acorn's SyntaxError when the source does not parse.
 */
export function findFreeVariables(source: string): string[] {
  return [...analyze(source).free];
}

/** Names the language itself guarantees on any global object. */
const LANGUAGE_GLOBALS: ReadonlySet<string> = new Set([
  'undefined',
  'NaN',
  'Infinity',
  'globalThis',
]);

/** `function sqrt() { [native code] }`: what built-in and bound functions print. */
const NATIVE_CODE = /\{\s*\[native code\]\s*\}\s*$/;

/** Formats names as `` `a`, `b` ``. */
const quoteNames = (names: string[]) => names.map((n) => `\`${n}\``).join(', ');

/**
 * Throws a UsageError (with a hint) unless `source` is a function whose free variables are
 * all in `known` (the engines' globals plus names pushed or executed so far); `context.what`
 * names the call, e.g. `map(isPrime)`, and prefixes the message.
 */
export function checkShippable(
  source: string,
  known: ReadonlySet<string>,
  context: { what: string },
): void {
  const prefix = `${context.what}: `;
  if (NATIVE_CODE.test(source)) {
    throw new UsageError(
      `${prefix}built-in or bound functions cannot be sent to workers; wrap it: (x) => Math.sqrt(x)`,
      {
        hint: 'Functions travel to the workers as source text, and built-in or bound functions have none. Wrap the call in an arrow function written in the script.',
      },
    );
  }
  let analysis: Analysis;
  try {
    analysis = analyze(source);
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    throw new UsageError(`${prefix}this function's source text does not parse (${reason})`, {
      hint: 'Pass a function written in the script, such as (x) => x * x or function f(x) { ... }.',
    });
  }
  const { kind, free } = analysis;
  if (kind !== 'ArrowFunctionExpression' && kind !== 'FunctionExpression') {
    throw new UsageError(`${prefix}expected a function, got ${describeExpression(kind)}`, {
      hint: 'Pass a function, such as (x) => x * x.',
    });
  }
  const missing = free.filter((name) => !known.has(name) && !LANGUAGE_GLOBALS.has(name));
  if (missing.length === 0) return;
  const names = quoteNames(missing);
  const one = missing.length === 1;
  throw new UsageError(`${prefix}${names} ${one ? 'is' : 'are'} not defined on the workers`, {
    hint:
      "Functions travel to the workers as source text, so they cannot see the script's variables. " +
      `Pass ${names} as ${one ? 'an argument' : 'arguments'}, or send ${one ? 'it' : 'them'} first with ` +
      `\`push({ ${missing.join(', ')} })\` (functions: \`execute\` their definition).`,
  });
}

/** Words for a non-function expression in an error message. */
function describeExpression(type: string): string {
  if (type === 'ClassExpression') return 'a class (classes cannot be called without new)';
  return `an expression (${type})`;
}

/**
 * The name a function's source declares: the function or method name, `'lambda'` for an
 * arrow function, `'anonymous'` when there is none (or the source does not parse).
 */
export function functionName(source: string): string {
  try {
    return analyze(source).name;
  } catch {
    const match = /^\s*(?:async\s+)?function\s*\*?\s*([A-Za-z_$][\w$]*)/.exec(source);
    return match?.[1] ?? 'anonymous';
  }
}

/** The name a parsed source declares (see {@link functionName}). */
function nameOf({ expression, program, form }: ParsedSource): string {
  if (form === 'method') {
    const [statement] = program.body;
    const object = statement?.type === 'ExpressionStatement' ? statement.expression : undefined;
    const property = object?.type === 'ObjectExpression' ? object.properties[0] : undefined;
    if (property?.type === 'Property' && !property.computed) {
      if (property.key.type === 'Identifier') return property.key.name;
      if (property.key.type === 'Literal') return String(property.key.value);
    }
    return 'anonymous';
  }
  if (expression.type === 'ArrowFunctionExpression') return 'lambda';
  if (expression.type === 'FunctionExpression' || expression.type === 'ClassExpression') {
    return expression.id?.name ?? 'anonymous';
  }
  return 'anonymous';
}
