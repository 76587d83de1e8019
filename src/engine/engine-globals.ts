/**
 * Globals every engine offers to the functions and code it runs, besides the worker's own:
 * `workerId` (this engine's index, like ipyparallel's engine id) and `taskIndex()`.
 */
export function installEngineGlobals(currentIndex: () => number): void {
  const g = globalThis as Record<string, unknown>;
  g.workerId = -1;
  g.taskIndex = currentIndex;
}
