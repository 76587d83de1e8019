/**
 * What the driver makes of an engine's reply before it trusts it: engines run user code,
 * and user code can post anything on its port.
 */
import { RemoteError } from '../core/errors';
import type { OutputLine, Stamp } from '../protocol/messages';
import { validateOutputLine } from '../protocol/validate';

/** A stamp from an engine, or `fallback` when it is not a finite number. */
export function stamp(v: unknown, fallback: Stamp): Stamp {
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}

/** The output lines of a reply that match the protocol. */
export function checkedLines(lines: unknown): OutputLine[] {
  if (!Array.isArray(lines)) return [];
  const out: OutputLine[] = [];
  for (const l of lines as unknown[]) {
    const line = validateOutputLine(l);
    if (line) out.push(line);
  }
  return out;
}

/** An error of Fanout itself while handling a task, reported as that task's failure. */
export function internalError(worker: number, taskId: number, e: unknown): RemoteError {
  let message: string;
  try {
    message = e instanceof Error ? e.message : String(e);
  } catch {
    message = 'an error that could not be read';
  }
  return new RemoteError({
    remoteName: 'InternalError',
    message: `Fanout could not handle the reply of this task: ${message}`,
    worker,
    taskId,
    hint: 'Run again; if it happens again, the task returned something Fanout does not expect.',
  });
}
