/**
 * The timeline's visible time window: follows the run until the user zooms or pans,
 * then stays where the user put it until Fit.
 */
import type { RunModel } from '../../core/run-model';

/** Narrowest window a zoom reaches, ms (1 us: finer than the shared clock resolves). */
const MIN_SPAN = 1e-3;

/** The visible time range `[t0, t1]` (shared-clock ms) and whether it follows the run. */
export class TimeWindow {
  t0 = 0;
  t1 = 1;
  follow = true;

  /** While following: `[scriptStart, now]` during the run, the whole run once it ended. */
  update(model: RunModel, now: number, lastEnd: number): void {
    if (!this.follow) return;
    const start = model.scriptStart;
    let end = model.outcome ? Math.max(model.outcome.ended, lastEnd) : now;
    end = Math.max(end, start + 1);
    this.t0 = start;
    this.t1 = end + (end - start) * 0.01;
  }

  /** Scales the span by `factor` keeping time `anchor` at the same place on screen. */
  zoom(factor: number, anchor: number): void {
    const span = Math.max(MIN_SPAN, (this.t1 - this.t0) * factor);
    const left = (anchor - this.t0) / (this.t1 - this.t0);
    this.t0 = anchor - left * span;
    this.t1 = this.t0 + span;
    this.follow = false;
  }

  /** Moves the window by `dt` ms (positive: later). */
  pan(dt: number): void {
    this.t0 += dt;
    this.t1 += dt;
    this.follow = false;
  }

  /** Pans the least distance that brings `[a, b]` into view (with a margin), keeping the span. */
  reveal(a: number, b: number): void {
    const span = this.t1 - this.t0;
    const margin = span * 0.1;
    let shift = 0;
    if (b - a > span - 2 * margin) shift = (a + b) / 2 - (this.t0 + this.t1) / 2;
    else if (a < this.t0 + margin) shift = a - margin - this.t0;
    else if (b > this.t1 - margin) shift = b + margin - this.t1;
    if (shift !== 0) this.pan(shift);
  }
}
