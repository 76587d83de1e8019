/**
 * How an engine's replies leave it. Each message between two threads costs tens of
 * microseconds on a busy machine (the receiving thread must be woken and scheduled), more
 * than a tiny task computes, so replies of tiny tasks travel together: while recent tasks
 * computed for under {@link HOLD_BELOW_MS}, a reply is held and sent with the next ones in
 * one `replies` message: {@link BATCH} at a time while tasks wait, else as soon as the
 * messages already queued for the engine have run. A reply is never held for more than
 * {@link MAX_HOLD_MS}, nor while a task awaits something. Longer tasks reply at once.
 */
import type { ReplyBatchMessage, TaskReplyMessage } from '../protocol/messages';

/** Smoothed compute time (ms) below which replies are held and sent together. */
export const HOLD_BELOW_MS = 0.1;
/** Longest a reply is held, ms. */
export const MAX_HOLD_MS = 1;
/**
 * Replies sent in one message while tasks wait: a quarter of the load balancer's deepest
 * queue (scheduler.ts), so the driver refills the queue before it runs dry.
 */
export const BATCH = 32;
/** Weight of the newest task in the smoothed compute time. */
const SMOOTHING = 0.25;

/** A reply that cannot be sent (its value cannot be cloned) gets a replacement. */
export type Unsendable = (reply: TaskReplyMessage, error: unknown) => TaskReplyMessage;

/** Collects an engine's replies and sends them, together while tasks are tiny. */
export class ReplyOutbox {
  private held: TaskReplyMessage[] = [];
  private transfers: Transferable[][] = [];
  private heldSince = 0;
  /** Tasks received and not answered yet. */
  private waiting = 0;
  /** Smoothed compute time of recent tasks; long until a task was timed. */
  private smoothedMs = Infinity;
  private timer: ReturnType<typeof setTimeout> | undefined;

  /**
   * @param post sends one message (the engine's own `postMessage`, taken at start-up)
   * @param unsendable the reply to send instead of one that cannot be cloned
   */
  constructor(
    private readonly post: (message: unknown, transfer: Transferable[]) => void,
    private readonly unsendable: Unsendable,
  ) {}

  /** `count` tasks arrived: while they wait, tiny tasks' replies may be held. */
  received(count: number): void {
    this.waiting += count;
  }

  /** A task was skipped without a reply (the driver recalled it). */
  skipped(): void {
    this.waiting = Math.max(0, this.waiting - 1);
    if (this.waiting === 0) this.flush();
  }

  /** Before a task starts: replies held long enough go now. */
  beforeTask(): void {
    if (this.held.length > 0 && performance.now() - this.heldSince >= MAX_HOLD_MS) this.flush();
  }

  /** Sends or holds the reply to a task that computed for `computeMs`. */
  reply(reply: TaskReplyMessage, transfer: Transferable[], computeMs: number): void {
    this.waiting = Math.max(0, this.waiting - 1);
    if (computeMs >= 0) {
      this.smoothedMs = Number.isFinite(this.smoothedMs)
        ? (1 - SMOOTHING) * this.smoothedMs + SMOOTHING * computeMs
        : computeMs;
    }
    const t = performance.now();
    if (this.held.length === 0) this.heldSince = t;
    this.held.push(reply);
    this.transfers.push(transfer);
    if (
      this.smoothedMs >= HOLD_BELOW_MS ||
      this.held.length >= BATCH ||
      t - this.heldSince >= MAX_HOLD_MS
    ) {
      this.flush();
    } else if (this.waiting === 0) {
      // Messages with more tasks may be queued already: they run before this timer, and
      // the replies to them go in the same message.
      if (this.timer !== undefined) clearTimeout(this.timer);
      this.timer = setTimeout(() => this.flush(), 0);
    } else {
      // Fires only if the engine yields (a task awaits something): held replies go then.
      this.timer ??= setTimeout(() => this.flush(), MAX_HOLD_MS);
    }
  }

  /** A new run on this engine: its tasks' times say nothing of the next run's. */
  forgetTimes(): void {
    this.smoothedMs = Infinity;
  }

  /** Sends every held reply: one message, or one each if the batch cannot be sent. */
  flush(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    const held = this.held;
    const transfers = this.transfers;
    if (held.length === 0) return;
    this.held = [];
    this.transfers = [];
    if (held.length > 1) {
      const batch: ReplyBatchMessage = { type: 'replies', replies: held };
      try {
        this.post(batch, transfers.flat());
        return;
      } catch {
        // One of the values cannot be cloned: send them one by one to find it.
      }
    }
    held.forEach((reply, i) => this.postOne(reply, transfers[i] ?? []));
  }

  private postOne(reply: TaskReplyMessage, transfer: Transferable[]): void {
    try {
      this.post(reply, transfer);
    } catch (e) {
      this.post(this.unsendable(reply, e), []);
    }
  }
}
