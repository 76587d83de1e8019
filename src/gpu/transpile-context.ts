/**
 * The transpiler's state while it walks one function: scopes of names, the types variables
 * have been found to hold (widened over passes), and errors placed at source positions.
 */
import type { Node } from 'acorn';
import { GpuError } from '../core/errors';
import type { ScalarType, WgslType } from './wgsl-types';
import { wgslName } from './wgsl-types';

/** What the GPU subset is, for the hints of refused constructs. */
export const SUPPORTED =
  'GPU functions support numbers, arithmetic, comparisons, &&, ||, ?:, Math.*, local variables, the element index and params.';

/** What a name in the mapped function refers to. */
export type Binding =
  | { kind: 'local'; decl: Node; wgsl: string; mutable: boolean }
  | { kind: 'element'; wgsl: string; ty: ScalarType }
  | { kind: 'index'; wgsl: string }
  | { kind: 'params' }
  | { kind: 'scalar'; name: string; ty: ScalarType }
  | { kind: 'array'; name: string; ty: ScalarType };

/** A position in the function's source text (1-based). */
export interface SourcePosition {
  line: number;
  column: number;
}

/** Walk state shared by the statement and expression lowering. */
export class TranspileContext {
  private readonly scopes: Map<string, Binding>[] = [new Map<string, Binding>()];
  /** Type each `let`/`const` declaration holds, by node; widened when an assignment needs it. */
  readonly varTypes = new Map<Node, WgslType>();
  /** Set when a variable or the return type widened in this pass: another pass follows. */
  changed = false;
  returnType: WgslType | undefined;
  /** Loop nesting, to refuse `break` outside loops. */
  loops = 0;

  constructor(
    readonly scalars: Record<string, ScalarType>,
    readonly arrays: Record<string, ScalarType>,
  ) {}

  /** An error at `node`, saying what is not supported and what to do. */
  fail(node: Node, message: string, hint: string): never {
    throw new GpuError('compile', message, { ...positionOf(node), hint });
  }

  /** Opens a block scope. */
  push(): void {
    this.scopes.push(new Map());
  }

  /** Closes the innermost block scope. */
  pop(): void {
    this.scopes.pop();
  }

  /** Declares `name` in the innermost scope. */
  declare(node: Node, name: string, binding: Binding): void {
    if (name in this.arrays || name in this.scalars) {
      this.fail(
        node,
        `\`${name}\` is already a param of this GPU function`,
        'Give the variable another name.',
      );
    }
    this.scopes[this.scopes.length - 1]!.set(name, binding);
  }

  /** Binds a destructured param in the innermost scope (params may not be redeclared as locals). */
  bind(name: string, binding: Binding): void {
    this.scopes[this.scopes.length - 1]!.set(name, binding);
  }

  /** What `name` refers to, innermost scope first. */
  lookup(name: string): Binding | undefined {
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const b = this.scopes[i]!.get(name);
      if (b) return b;
    }
    return undefined;
  }

  /** A local's WGSL name: the JS name, made safe. */
  localName(name: string): string {
    return wgslName(name);
  }

  /** Records that `decl` must hold `ty`; a wider type than before asks for another pass. */
  widenVar(decl: Node, ty: WgslType, widenFn: (a: WgslType, b: WgslType) => WgslType): void {
    const before = this.varTypes.get(decl);
    const after = before === undefined ? ty : widenFn(before, ty);
    if (after !== before) {
      this.varTypes.set(decl, after);
      if (before !== undefined) this.changed = true;
    }
  }
}

/** The 1-based position of `node` in the function's source (acorn parsed `(source)`). */
export function positionOf(node: Node): SourcePosition {
  const start = node.loc?.start ?? { line: 1, column: 1 };
  return { line: start.line, column: start.line === 1 ? start.column : start.column + 1 };
}
