import { now } from '../core/clock';
import { formatArgs, isExpandable, preview } from '../core/inspect';
import type { OutputLine } from '../protocol/messages';

type Level = OutputLine['level'];

/** The global the console capture defines, in the script and on every engine. */
export interface ConsoleGlobals {
  print: (...values: unknown[]) => void;
}
/** The console methods a capture replaces. */
export const LEVELS: readonly Level[] = ['log', 'info', 'warn', 'error', 'debug'];

/**
 * Lines kept per task: the latest ones, as a console does; the earlier ones are counted and
 * reported as one "dropped" line before them.
 */
export const MAX_LINES_PER_TASK = 1000;

/**
 * Replaces `console.*` (and defines `print`) so every line a task prints is captured,
 * tagged with the source, and returned with the task's result.
 */
export class ConsoleCapture {
  private lines: OutputLine[] = [];
  private dropped = 0;
  private taskId: number | undefined;

  /** Lines go to `onLine` when given (the driver), otherwise they are kept for `take`. */
  constructor(
    private source: 'driver' | number,
    private readonly onLine?: (line: OutputLine) => void,
  ) {
    const target = console as unknown as Record<Level, (...args: unknown[]) => void>;
    for (const level of LEVELS) target[level] = (...args: unknown[]) => this.push(level, args);
    const globals: ConsoleGlobals = { print: (...args) => this.push('log', args) };
    Object.assign(globalThis, globals);
  }

  /** Sets the tag put on every line (an engine learns its index after it starts). */
  setSource(source: 'driver' | number): void {
    this.source = source;
  }

  /** Starts collecting lines for a task. */
  begin(taskId: number | undefined): void {
    this.taskId = taskId;
    this.lines = [];
    this.dropped = 0;
  }

  /**
   * Returns the lines collected since `begin`: the latest `MAX_LINES_PER_TASK`, after a
   * note (tagged with this source) counting the earlier ones dropped.
   */
  take(): OutputLine[] {
    let lines = this.lines;
    if (lines.length > MAX_LINES_PER_TASK) {
      this.dropped += lines.length - MAX_LINES_PER_TASK;
      lines = lines.slice(-MAX_LINES_PER_TASK);
    }
    if (this.dropped > 0) {
      const note = this.line(
        'warn',
        `… ${this.dropped} earlier lines dropped (a task keeps its last ${MAX_LINES_PER_TASK} lines)`,
      );
      note.time = lines[0]?.time ?? note.time;
      note.dropped = this.dropped;
      lines.unshift(note);
    }
    this.lines = [];
    this.dropped = 0;
    return lines;
  }

  private line(level: Level, text: string): OutputLine {
    const line: OutputLine = {
      source: this.source,
      level,
      text,
      time: now(),
    };
    if (this.taskId !== undefined) line.taskId = this.taskId;
    return line;
  }

  private push(level: Level, args: unknown[]): void {
    // The latest lines win: past twice the limit, the oldest half goes at once (amortised
    // O(1) per line, where a shift per line would be quadratic in a flood).
    if (!this.onLine && this.lines.length >= 2 * MAX_LINES_PER_TASK) {
      this.dropped += this.lines.length - MAX_LINES_PER_TASK;
      this.lines.splice(0, this.lines.length - MAX_LINES_PER_TASK);
    }
    let line: OutputLine;
    try {
      line = this.line(level, formatArgs(args));
      if (args.some(isExpandable)) {
        line.values = args.map((a) => (typeof a === 'string' ? a : preview(a)));
      }
    } catch {
      // Printing never throws: a getter or a Proxy trap that throws is shown, not raised.
      line = this.line(level, args.map(printSafely).join(' '));
    }
    if (this.onLine) this.onLine(line);
    else this.lines.push(line);
  }
}

/** One printed argument as text, or a note saying it cannot be printed. */
function printSafely(arg: unknown): string {
  try {
    return typeof arg === 'string' ? arg : formatArgs([arg]);
  } catch (e) {
    let why = 'reading it threw';
    try {
      if (e instanceof Error) why = `reading it threw ${e.name}: ${e.message}`;
    } catch {
      // The error itself cannot be read either: keep the plain note.
    }
    return `[value that cannot be printed: ${why}]`;
  }
}
