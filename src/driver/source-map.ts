import { originalPositionFor, TraceMap } from '@jridgewell/trace-mapping';

/** A place in the editor (1-based line and column). */
export interface EditorPosition {
  line: number;
  column: number;
}

/**
 * Maps positions in the emitted JavaScript back to the editor's TypeScript, and finds the
 * editor line of call sites (from stack traces) and of functions (from their source text).
 */
export class ScriptSource {
  private readonly map: TraceMap | undefined;
  private readonly lineStarts: number[] = [0];

  /**
   * @param url the name of the script's frames in stack traces
   * @param lineOffset lines before the script's first line in the code that ran (an async
   *   function's header)
   */
  constructor(
    readonly js: string,
    readonly url: string,
    sourceMap: string | undefined,
    private readonly lineOffset = 0,
  ) {
    this.map = sourceMap ? new TraceMap(sourceMap) : undefined;
    for (let i = 0; i < js.length; i++) if (js.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
  }

  /** Editor position of a 1-based line and column in the emitted JavaScript. */
  toEditor(jsLine: number, jsColumn = 1): EditorPosition {
    if (!this.map) return { line: jsLine, column: jsColumn };
    const pos = originalPositionFor(this.map, { line: jsLine, column: Math.max(0, jsColumn - 1) });
    if (pos.line == null) {
      const lineOnly = originalPositionFor(this.map, { line: jsLine, column: 0 });
      if (lineOnly.line == null) return { line: jsLine, column: jsColumn };
      return { line: lineOnly.line, column: 1 };
    }
    return { line: pos.line, column: (pos.column ?? 0) + 1 };
  }

  /** Editor position of the innermost frame of `stack` that is in the script. */
  positionInStack(stack: string | undefined): EditorPosition | undefined {
    if (!stack) return undefined;
    const at = stack.indexOf(this.url);
    if (at < 0) return undefined;
    const m = /^:(\d+):(\d+)/.exec(stack.slice(at + this.url.length));
    if (!m) return undefined;
    return this.toEditor(Number(m[1]) - this.lineOffset, Number(m[2]));
  }

  /** The 1-based emitted-JS line and column where `text` first occurs, if it does. */
  jsPositionOf(text: string): EditorPosition | undefined {
    const at = this.js.indexOf(text);
    if (at < 0) return undefined;
    const line = this.jsLineOf(text)!;
    return { line, column: at - this.lineStarts[line - 1]! + 1 };
  }

  /** Editor position of a place inside `text` (1-based line and column within it). */
  editorPositionIn(text: string, line: number, column: number): EditorPosition | undefined {
    const start = this.jsPositionOf(text);
    if (!start) return undefined;
    return this.toEditor(start.line + line - 1, line === 1 ? start.column + column - 1 : column);
  }

  /** The 1-based emitted-JS line where `source` (a function's text) starts, if it is found. */
  jsLineOf(source: string): number | undefined {
    const at = this.js.indexOf(source);
    if (at < 0) return undefined;
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= at) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }
}

/** Line and column inside eval'd code tagged `//# sourceURL=<name>`, from a stack trace. */
export function positionInNamedCode(
  stack: string | undefined,
  name: string,
): EditorPosition | undefined {
  if (!stack) return undefined;
  const at = stack.indexOf(name);
  if (at < 0) return undefined;
  const m = /^:(\d+):(\d+)/.exec(stack.slice(at + name.length));
  return m ? { line: Number(m[1]), column: Number(m[2]) } : undefined;
}
