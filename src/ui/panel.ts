/**
 * The contract every panel of the page keeps, so main.ts draws them from one list and a new
 * panel (GPU, gallery, share) is one file plus one line there.
 */
import type { RunModel } from '../core/run-model';

/** A view of the run: built once into its place in the page, redrawn from the run model. */
export interface Panel {
  /** Builds the panel's DOM inside `container` (the element the page reserved for it). */
  mount(container: HTMLElement): void;
  /**
   * Draws `model` as of time `now` (ms on the page's clock). Called up to every animation
   * frame during a run, and once after it: skip what did not change.
   */
  render(model: RunModel, now: number): void;
  /** Reads colours and sizes again after the theme or the presentation mode changed. */
  restyle?(): void;
  /** Stops observers and timers and removes the panel's DOM. */
  dispose(): void;
}

/** A panel and where it goes: the id of its element in index.html, and how often it redraws. */
export interface PanelSlot {
  panel: Panel;
  /** The id of the element the panel is mounted into. */
  at: string;
  /**
   * During a run the panel redraws at most this often, ms: layout and paint compete with
   * the workers for the same cores. Between runs it draws at once.
   */
  intervalMs: number;
}
