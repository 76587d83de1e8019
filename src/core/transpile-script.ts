/**
 * The script's TypeScript turned into the JavaScript the driver runs, without Monaco's
 * TypeScript worker: Sucrase strips the types (and compiles enums and parameter
 * properties), keeps every line where it was and leaves modern syntax as written (top-level
 * await, class fields), so Run works as soon as the page loads. Type checking stays the
 * editor's job (its TypeScript worker loads later); a type error never stops a run.
 */
import { transform } from 'sucrase';

/** The script emitted for the driver, or the syntax error that prevents running it. */
export type Compiled =
  | { ok: true; js: string; sourceMap: string | undefined }
  | { ok: false; line: number; message: string };

/** A Sucrase parse error: a SyntaxError with the 1-based line and 0-based column. */
interface ParseError {
  message: string;
  loc?: { line: number; column: number };
}

/** Emits `text` (TypeScript or JavaScript) as JavaScript with a source map. */
export function transpileScript(text: string): Compiled {
  try {
    const out = transform(text, {
      transforms: ['typescript'],
      disableESTransforms: true,
      filePath: 'main.ts',
      sourceMapOptions: { compiledFilename: 'main.js' },
    });
    return {
      ok: true,
      js: out.code,
      sourceMap: out.sourceMap ? JSON.stringify(out.sourceMap) : undefined,
    };
  } catch (e) {
    const error = e as ParseError;
    // "Error transforming main.ts: Unexpected token (2:10)": the line is shown apart.
    const message = String(error.message ?? e)
      .replace(/^Error transforming main\.ts: /, '')
      .replace(/\s*\(\d+:\d+\)$/, '');
    return { ok: false, line: error.loc?.line ?? 1, message };
  }
}
