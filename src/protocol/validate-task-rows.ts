/**
 * The check of packed task events (task-rows.ts) at the page's boundary, as validate.ts
 * checks every other event: a row whose numbers do not fit, or output lines attached to a
 * row that ends no task, and the event is refused whole.
 */
import type { OutputLine, TaskRowsEvent } from './messages';
import { COL, endsTask, TASK_ROW } from './task-rows';

/** What the check needs from validate.ts (passed in: that file imports this one). */
export interface RowLimits {
  /** Rows in one event. */
  rows: number;
  workers: number;
  /** Output lines attached to one task. */
  taskLines: number;
  line: (v: unknown) => OutputLine | undefined;
}

const isCount = (v: number): boolean => Number.isSafeInteger(v) && v >= 0;
const COUNTS = [COL.taskId, COL.callId, COL.items, COL.first, COL.bytesIn, COL.bytesOut];
const STAMPS = [COL.submitted, COL.started, COL.completed, COL.received];

/** True when every number of the row at `at` fits its field. */
function rowFits(r: Float64Array, at: number, workers: number): boolean {
  const kind = r[at + COL.kind]!;
  if (!(kind === 0 || kind === 1 || kind === 2 || kind === 3)) return false;
  const w = r[at + COL.worker]!;
  if (!isCount(w) || w >= workers) return false;
  for (const c of COUNTS) if (!isCount(r[at + c]!)) return false;
  for (const c of STAMPS) if (!Number.isFinite(r[at + c]!)) return false;
  return true;
}

/** The output lines of the event, or undefined when any entry does not fit. */
function checkStdout(
  v: unknown,
  r: Float64Array,
  limits: RowLimits,
): [number, OutputLine[]][] | undefined {
  if (!Array.isArray(v)) return undefined;
  const out: [number, OutputLine[]][] = [];
  let last = -1;
  for (const entry of v as unknown[]) {
    if (!Array.isArray(entry) || entry.length !== 2) return undefined;
    const [row, lines] = entry as unknown[];
    if (typeof row !== 'number' || !Number.isInteger(row) || row <= last) return undefined;
    if (row * TASK_ROW >= r.length || !endsTask(r[row * TASK_ROW + COL.kind]!)) return undefined;
    if (!Array.isArray(lines) || lines.length === 0 || lines.length > limits.taskLines) return;
    const checked: OutputLine[] = [];
    for (const l of lines as unknown[]) {
      const line = limits.line(l);
      if (!line) return undefined;
      checked.push(line);
    }
    out.push([row, checked]);
    last = row;
  }
  return out;
}

/** A `task-rows` event, or undefined when it does not match the protocol. */
export function validateTaskRows(
  v: Record<string, unknown>,
  limits: RowLimits,
): TaskRowsEvent | undefined {
  const r = v.rows;
  if (!(r instanceof Float64Array) || r.length % TASK_ROW !== 0) return undefined;
  if (r.length / TASK_ROW > limits.rows) return undefined;
  for (let at = 0; at < r.length; at += TASK_ROW) if (!rowFits(r, at, limits.workers)) return;
  const stdout = checkStdout(v.stdout, r, limits);
  return stdout && { type: 'task-rows', rows: r, stdout };
}
