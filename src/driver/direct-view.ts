/**
 * DirectView: explicit control of each engine, after ipyparallel's DirectView. Every
 * method sends one task per target engine and returns an AsyncResult.
 */
import type { AsyncResult } from '../core/async-result';
import { isTypedArray, partition, sliceSequence } from '../core/partition';
import { prepareExecute } from '../core/script-scope';
import type { CallKind } from '../protocol/messages';
import {
  assertCloneable,
  assertGlobalName,
  assertNames,
  assertSequence,
  assertShippable,
  assertTimeout,
  transferables,
} from './checks';
import type { EngineLink } from './engine-link';
import { atLine, usage } from './script-errors';
import { plainTypedName, Pour, pourLayout } from './gather-into';
import type { PourLayout } from './gather-into';
import { joinParts, sharedParts } from './shared-memory';
import type { Call, Runtime, ShippedFunction } from './runtime';

/** A result per target engine, or the bare result for a view on one engine (`view(0)`). */
export type PerTarget<One extends boolean, V> = One extends true ? V : V[];

/**
 * Explicit, per-engine control: apply, execute, push, pull, scatter, gather, map, clear.
 * `One` is true for a view on a single engine, whose results are not wrapped in arrays.
 */
export class DirectView<One extends boolean = boolean> {
  /** Engine ids this view targets. */
  readonly targets: number[];

  constructor(
    private readonly rt: Runtime,
    private readonly engines: EngineLink[],
    private readonly single: One,
    private readonly timeoutMs?: number,
  ) {
    this.targets = engines.map((e) => e.index);
  }

  /**
   * The same view, whose calls end any item that runs longer than `ms`: its worker is
   * terminated and replaced, and the call fails with a TimeoutError naming the item.
   */
  timeout(ms: number): DirectView<One> {
    assertTimeout(ms, 'timeout', this.rt.callSiteLine());
    return new DirectView(this.rt, this.engines, this.single, ms);
  }

  /** Calls `fn(...args)` once on every target; resolves to one result per target. */
  apply<A extends unknown[], R>(
    fn: (...args: A) => R,
    ...args: A
  ): AsyncResult<PerTarget<One, Awaited<R>>> {
    const line = this.rt.callSiteLine();
    const shipped = this.rt.shipFunction(fn, 'apply');
    const what = `apply(${shipped.name})`;
    assertShippable(shipped, this.engines, what, line);
    assertCloneable(args, what, line);
    const call = this.start<PerTarget<One, Awaited<R>>>('apply', what, line);
    this.engines.forEach((engine, i) => {
      const source = engine.needsSource(shipped.id) ? shipped.source : undefined;
      this.rt.dispatch(
        call,
        engine,
        {
          type: 'apply',
          taskId: this.rt.taskId(),
          fnId: shipped.id,
          ...(source ? { source } : {}),
          args,
          index: i,
        },
        { items: 1, first: i, payload: args, timeoutMs: this.timeoutMs },
      );
    });
    return this.finishSetup(call);
  }

  /** Runs JavaScript source as a script at each engine's global scope. */
  execute(code: string): AsyncResult<void> {
    const line = this.rt.callSiteLine();
    if (typeof code !== 'string')
      throw usage('execute: expected the code as a string', undefined, line);
    let prepared;
    try {
      prepared = prepareExecute(code);
    } catch (e) {
      throw atLine(usageWithoutLine(e), line);
    }
    for (const e of this.engines) for (const n of prepared.names) e.names.add(n);
    const call = this.start<void>('execute', 'execute', line);
    this.engines.forEach((engine, i) => {
      this.rt.dispatch(
        call,
        engine,
        { type: 'execute', taskId: this.rt.taskId(), code: prepared.code },
        { items: 1, first: i, timeoutMs: this.timeoutMs },
      );
    });
    return this.finishSetup(call);
  }

  /** Assigns globals on each engine; functions are sent as source text. */
  push(values: Record<string, unknown>): AsyncResult<void> {
    const line = this.rt.callSiteLine();
    if (!values || typeof values !== 'object') {
      throw usage(
        'push: expected an object of names and values, e.g. push({ a, b })',
        undefined,
        line,
      );
    }
    for (const k of Object.keys(values)) assertGlobalName(k, this.engines, 'push', line);
    const plain: Record<string, unknown> = {};
    const shipped: [string, ShippedFunction][] = [];
    for (const [k, v] of Object.entries(values)) {
      if (typeof v === 'function') shipped.push([k, this.rt.shipFunction(v, 'push')]);
      else plain[k] = v;
    }
    assertCloneable(Object.values(plain), `push`, line);
    // Pushed functions may use each other and anything pushed with them.
    const pushed = Object.keys(values);
    for (const [k, fn] of shipped) assertShippable(fn, this.engines, `push(${k})`, line, pushed);
    const functions: Record<string, { fnId: number; source: string }> = {};
    for (const [k, fn] of shipped) functions[k] = { fnId: fn.id, source: fn.source };
    for (const e of this.engines) for (const n of Object.keys(values)) e.names.add(n);
    const call = this.start<void>('push', `push(${Object.keys(values).join(', ')})`, line);
    this.engines.forEach((engine, i) => {
      // The engine compiles and keeps each function, so later calls need not resend it.
      for (const [, fn] of shipped) engine.needsSource(fn.id);
      this.rt.dispatch(
        call,
        engine,
        { type: 'push', taskId: this.rt.taskId(), values: plain, functions },
        { items: 1, first: i, payload: plain, timeoutMs: this.timeoutMs },
      );
    });
    return this.finishSetup(call);
  }

  /** Reads a global (or several) from each engine. */
  pull(name: string): AsyncResult<PerTarget<One, unknown>>;
  pull(names: string[]): AsyncResult<PerTarget<One, unknown[]>>;
  pull(
    names: string | string[],
  ): AsyncResult<PerTarget<One, unknown>> | AsyncResult<PerTarget<One, unknown[]>> {
    const line = this.rt.callSiteLine();
    assertNames(names, 'pull', line);
    const list = typeof names === 'string' ? [names] : names;
    const call = this.start<PerTarget<One, unknown>>('pull', `pull(${list.join(', ')})`, line);
    this.engines.forEach((engine, i) => {
      this.rt.dispatch(
        call,
        engine,
        { type: 'pull', taskId: this.rt.taskId(), names: list },
        { items: 1, first: i, timeoutMs: this.timeoutMs },
        (v) => [typeof names === 'string' ? (v as unknown[])[0] : v],
      );
    });
    return this.finishSetup(call);
  }

  /** Splits `seq` into contiguous parts (the first `n % k` get one extra) and sets `name` on each engine. */
  scatter(name: string, seq: ArrayLike<unknown>): AsyncResult<void> {
    const line = this.rt.callSiteLine();
    assertGlobalName(name, this.engines, 'scatter', line);
    assertSequence(seq, 'scatter', line);
    assertCloneable([seq], `scatter(${name})`, line);
    const ranges = partition(seq.length, this.engines.length);
    for (const e of this.engines) e.names.add(name);
    const call = this.start<void>('scatter', `scatter(${name})`, line);
    // Views of one shared copy where the page is isolated, else a copy per part, transferred.
    const shared = sharedParts(seq, ranges);
    const type = shared ? undefined : plainTypedName(seq);
    this.engines.forEach((engine, i) => {
      const [start, end] = ranges[i]!;
      if (type) engine.parts.set(name, { type, length: end - start });
      else engine.parts.delete(name);
      const part = shared?.[i] ?? sliceSequence(seq, start, end);
      this.rt.dispatch(
        call,
        engine,
        { type: 'push', taskId: this.rt.taskId(), values: { [name]: part }, functions: {} },
        {
          items: end - start,
          first: start,
          slot: i,
          timeoutMs: this.timeoutMs,
          transfer: isTypedArray(part) && !shared ? [part.buffer as ArrayBuffer] : [],
          payload: part,
        },
      );
    });
    return this.finishSetup(call);
  }

  /** Pulls `name` from each engine and concatenates the parts (typed arrays into one). */
  gather(name: string): AsyncResult<unknown> {
    const line = this.rt.callSiteLine();
    assertNames(name, 'gather', line, true);
    const layout = pourLayout(this.engines, name);
    if (layout) return this.gatherInto(name, line, layout);
    const call = this.start<unknown>('gather', `gather(${name})`, line, joinParts);
    this.engines.forEach((engine, i) => {
      this.rt.dispatch(
        call,
        engine,
        { type: 'pull', taskId: this.rt.taskId(), names: [name] },
        { items: 1, first: i, timeoutMs: this.timeoutMs },
        (v) => [(v as unknown[])[0]],
      );
    });
    return this.finishSetup(call);
  }

  /**
   * Gathers the typed array parts a scatter sent into one buffer handed from engine to
   * engine (see gather-into.ts): one task per engine, all sent at once; each engine but the
   * first gets the buffer when the one before answered.
   */
  private gatherInto(
    name: string,
    line: number | undefined,
    layout: PourLayout,
  ): AsyncResult<unknown> {
    const pour = new Pour(layout);
    const call = this.start<unknown>('gather', `gather(${name})`, line, (parts) =>
      pour.result(parts),
    );
    // Every engine gets its request now, so the gather keeps its place in each queue; all but
    // the first wait there for the buffer.
    const taskIds = this.engines.map(() => this.rt.taskId());
    /** Whether each engine has the buffer (or was told there is none), or has answered. */
    const handed = this.engines.map((_, i) => i === 0);
    const handOn = (slot: number, buffer?: ArrayBuffer): void => {
      const engine = this.engines[slot];
      if (!engine || handed[slot]) return;
      handed[slot] = true;
      engine.forward({ type: 'pour-buffer', taskId: taskIds[slot]!, buffer });
    };
    // The buffer is lost (an engine failed, or sent something that is not a pour): the
    // engines still waiting answer as pulls, and the call fails with the first error.
    const breakOff = (): void => {
      pour.broken = true;
      for (let j = 0; j < this.engines.length; j++) handOn(j);
    };
    call.onTask = (record) => {
      handed[record.first] = true;
      if (!record.ok && !pour.broken) breakOff();
    };
    this.engines.forEach((engine, i) => {
      const into = pour.target(i);
      this.rt.dispatch(
        call,
        engine,
        { type: 'pull', taskId: taskIds[i]!, names: [name], into },
        {
          items: 1,
          first: i,
          timeoutMs: this.timeoutMs,
          transfer: into.buffer ? [into.buffer] : [],
          payload: [name],
          replyBytes: (v) => pour.replyBytes(i, v),
        },
        (v) => {
          if (pour.broken) return [];
          let parts: unknown[] | undefined;
          try {
            parts = pour.take(i, v);
          } catch (e) {
            breakOff();
            throw e;
          }
          if (!parts) {
            handOn(i + 1, pour.current);
            return [];
          }
          // The earlier engines' parts are views of the buffer, readable only now it is back.
          for (let j = 0; j < i; j++) call.result.accept(j, [parts[j]]);
          return [parts[i]];
        },
      );
    });
    return this.finishSetup(call);
  }

  /** Static map: splits the sequences evenly over the targets, one task per engine. */
  map<R>(
    fn: (...items: never[]) => R,
    ...args: (ArrayLike<unknown> | MapOptions)[]
  ): AsyncResult<Awaited<R>[]> {
    const line = this.rt.callSiteLine();
    const shipped = this.rt.shipFunction(fn, 'map');
    const what = `map(${shipped.name})`;
    const { seqs, options } = splitOptions(args);
    assertTimeout(options.timeoutMs, what, line);
    const timeoutMs = options.timeoutMs ?? this.timeoutMs;
    assertShippable(shipped, this.engines, what, line);
    if (seqs.length === 0)
      throw usage(`${what}: give at least one sequence to map over`, undefined, line);
    for (const s of seqs) assertSequence(s, what, line);
    assertCloneable(seqs, what, line);
    const length = Math.min(...seqs.map((s) => s.length));
    const ranges = partition(length, this.engines.length);
    const call = this.rt.startCall<Awaited<R>[]>(
      'map',
      what,
      line,
      this.targets,
      this.engines.length,
      {
        total: length,
        ordered: true,
        assemble: (items) => items as Awaited<R>[],
      },
    );
    this.engines.forEach((engine, i) => {
      const [start, end] = ranges[i]!;
      const parts = seqs.map((s) => sliceSequence(s, start, end));
      const source = engine.needsSource(shipped.id) ? shipped.source : undefined;
      this.rt.dispatch(
        call,
        engine,
        {
          type: 'map',
          taskId: this.rt.taskId(),
          fnId: shipped.id,
          ...(source ? { source } : {}),
          seqs: parts,
          index: start,
        },
        {
          items: end - start,
          first: start,
          transfer: transferables(parts),
          payload: parts,
          timeoutMs,
        },
        (v) => v as unknown[],
      );
    });
    this.rt.settleIfDone(call);
    this.rt.track(call.result as AsyncResult<unknown>);
    return call.result;
  }

  /** Deletes every user-defined global on the targets. */
  clear(): AsyncResult<void> {
    const line = this.rt.callSiteLine();
    for (const e of this.engines) {
      e.names.clear();
      e.parts.clear();
      e.forgetFunctions();
    }
    const call = this.start<void>('clear', 'clear', line);
    this.engines.forEach((engine, i) => {
      this.rt.dispatch(
        call,
        engine,
        { type: 'clear', taskId: this.rt.taskId() },
        { items: 1, first: i, timeoutMs: this.timeoutMs },
      );
    });
    return this.finishSetup(call);
  }

  private start<T>(
    kind: CallKind,
    label: string,
    line: number | undefined,
    combine?: (parts: unknown[]) => unknown,
  ): Call<T> {
    const single = this.single;
    return this.rt.startCall<T>(kind, label, line, this.targets, this.engines.length, {
      total: this.engines.length,
      ordered: true,
      assemble: (items) => {
        if (kind === 'execute' || kind === 'push' || kind === 'scatter' || kind === 'clear')
          return undefined as T;
        if (combine) return combine(items) as T;
        return (single ? items[0] : items) as T;
      },
    });
  }

  private finishSetup<T>(call: Call<T>): AsyncResult<T> {
    this.rt.settleIfDone(call);
    this.rt.track(call.result as AsyncResult<unknown>);
    return call.result;
  }
}

/** Drops a line counted inside executed code, so the call site's line is used instead. */
function usageWithoutLine(e: unknown): unknown {
  return e instanceof Error && e.name === 'UsageError'
    ? usage(e.message, (e as { hint?: string }).hint)
    : e;
}

/** Options of the static `map`, given after the sequences. */
export interface MapOptions {
  /** The longest one item may run, ms (see {@link DirectView.timeout}). */
  timeoutMs?: number;
}

/** The sequences of a `map` call, and its options when the last argument is a plain object. */
function splitOptions(args: (ArrayLike<unknown> | MapOptions)[]): {
  seqs: ArrayLike<unknown>[];
  options: MapOptions;
} {
  const last = args.at(-1);
  const isOptions =
    last !== null &&
    typeof last === 'object' &&
    Object.getPrototypeOf(last) === Object.prototype &&
    !('length' in last);
  return isOptions
    ? { seqs: args.slice(0, -1) as ArrayLike<unknown>[], options: last }
    : { seqs: args as ArrayLike<unknown>[], options: {} };
}
