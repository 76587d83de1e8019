/**
 * Prepares code for `execute`: the code runs as a classic script at an engine's global
 * scope, where top-level `let`, `const` and `class` would vanish when the script ends.
 * They become `var`s, so `execute('const C = dot(A, B)')` leaves `C` for `pull('C')`,
 * as ipyparallel's `execute` does.
 */
import { parse } from 'acorn';
import type { Program } from 'acorn';
import { UsageError } from './errors';
import { collectPatternNames } from './free-variables';

/** What {@link prepareExecute} returns. */
export interface PreparedCode {
  code: string;
  /** Names the code declares at the top level, or may assign as globals. */
  names: string[];
}

/** Rewrites top-level lexical declarations to `var` and lists the names the code defines. */
export function prepareExecute(code: string): PreparedCode {
  let program: Program;
  try {
    program = parse(code, { ecmaVersion: 'latest', sourceType: 'script' });
  } catch (e) {
    const loc = (e as { loc?: { line: number; column: number } }).loc;
    throw new UsageError(
      `execute: line ${loc?.line ?? 1} of the code does not parse: ${(e as Error).message.replace(/ \(\d+:\d+\)$/, '')}`,
      {
        hint: 'execute() takes JavaScript source text; lines are counted inside the string.',
      },
    );
  }
  const edits: { start: number; end: number; text: string }[] = [];
  const names = new Set<string>();
  for (const node of program.body) {
    if (node.type === 'VariableDeclaration') {
      for (const d of node.declarations) collectPatternNames(d.id, names);
      if (node.kind !== 'var')
        edits.push({ start: node.start, end: node.start + node.kind.length, text: 'var' });
    } else if (node.type === 'FunctionDeclaration' && node.id) {
      names.add(node.id.name);
    } else if (node.type === 'ClassDeclaration' && node.id) {
      names.add(node.id.name);
      edits.push({ start: node.start, end: node.start, text: `var ${node.id.name} = ` });
    }
  }
  for (const name of assignedIdentifiers(program)) names.add(name);
  let out = code;
  for (const e of edits.sort((a, b) => b.start - a.start)) {
    out = out.slice(0, e.start) + e.text + out.slice(e.end);
  }
  return { code: out, names: [...names].sort() };
}

/** Identifiers assigned at any depth (`x = 1` makes a global in sloppy scripts). */
function assignedIdentifiers(program: Program): string[] {
  const found: string[] = [];
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const c of node) visit(c);
      return;
    }
    const n = node as { type?: string; left?: { type: string; name?: string } };
    if (n.type === 'AssignmentExpression' && n.left?.type === 'Identifier' && n.left.name) {
      found.push(n.left.name);
    }
    for (const [key, value] of Object.entries(node)) {
      if (key !== 'type' && key !== 'start' && key !== 'end' && typeof value === 'object')
        visit(value);
    }
  };
  visit(program.body);
  return found;
}
