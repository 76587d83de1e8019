/**
 * The run's headline figures, computed so that they agree with a stopwatch: the speedup
 * against a 1-worker run of the same script when there is one (the scaling sweep makes
 * one), otherwise an estimate that counts at most one computing task per hardware thread;
 * the run split into its serial part (outside parallel calls) and its parallel part; and
 * contention, how much longer the same tasks computed than on one worker. DOM-free; raw
 * numbers (ms and ratios) that `ui/` formats.
 */
import type { Stamp } from '../protocol/messages';
import type { RunModel } from './run-model';

/** A finished 1-worker run of the same script: what the speedup is measured against. */
export interface Baseline {
  /** Script start to end, ms. */
  wall: number;
  /** Sum of the tasks' compute time, ms. */
  compute: number;
}

/** How the speedup was obtained. */
export type SpeedupKind =
  /** This run's wall time against a 1-worker run of the same script. */
  | 'measured'
  /** No 1-worker run yet: estimated from this run alone. */
  | 'estimated'
  /** This run used one worker: 1 by definition. */
  | 'single';

/** A run's headline figures. */
export interface RunFigures {
  /** Script start to end (or to `now` while running), ms: what a stopwatch reads. */
  wall: number;
  /** Time inside parallel calls (the union of their spans), ms: the parallel part. */
  parallel: number;
  /** Time outside parallel calls, ms: the serial part, which more workers do not shorten. */
  serial: number;
  /** Of the run, the time the script's own thread computed (the driver lane's stripes), ms. */
  scriptBusy: number;
  /** Sum of every task's compute time, ms (grows when tasks share hardware threads). */
  compute: number;
  /**
   * Compute counted at most `threads` tasks at a time, ms: the processor time the tasks
   * can have had. Equals `compute` unless workers outnumber hardware threads.
   */
  cappedCompute: number;
  workers: number;
  threads: number;
  /** More workers than hardware threads. */
  oversubscribed: boolean;
  speedup: number;
  speedupKind: SpeedupKind;
  /** Speedup per worker. */
  efficiency: number;
  /** The same tasks' compute time against a 1-worker run's (1 = no slowdown), when known. */
  contention: number | undefined;
  contentionKind: 'measured' | 'estimated' | undefined;
  /** Share of the hardware time inside parallel calls not spent computing (0..1). */
  overhead: number;
  tasksPerSecond: number;
}

/** Total length of the union of `spans` ([start, end] pairs), ms. */
export function unionLength(spans: readonly (readonly [number, number])[]): number {
  const sorted = [...spans].filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  let total = 0;
  let [curA, curB] = [-Infinity, -Infinity];
  for (const [a, b] of sorted) {
    if (a > curB) {
      if (curB > curA) total += curB - curA;
      [curA, curB] = [a, b];
    } else curB = Math.max(curB, b);
  }
  if (curB > curA) total += curB - curA;
  return total;
}

/**
 * Compute time counted at most `threads` intervals at a time: the integral over time of
 * min(tasks computing, threads), ms.
 */
export function cappedOverlap(
  intervals: readonly (readonly [number, number])[],
  threads: number,
): number {
  const edges: [number, number][] = [];
  for (const [a, b] of intervals) {
    if (b <= a) continue;
    edges.push([a, 1], [b, -1]);
  }
  edges.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  let active = 0;
  let last = 0;
  let total = 0;
  for (const [t, d] of edges) {
    if (active > 0) total += (t - last) * Math.min(active, threads);
    active += d;
    last = t;
  }
  return total;
}

/** The figures of `model` at time `now` on a machine with `threads` hardware threads. */
export function runFigures(
  model: RunModel,
  threads: number,
  now: Stamp,
  baseline?: Baseline,
): RunFigures {
  const end = model.outcome?.ended ?? now;
  const wall = model.wall(now);
  const workers = Math.max(1, model.workers);
  const t = Math.max(1, threads);
  const spans: [number, number][] = [];
  for (const c of model.calls.values()) spans.push([c.start.time, c.end?.time ?? end]);
  const parallel = Math.min(wall, unionLength(spans));
  const compute = model.serial();
  const oversubscribed = workers > t;
  const cappedCompute = oversubscribed
    ? cappedOverlap(
        model.tasks.map((r) => [r.started, r.completed] as const),
        t,
      )
    : compute;
  const finished = model.outcome?.ok === true;
  let speedup: number;
  let speedupKind: SpeedupKind;
  if (workers === 1) {
    [speedup, speedupKind] = [1, 'single'];
  } else if (baseline && finished && wall > 0) {
    [speedup, speedupKind] = [baseline.wall / wall, 'measured'];
  } else {
    // What one worker would take: the serial part as it was, plus the parallel work done
    // one task at a time (per-call overheads on one worker are left out).
    const oneWorker = wall - parallel + Math.max(cappedCompute, 0);
    [speedup, speedupKind] = [wall > 0 ? Math.max(0, oneWorker) / wall : 0, 'estimated'];
  }
  let contention: number | undefined;
  let contentionKind: RunFigures['contentionKind'];
  if (workers > 1 && baseline && finished && baseline.compute > 0) {
    [contention, contentionKind] = [compute / baseline.compute, 'measured'];
  } else if (oversubscribed && cappedCompute > 0) {
    [contention, contentionKind] = [compute / cappedCompute, 'estimated'];
  }
  const capacity = parallel * Math.min(workers, t);
  return {
    wall,
    parallel,
    serial: Math.max(0, wall - parallel),
    scriptBusy: model.scriptBusyTotal,
    compute,
    cappedCompute,
    workers,
    threads: t,
    oversubscribed,
    speedup,
    speedupKind,
    efficiency: speedup / workers,
    contention,
    contentionKind,
    overhead: capacity > 0 ? Math.min(1, Math.max(0, 1 - cappedCompute / capacity)) : 0,
    tasksPerSecond: wall > 0 ? model.tasks.length / (wall / 1000) : 0,
  };
}
