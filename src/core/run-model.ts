/**
 * Everything the page knows about the current run, folded from the driver's event batches.
 * DOM-free: the panels, the automation API and the command line all read from it.
 */
import {
  KEPT_PER_RUN,
  MAX_PROGRESS_CALLS,
  type CallEndEvent,
  type CallStartEvent,
  type DriverEvent,
  type OutputLine,
  type PlotEvent,
  type RunOutcome,
  type RunReport,
  type ScriptBusyEvent,
  type Stamp,
  type TableEvent,
  type TaskDispatchEvent,
  type TaskRecord,
  type RunProgress,
} from '../protocol/messages';
import { unpackTaskRows } from '../protocol/task-rows';
import { GpuModel } from './gpu-model';

/** Console lines kept per run; older lines beyond this are counted as dropped. */
export const MAX_OUTPUT_LINES = 5000;

/** Busy stretches of the script closer than this (ms) are drawn as one. */
const BUSY_JOIN_MS = 8;

/** The event of kind `K`. */
type EventOf<K extends DriverEvent['type']> = Extract<DriverEvent, { type: K }>;

/** A call as the page sees it: its start, progress and (once finished) its end. */
export interface CallState {
  start: CallStartEvent;
  end?: CallEndEvent;
  dispatched: number;
  completed: number;
  /** Items in tasks sent so far, and in tasks finished successfully. */
  itemsSent: number;
  itemsDone: number;
}

/** Per-worker totals for the workers panel. */
export interface WorkerStats {
  worker: number;
  tasks: number;
  busy: number;
  utilisation: number;
  /** A task is computing on this worker now (never true once the run has ended). */
  running: boolean;
  /** The run was stopped while this worker had a task in flight. */
  stopped: boolean;
}

/** Accumulates one run's events. */
export class RunModel {
  readonly calls = new Map<number, CallState>();
  readonly tasks: TaskRecord[] = [];
  /**
   * Tasks sent and not yet back. Once the run has ended (Stop), the ones left here were
   * cut short: the panels draw them up to the stop, never as still running.
   */
  readonly running = new Map<number, TaskDispatchEvent>();
  readonly output: OutputLine[] = [];
  readonly plots: PlotEvent[] = [];
  readonly tables: TableEvent[] = [];
  /** Stretches when the script's own thread computed (the driver lane draws them). */
  readonly scriptBusy: ScriptBusyEvent[] = [];
  /** Sum of `scriptBusy`, ms. */
  scriptBusyTotal = 0;
  /** The GPU: adapter, calls, shaders, memory. */
  readonly gpu = new GpuModel();
  droppedLines = 0;
  /**
   * Charts and tables past the run's budget ({@link KEPT_PER_RUN}): counted by the driver,
   * which never sends them, plus any the page itself refused beyond the budget.
   */
  chartsNotKept = 0;
  tablesNotKept = 0;
  private notKeptByDriver = { charts: 0, tables: 0 };
  private notKeptHere = { charts: 0, tables: 0 };
  /** Console lines received in total (the panel redraws when this changes). */
  linesReceived = 0;
  workers = 0;
  outcome: RunOutcome | undefined;
  /** Bumped on every change, so views redraw only when needed. */
  version = 0;

  constructor(readonly started: Stamp) {}

  /** Folds a batch of events into the model. */
  apply(events: readonly DriverEvent[]): void {
    for (const e of events) (this.fold[e.type] as (e: DriverEvent) => void)(e);
    this.chartsNotKept = this.notKeptByDriver.charts + this.notKeptHere.charts;
    this.tablesNotKept = this.notKeptByDriver.tables + this.notKeptHere.tables;
    // Trimmed once per batch: splicing per line would be quadratic in a flood of output.
    if (this.output.length > MAX_OUTPUT_LINES) {
      const extra = this.output.length - MAX_OUTPUT_LINES;
      this.output.splice(0, extra);
      this.droppedLines += extra;
    }
    this.version++;
  }

  /** How each kind of event changes the model (the compiler checks that every kind has one). */
  private readonly fold: { [K in DriverEvent['type']]: (e: EventOf<K>) => void } = {
    'call-start': (e) => {
      this.calls.set(e.callId, {
        start: e,
        dispatched: 0,
        completed: 0,
        itemsSent: 0,
        itemsDone: 0,
      });
    },
    'task-dispatch': (e) => {
      this.running.set(e.taskId, e);
      const c = this.calls.get(e.callId);
      if (c && !e.moved) {
        c.dispatched++;
        c.itemsSent += e.items;
      }
    },
    'task-end': (e) => {
      this.running.delete(e.record.taskId);
      this.tasks.push(e.record);
      this.addCompute(e.record);
      const c = this.calls.get(e.record.callId);
      if (c) {
        c.completed++;
        if (e.record.ok) c.itemsDone += e.record.items;
      }
    },
    'task-rows': (e) => {
      for (const t of unpackTaskRows(e)) {
        if (t.type === 'task-dispatch') this.fold['task-dispatch'](t);
        else this.fold['task-end'](t);
      }
    },
    'call-end': (e) => {
      const c = this.calls.get(e.callId);
      if (c) c.end = e;
    },
    output: (e) => {
      this.linesReceived++;
      this.output.push(e.line);
    },
    cluster: (e) => {
      this.workers = Math.max(this.workers, e.workers);
    },
    'script-busy': (e) => {
      // A stretch that starts where the previous one ended continues it.
      const last = this.scriptBusy.at(-1);
      if (last && e.start - last.end < BUSY_JOIN_MS) last.end = Math.max(last.end, e.end);
      else this.scriptBusy.push({ ...e });
      this.scriptBusyTotal += Math.max(0, e.end - e.start);
    },
    plot: (e) => {
      if (this.plots.length < KEPT_PER_RUN.charts) this.plots.push(e);
      else this.notKeptHere.charts++;
    },
    table: (e) => {
      if (this.tables.length < KEPT_PER_RUN.tables) this.tables.push(e);
      else this.notKeptHere.tables++;
    },
    'not-kept': (e) => {
      this.notKeptByDriver = { charts: e.charts, tables: e.tables };
    },
    'gpu-device': (e) => {
      this.gpu.adapter = e.adapter;
    },
    'gpu-call': (e) => {
      this.gpu.calls.push(e.record);
    },
    'gpu-shader': (e) => {
      this.gpu.shaders.push(e);
    },
    'gpu-memory': (e) => {
      this.gpu.memory = e;
    },
  };

  /** Records how the run ended. */
  finish(outcome: RunOutcome): void {
    this.outcome = outcome;
    this.workers = Math.max(this.workers, outcome.workers);
    this.version++;
  }

  /** Start of the script (after engine start-up), or the model's creation when unknown. */
  get scriptStart(): Stamp {
    return this.outcome?.started ?? this.started;
  }

  /** Wall time of the script until `at` (or in total, once finished), ms. */
  wall(at?: Stamp): number {
    return Math.max(0, (this.outcome?.ended ?? at ?? this.scriptStart) - this.scriptStart);
  }

  /** Sum of compute time over every task, ms. */
  serial(): number {
    return this.computeTotal;
  }

  // Running totals, kept as tasks arrive: the panels read them several times a second, and
  // summing 100,000 tasks each time would be work on the page's hot path.
  private computeTotal = 0;
  private readonly tasksByWorker: number[] = [];
  private readonly busyByWorker: number[] = [];

  private addCompute(t: TaskRecord): void {
    const ms = t.completed - t.started;
    this.computeTotal += ms;
    this.tasksByWorker[t.worker] = (this.tasksByWorker[t.worker] ?? 0) + 1;
    this.busyByWorker[t.worker] = (this.busyByWorker[t.worker] ?? 0) + ms;
  }

  /** Tasks done, busy time and utilisation per worker, over the script's wall time. */
  workerStats(at?: Stamp): WorkerStats[] {
    const wall = Math.max(this.wall(at), 1e-9);
    const stats: WorkerStats[] = Array.from({ length: this.workers }, (_, worker) => ({
      worker,
      tasks: this.tasksByWorker[worker] ?? 0,
      busy: this.busyByWorker[worker] ?? 0,
      utilisation: 0,
      running: false,
      stopped: false,
    }));
    for (const r of this.running.values()) {
      const s = stats[r.worker];
      if (!s) continue;
      if (!this.outcome) s.running = true;
      else if (this.outcome.stopped) s.stopped = true;
    }
    for (const s of stats) s.utilisation = Math.min(1, s.busy / wall);
    return stats;
  }

  /** How far the run has got at `at`: tasks sent and done, and its latest calls. */
  progress(at: Stamp): RunProgress {
    const calls = [...this.calls.values()].slice(-MAX_PROGRESS_CALLS).map((c) => ({
      callId: c.start.callId,
      label: c.start.label,
      done: c.completed,
      total: c.start.total,
      finished: c.end !== undefined,
    }));
    return {
      elapsed: round(this.wall(at)),
      tasksDone: this.tasks.length,
      tasksSent: this.tasks.length + this.running.size,
      calls,
    };
  }

  /**
   * The lines printed from cursor `since` on (a cursor counts every line received), the
   * cursor for next time, and how many of those lines were trimmed before they were read.
   */
  linesSince(since: number): { lines: OutputLine[]; next: number; dropped: number } {
    const first = Math.max(0, since - this.droppedLines);
    return {
      lines: this.output.slice(first),
      next: this.linesReceived,
      dropped: Math.max(0, this.droppedLines - Math.max(0, since)),
    };
  }

  /** The run as plain JSON for the command line and the embed API. */
  report(): RunReport {
    const t0 = this.scriptStart;
    const byCall = new Map<number, TaskRecord[]>();
    for (const t of this.tasks) {
      let list = byCall.get(t.callId);
      if (!list) byCall.set(t.callId, (list = []));
      list.push(t);
    }
    const calls = [...this.calls.values()].map((c) => ({
      callId: c.start.callId,
      kind: c.start.kind,
      label: c.start.label,
      ...(c.start.line !== undefined ? { line: c.start.line } : {}),
      timing: c.end?.timing ?? {
        wall: 0,
        serial: 0,
        speedup: 0,
        efficiency: 0,
        workers: c.start.targets.length,
        tasks: 0,
      },
      tasks: (byCall.get(c.start.callId) ?? []).map((t) => ({
        worker: t.worker,
        start: round(t.started - t0),
        end: round(t.completed - t0),
        items: t.items,
      })),
    }));
    const err = this.outcome?.error;
    return {
      ok: this.outcome?.ok ?? false,
      workers: this.workers,
      wall: round(this.wall()),
      output: this.output.map((l) => ({ source: l.source, level: l.level, text: l.text })),
      calls,
      ...(this.gpu.used ? { gpu: this.gpu.report(t0) } : {}),
      ...(err
        ? {
            error: {
              name: err.name,
              message: err.message,
              ...(err.line !== undefined ? { line: err.line } : {}),
              ...(err.hint ? { hint: err.hint } : {}),
            },
          }
        : {}),
    };
  }
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
