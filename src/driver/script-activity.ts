/**
 * Notices when the script's own thread computes: a timer ticks every few milliseconds, and
 * when a tick comes late the thread was busy in between (a serial loop in the script, say).
 * The page draws these stretches on the driver lane and counts them as the run's serial part.
 * A late tick while a parallel call is in flight is not counted: the script is then waiting,
 * and the tick was late because the machine was busy (the engines share its cores).
 */
import type { ScriptBusyEvent, Stamp } from '../protocol/messages';

/** Tick interval of the heartbeat, ms. */
const TICK_MS = 5;
/** A tick this much later than due means the thread was busy; shorter stalls are not reported. */
const LATE_MS = 10;

/** Watches the driver thread for busy stretches while a script runs. */
export class ScriptActivity {
  private last = 0;
  /** Whether the script was free of calls in flight at the last tick. */
  private ownAtLast = true;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private started = false;
  /** Busy time reported so far, ms. */
  total = 0;

  /**
   * `waiting` says whether the script has a parallel call in flight (a late tick then is
   * not the script's own computing); `emit` receives each busy stretch.
   */
  constructor(
    private readonly now: () => Stamp,
    private readonly waiting: () => boolean,
    private readonly emit: (event: ScriptBusyEvent) => void,
  ) {}

  /** Starts the heartbeat. */
  start(): void {
    this.started = true;
    this.last = this.now();
    this.ownAtLast = !this.waiting();
    this.schedule();
  }

  /** Stops the heartbeat, reporting a busy stretch that reaches the end of the script. */
  stop(): void {
    this.started = false;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.check(this.now());
  }

  /**
   * Ticks again in {@link TICK_MS}, unless a parallel call is in flight: the heartbeat then
   * pauses (each tick wakes a thread on cores the engines compute on) until {@link resume}.
   */
  private schedule(): void {
    this.timer = undefined;
    if (this.waiting()) return;
    this.timer = setTimeout(() => {
      this.check(this.now());
      this.schedule();
    }, TICK_MS);
  }

  /**
   * The script's calls have all ended: the heartbeat ticks again from now, so a serial loop
   * that follows at once is seen from its start.
   */
  resume(): void {
    if (this.timer !== undefined || !this.started) return;
    this.last = this.now();
    this.ownAtLast = true;
    this.schedule();
  }

  private check(t: Stamp): void {
    if (t - this.last > TICK_MS + LATE_MS && this.ownAtLast) {
      this.total += t - this.last;
      this.emit({ type: 'script-busy', start: this.last, end: t });
    }
    this.last = t;
    this.ownAtLast = !this.waiting();
  }
}
