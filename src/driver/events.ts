import type { DriverEvent, DriverEventBatch, OutputLine } from '../protocol/messages';

/** Minimum time between two flushes: at most ~30 batches a second reach the page. */
const FLUSH_INTERVAL_MS = 33;
/** Immediate flushes allowed per second for the script's output (a token bucket). */
const BURST = 30;
/** Console lines per batch; beyond this they are counted and reported as dropped. */
const MAX_LINES_PER_BATCH = 500;
/** Latest lines kept after the limit is reached, shown after the "dropped" note. */
const TAIL_LINES = 20;

/**
 * Collects driver events and posts them to the page in batches, so a run with 100,000
 * tasks sends a few hundred messages, not 100,000.
 */
export class EventBuffer {
  private events: DriverEvent[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastFlush = 0;
  private tokens = BURST;
  private refilled = 0;
  /** Batches posted so far. */
  sent = 0;
  private lines = 0;
  private dropped = 0;
  private tail: OutputLine[] = [];

  constructor(private readonly port: MessagePort) {}

  /**
   * Queues an event; a flush follows within ~33 ms. The script's own output is sent at once
   * while the budget of ~30 flushes a second allows, because a timer cannot fire while the
   * script computes synchronously (a print followed by a long loop must still show).
   */
  push(event: DriverEvent): void {
    this.events.push(event);
    const t = performance.now();
    this.tokens = Math.min(BURST, this.tokens + ((t - this.refilled) * BURST) / 1000);
    this.refilled = t;
    if (event.type === 'output' && event.line.source === 'driver' && this.tokens >= 1) {
      this.tokens--;
      this.flush();
      return;
    }
    if (this.timer === undefined) {
      const wait = Math.max(0, this.lastFlush + FLUSH_INTERVAL_MS - performance.now());
      this.timer = setTimeout(() => this.flush(), wait);
    }
  }

  /**
   * Queues a console line. Past the per-batch limit, lines are dropped but the last few are
   * kept, so the batch ends with "N lines dropped" followed by the latest lines.
   */
  pushOutput(line: OutputLine): void {
    if (this.lines < MAX_LINES_PER_BATCH) {
      this.lines++;
      this.push({ type: 'output', line });
      return;
    }
    this.tail.push(line);
    if (this.tail.length > TAIL_LINES) {
      this.tail.shift();
      this.dropped++;
    }
    if (this.timer === undefined) this.timer = setTimeout(() => this.flush(), FLUSH_INTERVAL_MS);
  }

  /** Sends everything queued now. */
  flush(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.lastFlush = performance.now();
    if (this.dropped > 0) {
      this.events.push({
        type: 'output',
        line: {
          source: 'driver',
          level: 'warn',
          text: `… ${this.dropped} lines dropped (the console shows at most ${MAX_LINES_PER_BATCH} lines per ${FLUSH_INTERVAL_MS} ms)`,
          time: performance.timeOrigin + performance.now(),
        },
      });
    }
    for (const line of this.tail) this.events.push({ type: 'output', line });
    this.tail = [];
    this.lines = 0;
    this.dropped = 0;
    if (this.events.length === 0) return;
    const batch: DriverEventBatch = { type: 'events', events: this.events };
    this.events = [];
    this.sent++;
    this.port.postMessage(batch);
  }
}
