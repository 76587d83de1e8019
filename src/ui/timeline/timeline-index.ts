/**
 * Per-worker index of finished tasks for the timeline: struct-of-arrays sorted by start,
 * filled incrementally from the append-only `RunModel.tasks`, so drawing a window and
 * hit-testing a point cost a binary search instead of a scan of every task.
 */
import type { RunModel } from '../../core/run-model';

/** Gaps between consecutive tasks on a worker longer than this count as idle, ms. */
export const IDLE_GAP_MS = 1;

/** One worker's finished tasks, sorted by `started` (an engine runs one task at a time). */
export class LaneIndex {
  length = 0;
  submitted = new Float64Array(64);
  started = new Float64Array(64);
  completed = new Float64Array(64);
  received = new Float64Array(64);
  /** Running maximum of `received` up to each index, so the first visible task is a bisection. */
  maxReceived = new Float64Array(64);
  callId = new Int32Array(64);
  /** Position of the task in `RunModel.tasks`. */
  task = new Int32Array(64);
  /** Longest queue wait in the lane: a task starting after the window may still show its wait. */
  maxQueue = 0;
  busy = 0;
  gaps = 0;
  gapTotal = 0;
  private dirty = false;

  /** Inserts a task, at the end in the usual case, in place when it arrived out of order. */
  add(sub: number, start: number, done: number, recv: number, callId: number, task: number): void {
    if (this.length === this.started.length) this.grow();
    let at = this.length;
    if (at > 0 && start < (this.started[at - 1] ?? 0)) {
      at = upperBound(this.started, this.length, start);
      for (const a of this.arrays()) a.copyWithin(at + 1, at, this.length);
      this.dirty = true;
    }
    this.submitted[at] = sub;
    this.started[at] = start;
    this.completed[at] = done;
    this.received[at] = recv;
    this.callId[at] = callId;
    this.task[at] = task;
    this.length++;
    this.maxQueue = Math.max(this.maxQueue, start - sub);
    this.busy += done - start;
    if (this.dirty) {
      this.recompute();
      return;
    }
    const prevMax = at > 0 ? (this.maxReceived[at - 1] ?? -Infinity) : -Infinity;
    this.maxReceived[at] = Math.max(prevMax, recv);
    if (at > 0) this.countGap(this.completed[at - 1] ?? start, start);
  }

  /** Index range `[from, to)` of tasks that may overlap `[t0, t1]` (queue wait to receipt). */
  visible(t0: number, t1: number): [number, number] {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.maxReceived[mid] ?? 0) < t0) lo = mid + 1;
      else hi = mid;
    }
    return [lo, upperBound(this.started, this.length, t1 + this.maxQueue)];
  }

  /** The task under time `t` (within `tol` ms), preferring the one computing, or -1. */
  hit(t: number, tol: number): number {
    const i = upperBound(this.started, this.length, t) - 1;
    let best = -1;
    let bestDist = tol;
    for (const j of [i, i + 1, i - 1]) {
      if (j < 0 || j >= this.length) continue;
      const lo = this.submitted[j] ?? 0;
      const hi = this.received[j] ?? 0;
      const start = this.started[j] ?? 0;
      const done = this.completed[j] ?? 0;
      if (t >= start && t <= done) return j;
      const d = t < lo ? lo - t : t > hi ? t - hi : 0;
      if (d < bestDist || (best < 0 && d <= bestDist)) {
        best = j;
        bestDist = d;
      }
    }
    return best;
  }

  /** Index of the task starting nearest to `t`, or -1 in an empty lane. */
  nearest(t: number): number {
    if (this.length === 0) return -1;
    const i = upperBound(this.started, this.length, t);
    if (i <= 0) return 0;
    if (i >= this.length) return this.length - 1;
    return t - (this.started[i - 1] ?? 0) <= (this.started[i] ?? 0) - t ? i - 1 : i;
  }

  private countGap(prevDone: number, start: number): void {
    const gap = start - prevDone;
    if (gap > IDLE_GAP_MS) {
      this.gaps++;
      this.gapTotal += gap;
    }
  }

  private recompute(): void {
    this.dirty = false;
    this.gaps = 0;
    this.gapTotal = 0;
    let max = -Infinity;
    for (let i = 0; i < this.length; i++) {
      max = Math.max(max, this.received[i] ?? 0);
      this.maxReceived[i] = max;
      if (i > 0) this.countGap(this.completed[i - 1] ?? 0, this.started[i] ?? 0);
    }
  }

  private arrays(): (Float64Array | Int32Array)[] {
    return [
      this.submitted,
      this.started,
      this.completed,
      this.received,
      this.maxReceived,
      this.callId,
      this.task,
    ];
  }

  private grow(): void {
    const n = this.started.length * 2;
    const f = (a: Float64Array): Float64Array<ArrayBuffer> => {
      const b = new Float64Array(n);
      b.set(a);
      return b;
    };
    const i = (a: Int32Array): Int32Array<ArrayBuffer> => {
      const b = new Int32Array(n);
      b.set(a);
      return b;
    };
    this.submitted = f(this.submitted);
    this.started = f(this.started);
    this.completed = f(this.completed);
    this.received = f(this.received);
    this.maxReceived = f(this.maxReceived);
    this.callId = i(this.callId);
    this.task = i(this.task);
  }
}

/** First index in the sorted prefix `a[0..n)` whose value is greater than `x`. */
function upperBound(a: Float64Array, n: number, x: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((a[mid] ?? 0) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Every worker's lane index for one run, kept in step with `RunModel.tasks`. */
export class TimelineIndex {
  lanes: LaneIndex[] = [];
  /** Latest `received` stamp of any task. */
  end = -Infinity;
  private model: RunModel | undefined;
  private indexed = 0;

  /** Indexes the tasks appended since the last call; starts over for a new model. */
  sync(model: RunModel): void {
    if (model !== this.model) {
      this.model = model;
      this.lanes = [];
      this.indexed = 0;
      this.end = -Infinity;
    }
    const tasks = model.tasks;
    while (this.lanes.length < model.workers) this.lanes.push(new LaneIndex());
    for (; this.indexed < tasks.length; this.indexed++) {
      const t = tasks[this.indexed];
      if (!t) continue;
      while (this.lanes.length <= t.worker) this.lanes.push(new LaneIndex());
      const lane = this.lanes[t.worker];
      lane?.add(t.submitted, t.started, t.completed, t.received, t.callId, this.indexed);
      this.end = Math.max(this.end, t.received);
    }
  }

  /** Tasks indexed so far. */
  get size(): number {
    return this.indexed;
  }
}
