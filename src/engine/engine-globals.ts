/**
 * Globals every engine offers to the functions and code it runs, besides the worker's own:
 * `workerId` (this engine's index, like ipyparallel's engine id), `taskIndex()`, `rng` (the
 * same Philox streams as the script's), and the charting API (`plot.hist`, `plot.scatter`, `plot.line`, `table`), whose charts travel
 * back with the task's reply.
 */
import { createRngGlobal } from '../core/rng';
import { createPlotApi } from '../worker-shared/plot-api';
import { preventClose } from '../worker-shared/prevent-close';
import type { PlotEvent, TableEvent } from '../protocol/messages';

/** Defines the engine's globals; call it before the namespace takes its baseline of names. */
export function installEngineGlobals(
  currentIndex: () => number,
  emitPlot: (e: PlotEvent | TableEvent) => void = () => undefined,
): void {
  const g = globalThis as Record<string, unknown>;
  g.workerId = -1;
  g.taskIndex = currentIndex;
  g.rng = createRngGlobal();
  const { plot, table } = createPlotApi(emitPlot, -1);
  g.plot = plot;
  g.table = table;
  preventClose('engine');
}
