/**
 * The one clock of a run. Every runtime (page, driver, engines) stamps events with
 * `performance.timeOrigin + performance.now()`: wall-clock milliseconds at sub-millisecond
 * resolution, comparable across workers because each worker's time origin is its own start.
 */
import type { Stamp } from '../protocol/messages';

/** This runtime's time origin, read once (the getter is not free on the hot path). */
const origin = performance.timeOrigin;

/** The current time on the shared clock, in milliseconds since the Unix epoch. */
export function now(): Stamp {
  return origin + performance.now();
}
