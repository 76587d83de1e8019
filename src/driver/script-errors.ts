/**
 * Errors as the script sees them: a UsageError placed at the line of the call that was
 * given bad input, and an engine's failure rebuilt as a RemoteError at the editor line of
 * the code that failed.
 */
import { deserializeError, RemoteError, UsageError } from '../core/errors';
import type { TaskFailedMessage } from '../protocol/messages';
import { positionInNamedCode } from './source-map';
import type { ScriptSource } from './source-map';

/** A UsageError for the script, with a hint and the editor line of the call. */
export function usage(message: string, hint?: string, line?: number): UsageError {
  return new UsageError(message, {
    ...(hint !== undefined ? { hint } : {}),
    ...(line !== undefined ? { line } : {}),
  });
}

/** The same error placed at `line` (the call site), unless it already names a line. */
export function atLine(e: unknown, line: number | undefined): unknown {
  if (!(e instanceof UsageError) || e.line !== undefined || line === undefined) return e;
  return usage(e.message, e.hint, line);
}

/** Where a shipped function starts in the emitted JavaScript, by its id. */
export type FunctionLines = (fnId: number) => number | undefined;

/**
 * Rebuilds an engine's failure as a RemoteError. Its line is the failing line inside the
 * shipped function (found from the `fanout-fn-<id>.js` frame of the stack, through the
 * source map), or else the line of the call; failures inside `execute` code also name the
 * line within the code string.
 */
export function rebuildRemoteError(
  reply: TaskFailedMessage,
  call: { id: number; line: number | undefined },
  script: ScriptSource,
  functionLine: FunctionLines,
): RemoteError {
  const s = reply.error;
  let line = call.line;
  let where = '';
  const fnMatch = s.stack ? /fanout-fn-(\d+)\.js:(\d+):(\d+)/.exec(s.stack) : null;
  if (fnMatch) {
    const jsLine = functionLine(Number(fnMatch[1]));
    if (jsLine !== undefined) {
      line = script.toEditor(jsLine + Number(fnMatch[2]) - 1, Number(fnMatch[3])).line;
    }
  } else {
    const pos = positionInNamedCode(s.stack, `fanout-execute-${reply.taskId}.js`);
    if (pos) where = ` (line ${pos.line} of the executed code)`;
  }
  const base = deserializeError(s);
  const remoteName =
    s.name === 'RemoteError' ? ((base as RemoteError).remoteName ?? s.name) : s.name;
  return new RemoteError({
    message: `${s.message}${where}`,
    remoteName,
    worker: s.worker ?? -1,
    taskId: reply.taskId,
    callId: call.id,
    ...(line !== undefined ? { line } : {}),
    ...(s.hint ? { hint: s.hint } : hintFor(s.message)),
    ...(s.stack ? { stack: s.stack } : {}),
  });
}

/** A hint for the most common beginner failure: a name missing on the workers. */
function hintFor(message: string): { hint?: string } {
  const m = /^(\S+) is not defined$/.exec(message);
  if (!m) return {};
  return {
    hint: `\`${m[1]}\` exists in your script but not on the workers: pass it as an argument, push({ ${m[1]} }), or execute its definition first.`,
  };
}
