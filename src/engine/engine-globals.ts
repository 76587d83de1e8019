/**
 * Globals every engine offers to the functions and code it runs, besides the worker's own:
 * `workerId` (this engine's index, like ipyparallel's engine id), `taskIndex()`, `rng` (the
 * same Philox streams as the script's), and the charting API (`plot.hist`, `plot.scatter`, `plot.line`, `table`), whose charts travel
 * back with the task's reply.
 */
import { createRngGlobal } from '../core/rng';
import type { RngGlobal } from '../core/rng';
import { createPlotApi } from '../worker-shared/plot-api';
import type { PlotApi } from '../worker-shared/plot-api';
import { preventClose } from '../worker-shared/prevent-close';
import type { PlotEvent, TableEvent } from '../protocol/messages';

/**
 * The globals an engine defines for the functions and code it runs (besides `print`, see
 * ConsoleGlobals). The editor declares them in src/script-api/user-api.d.ts; the type test
 * beside it checks the two agree.
 */
export interface EngineGlobals extends PlotApi {
  /** This engine's index; -1 until the page connects the engine. */
  workerId: number;
  taskIndex: () => number;
  rng: RngGlobal;
}

/** Defines the engine's globals; call it before the namespace takes its baseline of names. */
export function installEngineGlobals(
  currentIndex: () => number,
  emitPlot: (e: PlotEvent | TableEvent) => void = () => undefined,
): void {
  const globals: EngineGlobals = {
    workerId: -1,
    taskIndex: currentIndex,
    rng: createRngGlobal(),
    ...createPlotApi(emitPlot, -1),
  };
  Object.assign(globalThis, globals);
  preventClose('engine');
}
