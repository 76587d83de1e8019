/**
 * The seam between the script's GPU API and the run it belongs to: where the current call
 * sits in the editor and how a warning reaches the console.
 */

/** What the GPU API needs from the run: call lines, editor positions and warnings. */
export interface GpuHost {
  /** Editor line of the script's current API call (read before any await). */
  callSiteLine(): number | undefined;
  /** Editor position of a 1-based line and column inside `text` as it appears in the script. */
  positionIn(
    text: string,
    line: number,
    column: number,
  ): { line: number; column: number } | undefined;
  /** Prints a warning in the console, from the script. */
  warn(text: string): void;
}
