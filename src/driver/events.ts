import type { DriverEvent, DriverEventBatch } from '../protocol/messages';

/** Minimum time between two flushes: at most ~30 batches a second reach the page. */
const FLUSH_INTERVAL_MS = 33;
/** Immediate flushes allowed per second for the script's output (a token bucket). */
const BURST = 30;

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

  /** Sends everything queued now. */
  flush(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.lastFlush = performance.now();
    if (this.events.length === 0) return;
    const batch: DriverEventBatch = { type: 'events', events: this.events };
    this.events = [];
    this.sent++;
    this.port.postMessage(batch);
  }
}
