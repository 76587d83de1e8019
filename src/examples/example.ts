/**
 * What an example of the gallery is: its text and what its run must show. The script of
 * an example is a file of its own, `scripts/<id>.ts`, written exactly as a student sees it
 * in the editor (type-checked against the script API by `tsconfig.examples.json`).
 */

/** What a run of the example prints or draws; the end-to-end test checks every item. */
export interface ExampleChecks {
  /** Patterns the console panel must show once the run is done. */
  console: RegExp[];
  /** Patterns the results panel must show (chart titles, table titles). */
  results?: RegExp[];
}

/** Another version of an example (e.g. on the GPU), offered beside it in the gallery. */
export interface ExampleVariant {
  /** Its script is `scripts/<id>.ts`. */
  id: string;
  /** The button's text, e.g. "GPU version". */
  label: string;
  /** What to notice in this version, shown instead of the example's. */
  notice: string;
  checks: ExampleChecks;
}

/** One lesson of the seed tutorials, as the gallery shows it. */
export interface ExampleInfo {
  /** Stable id: the script's file name, and the key kept in autosave. */
  id: string;
  title: string;
  /** One line, shown under the title in the gallery. */
  description: string;
  /** The "what to notice" paragraph shown beside the code. */
  notice: string;
  /** The seed tutorial and section it ports. */
  source: string;
  checks: ExampleChecks;
  /**
   * Other versions of the same lesson, opened from its note (e.g. the GPU versions of
   * Monte Carlo pi and of the matrix multiply).
   */
  variants?: ExampleVariant[];
}

/** An example with its script's text, ready to open in the editor. */
export interface Example extends ExampleInfo {
  code: string;
}
