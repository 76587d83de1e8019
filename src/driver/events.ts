import { now } from '../core/clock';
import { KEPT_PER_RUN } from '../protocol/messages';
import type { DriverEvent, DriverEventBatch, OutputLine } from '../protocol/messages';
import { TaskRowPacker } from '../protocol/task-rows';

/** Minimum time between two flushes: at most ~30 batches a second reach the page. */
const FLUSH_INTERVAL_MS = 33;
/**
 * Minimum time between two flushes while every hardware thread has a task and no console
 * line waits: the page then draws at most every 500 ms (ui/draw-pace.ts), and each batch
 * costs the run sandbox and the page a wake-up on the cores the engines compute on.
 */
const SATURATED_FLUSH_MS = 100;
/** Immediate flushes allowed per second for the script's output (a token bucket). */
const BURST = 30;
/**
 * Console lines per batch: the latest ones are kept, earlier ones are counted and reported
 * as dropped, one note per source that printed them.
 */
export const MAX_LINES_PER_BATCH = 500;
/** Task events packed in one `task-rows` event at most (the page accepts up to 100,000). */
const MAX_ROWS = 10_000;

/**
 * Collects driver events and posts them to the page in batches, so a run with 100,000
 * tasks sends a few hundred messages, not 100,000.
 */
export class EventBuffer {
  private events: DriverEvent[] = [];
  /** Task dispatches and ends since the last other event, packed (protocol/task-rows.ts). */
  private readonly rows = new TaskRowPacker();
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Whether the pending flush was timed at the slower, saturated pace. */
  private quietTimer = false;
  private lastFlush = 0;
  private tokens = BURST;
  private refilled = 0;
  /** Batches posted so far. */
  sent = 0;
  /** True while every hardware thread has a task (flushes are then further apart). */
  saturated: () => boolean = () => false;
  /** Console lines waiting for the next flush (at most twice the per-batch limit). */
  private lines: OutputLine[] = [];
  /** Lines dropped since the last flush, by source. */
  private dropped = new Map<OutputLine['source'], number>();
  /** Charts and tables sent in the run, and those past the budget (counted, not sent). */
  private readonly kept = { charts: 0, tables: 0 };
  private readonly notKept = { charts: 0, tables: 0 };
  private notKeptChanged = false;

  constructor(private readonly port: MessagePort) {}

  /**
   * Queues an event; a flush follows within ~33 ms. The script's own output is sent at once
   * while the budget of ~30 flushes a second allows, because a timer cannot fire while the
   * script computes synchronously (a print followed by a long loop must still show).
   */
  push(event: DriverEvent): void {
    if (event.type === 'task-dispatch') this.rows.dispatch(event);
    else if (event.type === 'task-end') this.rows.end(event);
    else {
      if ((event.type === 'plot' || event.type === 'table') && this.overBudget(event.type)) return;
      this.closeRows();
      this.events.push(event);
      if (event.type === 'output' && event.line.source === 'driver' && this.takeToken()) {
        this.flush();
        return;
      }
    }
    if (this.rows.length >= MAX_ROWS) this.closeRows();
    this.schedule();
  }

  /** Ends the current run of packed task events: later events come after it. */
  private closeRows(): void {
    const rows = this.rows.take();
    if (rows) this.events.push(rows);
  }

  /** True (and one token spent) when the budget allows flushing the script's output now. */
  private takeToken(): boolean {
    const t = now();
    this.tokens = Math.min(BURST, this.tokens + ((t - this.refilled) * BURST) / 1000);
    this.refilled = t;
    if (this.tokens < 1) return false;
    this.tokens--;
    return true;
  }

  /** Makes sure a flush follows within {@link FLUSH_INTERVAL_MS} of the last one. */
  private schedule(): void {
    // Console lines keep the usual pace: a batch keeps at most MAX_LINES_PER_BATCH of them.
    const quiet = this.saturated() && this.lines.length === 0;
    if (this.timer !== undefined) {
      // A line came while a slower flush was due: flush at the usual pace instead.
      if (quiet || !this.quietTimer) return;
      clearTimeout(this.timer);
    }
    const interval = quiet ? SATURATED_FLUSH_MS : FLUSH_INTERVAL_MS;
    const wait = Math.max(0, this.lastFlush + interval - now());
    this.timer = setTimeout(() => this.flush(), wait);
    this.quietTimer = quiet;
  }

  /**
   * Queues a console line. A batch carries the latest `MAX_LINES_PER_BATCH` lines; earlier
   * ones are dropped and counted per source, so the console shows "N lines dropped" under
   * the source that printed them, followed by the latest lines.
   */
  pushOutput(line: OutputLine): void {
    this.lines.push(line);
    if (this.lines.length >= 2 * MAX_LINES_PER_BATCH) this.trimLines();
    if (line.source === 'driver' && this.takeToken()) {
      this.flush();
      return;
    }
    this.schedule();
  }

  /**
   * True when the run already sent its budget of charts (or tables): this one is counted,
   * and the page hears the count with the next flush, never the chart itself.
   */
  private overBudget(type: 'plot' | 'table'): boolean {
    const key = type === 'plot' ? 'charts' : 'tables';
    if (this.kept[key] < KEPT_PER_RUN[key]) {
      this.kept[key]++;
      return false;
    }
    this.notKept[key]++;
    this.notKeptChanged = true;
    this.schedule();
    return true;
  }

  /** Keeps the latest lines of the batch and counts the others as dropped. */
  private trimLines(): void {
    const extra = this.lines.length - MAX_LINES_PER_BATCH;
    if (extra <= 0) return;
    for (const l of this.lines.slice(0, extra)) {
      // A note that was itself dropped passes on the lines it stood for.
      this.dropped.set(l.source, (this.dropped.get(l.source) ?? 0) + (l.dropped ?? 1));
    }
    this.lines.splice(0, extra);
  }

  /** Sends everything queued now. */
  flush(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.lastFlush = now();
    this.trimLines();
    this.closeRows();
    const first = this.lines[0]?.time ?? now();
    for (const [source, count] of this.dropped) {
      const text = `… ${count} lines dropped (the console keeps the latest ${MAX_LINES_PER_BATCH} lines per ${FLUSH_INTERVAL_MS} ms)`;
      const line = { source, level: 'warn' as const, text, time: first, dropped: count };
      this.events.push({ type: 'output', line });
    }
    for (const line of this.lines) this.events.push({ type: 'output', line });
    if (this.notKeptChanged) {
      this.notKeptChanged = false;
      this.events.push({ type: 'not-kept', ...this.notKept });
    }
    this.lines = [];
    this.dropped.clear();
    if (this.events.length === 0) return;
    const batch: DriverEventBatch = { type: 'events', seq: this.sent + 1, events: this.events };
    this.events = [];
    this.sent++;
    // Packed rows are handed over, not copied.
    const transfer: Transferable[] = [];
    for (const e of batch.events) if (e.type === 'task-rows') transfer.push(e.rows.buffer);
    this.port.postMessage(batch, transfer);
  }
}
