/**
 * How often the page draws a run while it is busy. Drawing (style, layout, paint and, with
 * no GPU, software raster and compositing) takes CPU time on the same cores the workers
 * compute on, so it lowers the speedup a stopwatch sees. Measured on a 2-thread machine
 * (primality of 10,000 integers, 30 runs each, alternating, in `npm run bench`'s page):
 * the parallel wall was 113-116 ms drawing as usual, 108 ms drawing every 500 ms and
 * 102-103 ms not drawing at all, against 95-100 ms for workerpool. So while every hardware
 * thread has a task, the panels draw together, at most every {@link SATURATED_INTERVAL_MS};
 * while a thread is free (the script's own serial part, a tail, fewer workers than threads)
 * they draw at their usual rates. While drawing is held the page looks again ten times a
 * second rather than every animation frame ({@link DrawLoop}), and the driver sends its
 * events ten times a second rather than thirty (driver/events.ts).
 */
import type { RunModel } from '../core/run-model';

/** Least time between two drawings while every hardware thread computes, ms. */
export const SATURATED_INTERVAL_MS = 500;

/** How many workers hold a task now (sent and not back: computing, or next in line). */
export function busyWorkers(model: Pick<RunModel, 'running'>): number {
  const workers = new Set<number>();
  for (const dispatch of model.running.values()) workers.add(dispatch.worker);
  return workers.size;
}

/**
 * True when the page should skip drawing now: the run is busy, every hardware thread holds
 * a task, and the last drawing was under {@link SATURATED_INTERVAL_MS} ago.
 */
export function holdDrawing(
  model: Pick<RunModel, 'running'>,
  threads: number,
  sinceLastDrawMs: number,
): boolean {
  return sinceLastDrawMs < SATURATED_INTERVAL_MS && busyWorkers(model) >= threads;
}

/** How often the page looks whether to draw again while drawing is held, ms. */
export const HELD_POLL_MS = 100;

/**
 * Draws while a run is busy: every animation frame, or a few times a second while drawing is
 * held (each animation frame would wake the page, and its compositor, on the cores the
 * workers compute on).
 */
export class DrawLoop {
  private frame = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  /** `drawOnce` draws and says whether drawing is held; `busy` whether a run goes on. */
  constructor(
    private readonly drawOnce: () => boolean,
    private readonly busy: () => boolean,
  ) {}

  /** Starts drawing at the next frame, unless the loop already runs. */
  start(): void {
    if (this.frame === 0 && this.timer === undefined) this.frame = requestAnimationFrame(this.draw);
  }

  /** Draws now; while a run is busy, asks to draw again. */
  readonly draw = (): void => {
    cancelAnimationFrame(this.frame);
    clearTimeout(this.timer);
    this.frame = 0;
    this.timer = undefined;
    const held = this.drawOnce();
    if (!this.busy()) return;
    if (held) this.timer = setTimeout(this.draw, HELD_POLL_MS);
    else this.frame = requestAnimationFrame(this.draw);
  };
}
