/**
 * LoadBalancedView: tasks go to whichever engine is free, after ipyparallel's
 * LoadBalancedView. A map is cut into chunks that are handed out as engines finish, so a
 * slow item does not hold the others back.
 */
import type { AsyncResult } from '../core/async-result';
import { AutoChunker } from '../core/auto-chunk';
import { sliceSequence } from '../core/partition';
import type { CallKind } from '../protocol/messages';
import {
  assertCloneable,
  assertSequence,
  assertShippable,
  assertTimeout,
  transferables,
} from './checks';
import type { EngineLink } from './engine-link';
import { usage } from './script-errors';
import type { Call, Runtime, ShippedFunction } from './runtime';
import { PREFETCH_DEPTH, PrefetchPolicy } from './scheduler';
import { canShareMemory } from './shared-memory';

/**
 * The chunk size each mapped function's last auto-chunked map settled on, by its source
 * text, kept while the driver lives (warm runs too): a map of the same function starts its
 * chunks near it (see AutoChunker's `learned`). At most {@link LEARNED_KEPT} functions.
 */
const learnedSizes = new Map<string, number>();
const LEARNED_KEPT = 64;

/** Remembers the size `source`'s map has reached, forgetting the oldest function first. */
function learn(source: string, size: number): void {
  learnedSizes.delete(source);
  learnedSizes.set(source, size);
  if (learnedSizes.size > LEARNED_KEPT) learnedSizes.delete(learnedSizes.keys().next().value!);
}

/** Options of {@link LoadBalancedView.map}. */
export interface BalancedMapOptions {
  /** Items per task: a number, or 'auto' to adapt as joblib does (default 'auto'). */
  chunkSize?: number | 'auto';
  /** `for await` order: input order (true, default) or as results arrive (false). */
  ordered?: boolean;
  /**
   * The longest one item may run, ms: a stuck item's worker is terminated and replaced,
   * and the call fails with a TimeoutError naming the item; other tasks go on.
   */
  timeoutMs?: number;
}

interface Work {
  call: Call<unknown>;
  fn: ShippedFunction;
  seqs: ArrayLike<unknown>[];
  length: number;
  next: number;
  fixed: number | undefined;
  chunker: AutoChunker | undefined;
  kind: 'map' | 'submit';
  args?: unknown[];
  /** A submit's number among the run's submits: what `taskIndex()` returns on the worker. */
  index?: number;
  /** The call's `timeoutMs`, per item. */
  timeoutMs?: number;
}

/** A recallable task in flight: the items it covers, to send them again elsewhere. */
interface SentTask {
  work: Work;
  start: number;
  end: number;
}

/**
 * Hands work to whichever engine has room; shared by every balanced call of a run. Engines
 * prefetch a second task only while tasks are short (see scheduler.ts), and an engine
 * with nothing to do takes back a task another engine holds but has not started.
 */
export class Balancer {
  private readonly queue: Work[] = [];
  private readonly policy = new PrefetchPolicy(canShareMemory());
  private readonly sent = new Map<number, SentTask>();

  constructor(private readonly rt: Runtime) {
    rt.onCapacity = () => this.pump();
  }

  /** Adds work and starts dispatching. */
  add(work: Work): void {
    this.queue.push(work);
    this.pump();
  }

  /**
   * Sends chunks while engines have room, oldest call first, each engine to the work it may
   * take: every engine gets its running task before any gets a queued one, so a quick item
   * goes to an idle engine rather than behind a busy engine's task.
   */
  pump(): void {
    const depth = this.policy.depth;
    // Levels below the least loaded engine's tasks in flight would send nothing.
    let least = depth;
    for (const engine of this.rt.engines) least = Math.min(least, engine.inFlight);
    for (let level = least; level < depth && this.queue.length > 0; level++) {
      for (const engine of this.rt.engines) {
        if (engine.inFlight > level) continue;
        // Auto-sized chunks grow to compute for many milliseconds each, so queueing deeper
        // than PREFETCH_DEPTH would only send more of the first, smallest chunks.
        const work = this.queue.find(
          (w) =>
            w.call.targets.includes(engine.index) &&
            (w.chunker === undefined || level < PREFETCH_DEPTH),
        );
        if (work) this.sendNext(work, engine);
      }
    }
    this.steal();
  }

  /** Idle engines take over queued tasks that busy engines have not started. */
  private steal(): void {
    for (const idle of this.rt.engines) {
      if (idle.inFlight > 0 || !idle.canRecall) continue;
      for (const busy of this.rt.engines) {
        const taskId = busy === idle ? undefined : busy.queuedTask();
        const task = taskId === undefined ? undefined : this.sent.get(taskId);
        if (!task || task.work.call.stopped) continue;
        if (!task.work.call.targets.includes(idle.index)) continue;
        if (!busy.recall(taskId!)) continue;
        this.sent.delete(taskId!);
        this.sendRange(task.work, idle, task.start, task.end, taskId);
        break;
      }
    }
  }

  private sendNext(work: Work, engine: EngineLink): void {
    if (work.kind === 'submit') {
      this.remove(work);
      this.sendRange(work, engine, 0, 1);
      return;
    }
    const remaining = work.length - work.next;
    const size = work.fixed ?? work.chunker!.next(remaining);
    const start = work.next;
    const end = Math.min(work.length, start + size);
    work.next = end;
    if (work.next >= work.length) this.remove(work);
    this.sendRange(work, engine, start, end);
  }

  /** Sends items `start..end` of `work` (a new task, or `movedId` recalled from elsewhere). */
  private sendRange(
    work: Work,
    engine: EngineLink,
    start: number,
    end: number,
    movedId?: number,
  ): void {
    const { call, fn } = work;
    const source = engine.needsSource(fn.id) ? fn.source : undefined;
    const taskId = movedId ?? this.rt.taskId();
    const moved = movedId !== undefined;
    if (engine.canRecall) this.sent.set(taskId, { work, start, end });
    if (work.kind === 'submit') {
      const args = work.args ?? [];
      this.rt.dispatch(
        call,
        engine,
        {
          type: 'apply',
          taskId,
          fnId: fn.id,
          ...(source ? { source } : {}),
          args,
          index: work.index ?? 0,
        },
        {
          items: 1,
          first: 0,
          payload: args,
          recallable: true,
          moved,
          timeoutMs: work.timeoutMs,
        },
      );
      return;
    }
    const parts = work.seqs.map((s) => sliceSequence(s, start, end));
    this.rt.dispatch(
      call,
      engine,
      {
        type: 'map',
        taskId,
        fnId: fn.id,
        ...(source ? { source } : {}),
        seqs: parts,
        index: start,
      },
      {
        items: end - start,
        first: start,
        transfer: transferables(parts),
        payload: parts,
        recallable: true,
        moved,
        timeoutMs: work.timeoutMs,
      },
      (v) => v as unknown[],
    );
  }

  /** Feeds a finished task's compute time to the prefetch policy and the auto chunker. */
  record(work: Work, taskId: number, items: number, ms: number): void {
    this.sent.delete(taskId);
    this.policy.record(ms);
    work.chunker?.record(items, ms);
  }

  /** Stops handing out a call's remaining chunks. */
  cancel(call: Call<unknown>): void {
    const w = this.queue.find((x) => x.call === call);
    if (w) this.remove(w);
    call.stopped = true;
    this.rt.settleIfDone(call);
  }

  /** True while the call still has chunks to hand out. */
  pending(call: Call<unknown>): boolean {
    return this.queue.some((w) => w.call === call);
  }

  private remove(work: Work): void {
    const i = this.queue.indexOf(work);
    if (i >= 0) this.queue.splice(i, 1);
  }
}

/** Dynamic load balancing over a set of engines: `map` in chunks and `submit`. */
export class LoadBalancedView {
  /** Engine ids this view may use. */
  readonly targets: number[];

  constructor(
    private readonly rt: Runtime,
    private readonly balancer: Balancer,
    private readonly engines: EngineLink[],
    private readonly timeoutMs?: number,
  ) {
    this.targets = engines.map((e) => e.index);
  }

  /**
   * The same view, whose calls end any item that runs longer than `ms`: its worker is
   * terminated and replaced, and the call fails with a TimeoutError naming the item.
   */
  timeout(ms: number): LoadBalancedView {
    assertTimeout(ms, 'timeout', this.rt.callSiteLine());
    return new LoadBalancedView(this.rt, this.balancer, this.engines, ms);
  }

  /** Maps `fn` over `seq` in chunks handed to whichever engine is free. */
  map<T, R>(
    fn: (item: T) => R,
    seq: ArrayLike<T>,
    options: BalancedMapOptions = {},
  ): AsyncResult<Awaited<R>[]> {
    return this.mapWith('balanced-map', fn, seq, options);
  }

  /** Runs `fn(...args)` once on whichever engine is free. */
  submit<A extends unknown[], R>(fn: (...args: A) => R, ...args: A): AsyncResult<Awaited<R>> {
    const line = this.rt.callSiteLine();
    const shipped = this.rt.shipFunction(fn, 'submit');
    const what = `submit(${shipped.name})`;
    assertShippable(shipped, this.engines, what, line);
    assertCloneable(args, what, line);
    const call = this.rt.startCall<Awaited<R>>('submit', what, line, this.targets, 1, {
      total: 1,
      ordered: true,
      assemble: (items) => items[0] as Awaited<R>,
    });
    call.pending = () => this.balancer.pending(call as Call<unknown>);
    call.cancel = () => this.balancer.cancel(call as Call<unknown>);
    const work: Work = {
      call: call as Call<unknown>,
      fn: shipped,
      seqs: [],
      length: 1,
      next: 0,
      fixed: 1,
      chunker: undefined,
      kind: 'submit',
      args,
      index: this.rt.submitIndex(),
      timeoutMs: this.timeoutMs,
    };
    call.onTask = (r) => this.balancer.record(work, r.taskId, r.items, r.completed - r.started);
    this.balancer.add(work);
    this.rt.track(call.result as AsyncResult<unknown>);
    return call.result;
  }

  /** An auto chunker for a map of `length` items of `shipped`, starting near what it learned. */
  private chunker(shipped: ShippedFunction, length: number): AutoChunker {
    return new AutoChunker({
      total: length,
      workers: this.engines.length,
      learned: learnedSizes.get(shipped.source),
    });
  }

  /** Shared by `map` and `pool.map`. */
  mapWith<R>(
    kind: CallKind,
    fn: unknown,
    seq: ArrayLike<unknown>,
    options: BalancedMapOptions,
  ): AsyncResult<Awaited<R>[]> {
    const line = this.rt.callSiteLine();
    const shipped = this.rt.shipFunction(fn, 'map');
    const what = `${kind === 'pool-map' ? 'pool.map' : 'map'}(${shipped.name})`;
    assertShippable(shipped, this.engines, what, line);
    assertSequence(seq, what, line);
    assertCloneable([seq], what, line);
    assertTimeout(options.timeoutMs, what, line);
    const chunkSize = options.chunkSize ?? 'auto';
    if (chunkSize !== 'auto' && (!Number.isInteger(chunkSize) || chunkSize < 1)) {
      throw usage(
        `${what}: chunkSize must be 'auto' or a whole number of at least 1, got ${String(chunkSize)}`,
        undefined,
        line,
      );
    }
    const length = seq.length;
    const tasksUpFront = chunkSize === 'auto' ? 0 : Math.ceil(length / chunkSize);
    const work: Work = {
      call: undefined as unknown as Call<unknown>,
      fn: shipped,
      seqs: [seq],
      length,
      next: 0,
      fixed: chunkSize === 'auto' ? undefined : chunkSize,
      chunker: chunkSize === 'auto' ? this.chunker(shipped, length) : undefined,
      kind: 'map',
      timeoutMs: options.timeoutMs ?? this.timeoutMs,
    };
    const call = this.rt.startCall<Awaited<R>[]>(kind, what, line, this.targets, tasksUpFront, {
      total: length,
      ordered: options.ordered ?? true,
      assemble: (items) => items as Awaited<R>[],
      onAbort: () => this.balancer.cancel(call as Call<unknown>),
    });
    work.call = call as Call<unknown>;
    call.pending = () => this.balancer.pending(call as Call<unknown>);
    call.cancel = () => this.balancer.cancel(call as Call<unknown>);
    // Feed compute times back to the chunker, and stop handing out chunks after a failure.
    call.onTask = (record) => {
      const ms = record.completed - record.started;
      this.balancer.record(work, record.taskId, record.items, ms);
      if (!record.ok) this.balancer.cancel(call as Call<unknown>);
      else if (work.chunker) learn(shipped.source, work.chunker.size);
    };
    if (length === 0) this.rt.settleIfDone(call);
    else this.balancer.add(work);
    this.rt.track(call.result as AsyncResult<unknown>);
    return call.result;
  }
}
