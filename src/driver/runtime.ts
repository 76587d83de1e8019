/**
 * The driver's run-time state for one run: the engines, id counters, the event buffer,
 * and the bookkeeping every parallel call shares (dispatch, records, errors, line numbers).
 */
import { now } from '../core/clock';
import { AsyncResult } from '../core/async-result';
import type { AsyncResultOptions } from '../core/async-result';
import { estimateBytes } from '../core/cloneable';
import { CancelledError, groupErrors, serializeError } from '../core/errors';
import type { RemoteError } from '../core/errors';
import { functionName } from '../core/free-variables';
import { TASK_STDOUT_PREVIEW } from '../protocol/messages';
import type {
  CallKind,
  EngineRequest,
  HostApi,
  OutputLine,
  SerializedError,
  Stamp,
  TaskDoneMessage,
  TaskFailedMessage,
  TaskRecord,
} from '../protocol/messages';
import { EngineLink } from './engine-link';
import { EngineWatch, failureError } from './engine-watch';
import type { Failure } from './engine-watch';
import { validateError, validateOutputLine, validatePlot } from '../protocol/validate';
import { checkedLines, internalError, stamp } from './task-reply';
import type { EventBuffer } from './events';
import { rebuildRemoteError, usage } from './script-errors';
import type { ScriptSource } from './source-map';

/** A function registered for shipping: its id, text, and where it is in the editor. */
export interface ShippedFunction {
  id: number;
  source: string;
  name: string;
  jsLine: number | undefined;
}

/** One parallel call in progress. */
export interface Call<T> {
  id: number;
  kind: CallKind;
  label: string;
  line: number | undefined;
  targets: number[];
  result: AsyncResult<T>;
  errors: RemoteError[];
  outstanding: number;
  /** Set when the call stops dispatching (abort or first failure of a balanced map). */
  stopped: boolean;
  /** True while the call still has work waiting to be sent (load-balanced calls). */
  pending?: () => boolean;
  /** Told about each finished task before its items are stored (the load balancer listens). */
  onTask?: (record: TaskRecord) => void;
  /** Stops sending the call's remaining work (load-balanced calls). */
  cancel?: () => void;
  /** Tasks the engine watch ended (timed out, or lost by their engine), for the typed error. */
  failures?: Failure[];
}

/** What a task needs besides its request. */
export interface TaskSpec {
  /** Items the task covers, and the index of its first item in the call's input. */
  items: number;
  first: number;
  /** Where its result goes in the call's result (defaults to `first`; scatter parts differ). */
  slot?: number;
  transfer?: Transferable[];
  /** The payload measured for bytes-in (defaults to the request). */
  payload?: unknown;
  /** Bytes the reply brought (defaults to measuring its value). */
  replyBytes?: (value: unknown) => number;
  /** The load balancer may take the task back before it starts and send it elsewhere. */
  recallable?: boolean;
  /** The task was recalled from another engine and is sent here instead. */
  moved?: boolean;
  /** The call's `timeoutMs`: the longest one item may run before its engine is restarted. */
  timeoutMs?: number;
}

/** Per-run state and the task pipeline shared by every view. */
export class Runtime {
  readonly engines: EngineLink[] = [];
  private nextCall = 0;
  private nextTask = 0;
  private nextSubmit = 0;
  private used = 0;
  private readonly functions = new Map<string, ShippedFunction>();
  private readonly functionsById = new Map<number, ShippedFunction>();
  private readonly live = new Set<Call<unknown>>();
  private idle: (() => void)[] = [];
  /** Called whenever an engine has room for more work (the load balancer listens). */
  onCapacity: () => void = () => undefined;
  /** Per-item timeouts, engines that lost their tasks, and restarts. */
  readonly watch: EngineWatch;

  constructor(
    readonly events: EventBuffer,
    readonly script: ScriptSource,
    private readonly host: HostApi,
    readonly defaultWorkers: number | 'auto',
    readonly hardwareThreads: number,
  ) {
    this.watch = new EngineWatch(this, host);
  }

  /** Makes sure at least `count` engines are connected and ready. */
  async ensureEngines(count: number): Promise<EngineLink[]> {
    if (this.engines.length < count) {
      const ports = (await this.host.engines(count)) as unknown as MessagePort[];
      for (const port of ports) {
        const index = this.engines.length;
        const link = new EngineLink(index, port);
        link.onOutput = (line) => this.unsolicited(index, line);
        this.watch.attach(link);
        this.engines.push(link);
      }
    }
    await Promise.all(this.engines.map((e) => e.ready));
    return this.engines.slice(0, count);
  }

  /** Workers the script has used: the largest cluster or pool it ran on (0 before any). */
  get workersUsed(): number {
    return this.used;
  }

  /**
   * Notes that the script uses `count` workers (a `cluster()` or the pool), so the page draws
   * that many lanes and the report names the count the script ran on, not the engines the
   * driver connected up front.
   */
  useWorkers(count: number): void {
    if (count <= this.used) return;
    this.used = count;
    this.events.push({ type: 'cluster', workers: count, time: now() });
  }

  /** Forwards what an engine printed outside any task (an unhandled rejection), if well formed. */
  private unsolicited(index: number, printed: unknown): void {
    const line = validateOutputLine(printed);
    if (line) this.output({ ...line, source: index });
  }

  /** Editor line of the innermost script frame on the current stack (the API call site). */
  callSiteLine(): number | undefined {
    return this.script.positionInStack(new Error().stack)?.line;
  }

  /** Registers a function for shipping, once per distinct source text. */
  shipFunction(fn: unknown, what: string): ShippedFunction {
    if (typeof fn !== 'function') {
      throw usage(
        `${what}: expected a function, got ${fn === null ? 'null' : typeof fn}`,
        'Pass the function itself, e.g. map((x) => x * x, items).',
      );
    }
    const source = Function.prototype.toString.call(fn);
    let entry = this.functions.get(source);
    if (!entry) {
      entry = {
        id: this.functions.size + 1,
        source,
        // `const isPrime = (n) => ...` gives the arrow the name isPrime.
        name: (fn as { name?: string }).name || functionName(source),
        jsLine: this.script.jsLineOf(source),
      };
      this.functions.set(source, entry);
      this.functionsById.set(entry.id, entry);
    }
    return entry;
  }

  /** Starts a call: emits its start event and returns its bookkeeping. */
  startCall<T>(
    kind: CallKind,
    label: string,
    line: number | undefined,
    targets: number[],
    tasks: number,
    options: Omit<AsyncResultOptions<T>, 'label' | 'workers'>,
  ): Call<T> {
    const id = this.callId();
    const call: Call<T> = {
      id,
      kind,
      label,
      line,
      targets,
      result: new AsyncResult<T>({ ...options, label, workers: targets.length }),
      errors: [],
      outstanding: 0,
      stopped: false,
    };
    this.live.add(call as Call<unknown>);
    this.events.push({
      type: 'call-start',
      callId: id,
      kind,
      label,
      total: tasks,
      items: options.total,
      targets,
      ...(line !== undefined ? { line } : {}),
      time: now(),
    });
    return call;
  }

  /** Sends one task of `call` to `engine`; items land in the call's result when it returns. */
  dispatch<T>(
    call: Call<T>,
    engine: EngineLink,
    request: EngineRequest,
    spec: TaskSpec,
    onValue: (value: unknown) => ArrayLike<unknown> = (v) => [v],
  ): void {
    const submitted = now();
    const bytesIn = estimateBytes(spec.payload ?? request);
    call.outstanding++;
    this.events.push({
      type: 'task-dispatch',
      taskId: request.taskId,
      callId: call.id,
      worker: engine.index,
      submitted,
      items: spec.items,
      first: spec.first,
      bytesIn,
      ...(spec.moved ? { moved: true } : {}),
    });
    if (spec.timeoutMs !== undefined) request.watch = true;
    this.watch.sent(engine, request.taskId, spec.timeoutMs);
    engine.send(request, spec.transfer ?? [], spec.recallable ?? false, (reply) => {
      try {
        // Recalled: the balancer has sent the same task to another engine.
        if (reply.type === 'recalled') call.outstanding--;
        else this.receive(call, engine, reply, spec, submitted, bytesIn, onValue);
      } catch (e) {
        this.lose(call, engine, request.taskId, e);
      }
    });
  }

  /** Folds a task's reply into its call; what the engine said is checked before use. */
  private receive<T>(
    call: Call<T>,
    engine: EngineLink,
    reply: TaskDoneMessage | TaskFailedMessage,
    spec: TaskSpec,
    submitted: Stamp,
    bytesIn: number,
    onValue: (value: unknown) => ArrayLike<unknown>,
  ): void {
    call.outstanding--;
    this.watch.answered(reply.taskId);
    const received = now();
    const stdout = checkedLines(reply.stdout);
    const record: TaskRecord = {
      taskId: reply.taskId,
      callId: call.id,
      worker: engine.index,
      submitted,
      started: stamp(reply.started, received),
      completed: stamp(reply.completed, received),
      received,
      items: spec.items,
      first: spec.first,
      bytesIn,
      bytesOut: reply.type === 'done' ? (spec.replyBytes ?? estimateBytes)(reply.value) : 0,
      ok: reply.type === 'done',
      stdout,
    };
    try {
      // The page gets the first lines for the timeline's hover; all of them come to its
      // console once, rate-limited, as output (a flood must not travel twice).
      this.events.push({ type: 'task-end', record: withStdoutPreview(record) });
      for (const line of stdout) this.output(line);
      this.forwardPlots(reply.plots);
      if (reply.type === 'done') {
        call.onTask?.(record);
        call.result.accept(spec.slot ?? spec.first, onValue(reply.value), record);
      } else {
        call.result.note(record);
        const failure = this.watch.takeFailure(reply.taskId);
        if (failure) (call.failures ??= []).push(failure);
        const error = validateError(reply.error) ?? {
          name: 'Error',
          message: 'the task failed with an error that could not be read',
        };
        call.errors.push(
          rebuildRemoteError(
            { ...reply, error },
            call,
            this.script,
            (id) => this.functionsById.get(id)?.jsLine,
          ),
        );
        // After the error is kept: the balancer cancels the rest, which may end the call.
        call.onTask?.(record);
      }
    } catch (e) {
      call.errors.push(internalError(engine.index, reply.taskId, e));
      call.stopped = true;
    }
    this.onCapacity();
    this.settleIfDone(call);
  }

  /** Charts and tables a task drew, forwarded only when they match the protocol. */
  private forwardPlots(plots: unknown): void {
    if (!Array.isArray(plots)) return;
    let dropped = 0;
    for (const p of plots as unknown[]) {
      const ok = validatePlot(p);
      if (ok) this.events.push(ok);
      else dropped++;
    }
    if (dropped > 0) {
      this.output({
        source: 'driver',
        level: 'warn',
        text: `${dropped} chart${dropped === 1 ? '' : 's'} from a worker did not match Fanout's protocol and ${dropped === 1 ? 'was' : 'were'} dropped`,
        time: now(),
      });
    }
  }

  /** A task whose reply could not be handled: its call fails instead of waiting forever. */
  private lose<T>(call: Call<T>, engine: EngineLink, taskId: number, e: unknown): void {
    call.errors.push(internalError(engine.index, taskId, e));
    call.stopped = true;
    try {
      this.settleIfDone(call);
    } catch (again) {
      // The call cannot even be ended normally: end it as failed so the run finishes.
      this.live.delete(call as Call<unknown>);
      call.result.fail(again);
      this.wakeIdle();
    }
  }

  /** Ends the call when nothing is outstanding and nothing more will be sent. */
  settleIfDone<T>(call: Call<T>): void {
    if (call.outstanding > 0 || (!call.stopped && call.pending?.())) return;
    if (!this.live.has(call as Call<unknown>)) return;
    this.live.delete(call as Call<unknown>);
    const failures = call.failures ?? [];
    const first = failures[0];
    if (first && failures.length === call.errors.length) {
      call.result.fail(failureError(call.label, first, failures.length - 1));
    } else if (call.errors.length > 0) call.result.fail(groupErrors(call.errors));
    else if (call.stopped) {
      const r = call.result;
      call.result.fail(
        new CancelledError(`${call.label} was aborted after ${r.progress} of ${r.total}`),
      );
    } else {
      call.result.finish();
      this.finished.delete(call.result as AsyncResult<unknown>);
    }
    const error = call.result.error;
    this.events.push({
      type: 'call-end',
      callId: call.id,
      time: now(),
      timing: call.result.timing,
      ...(error ? { error: withoutStack(serializeError(error)) } : {}),
    });
    if (this.live.size === 0) this.wakeIdle();
  }

  /** Wakes whoever waits for the run to have no call in flight. */
  private wakeIdle(): void {
    const idle = this.idle;
    this.idle = [];
    for (const f of idle) f();
    if (this.live.size === 0) this.onCallsDone();
  }

  /** Allocates a call id (GPU calls share the sequence, so ids are unique in the run). */
  callId(): number {
    return ++this.nextCall;
  }

  /** The next submit's number in the run (0, 1, ...): `taskIndex()` inside it. */
  submitIndex(): number {
    return this.nextSubmit++;
  }

  /** Allocates a task id. */
  taskId(): number {
    return ++this.nextTask;
  }

  /** Stops sending work that has not been sent yet (the script failed: nobody will use it). */
  cancelPending(): void {
    for (const call of [...this.live]) call.cancel?.();
  }

  /** True while every hardware thread has an engine computing (or queued) a task. */
  saturated(): boolean {
    let busy = 0;
    for (const e of this.engines) if (e.inFlight > 0) busy++;
    return busy >= this.hardwareThreads;
  }

  /** Called each time the last call in flight ends (the script's heartbeat resumes). */
  onCallsDone: () => void = () => undefined;

  /** Parallel calls started and not yet finished. */
  get callsInFlight(): number {
    return this.live.size;
  }

  /**
   * Ends the calls the script gave up on (a `get({ timeoutMs })` timed out) once the script
   * has ended: nobody will read them, and their stuck tasks must not keep the run going.
   */
  abandonTimedOut(): void {
    for (const call of [...this.live]) {
      if (!call.result.timedOut) continue;
      call.cancel?.();
      call.stopped = true;
      call.outstanding = 0;
      this.output({
        source: 'driver',
        level: 'warn',
        text: `${call.label} was still running when the script ended after its get() timed out: its unfinished tasks were abandoned`,
        time: now(),
      });
      this.settleIfDone(call);
    }
  }

  /** Resolves when no call is in flight. */
  whenIdle(): Promise<void> {
    if (this.live.size === 0) return Promise.resolve();
    return new Promise((r) => this.idle.push(r));
  }

  /** Calls that ended in failure that the script never looked at. */
  unobservedFailures(): AsyncResult<unknown>[] {
    return [...this.finished].filter(
      (r) => r.error !== undefined && !(r.error instanceof CancelledError) && !r.wasObserved,
    );
  }

  /**
   * Calls that may fail unobserved: running ones, and failed ones. A call that succeeds is
   * forgotten at once, so a run of a million calls does not keep a million results.
   */
  private readonly finished = new Set<AsyncResult<unknown>>();

  /** Remembers a call's result for the end-of-run check of unobserved failures. */
  track(result: AsyncResult<unknown>): void {
    if (!result.ready() || result.error !== undefined) this.finished.add(result);
  }

  /** Emits an output line, subject to the console's rate limit. */
  output(line: OutputLine): void {
    this.events.pushOutput(line);
  }
}

/** The record with at most TASK_STDOUT_PREVIEW lines of its output (the last one a count). */
function withStdoutPreview(record: TaskRecord): TaskRecord {
  const lines = record.stdout;
  if (lines.length <= TASK_STDOUT_PREVIEW) return record;
  const kept = lines.slice(0, TASK_STDOUT_PREVIEW - 1);
  const more = lines.length - kept.length;
  const last = lines[kept.length]!;
  kept.push({ ...last, text: `… ${more} more lines (in the console)` });
  return { ...record, stdout: kept };
}

/** A serialized error without its stack: events stay small, the page shows no stacks. */
function withoutStack(e: SerializedError): SerializedError {
  const { stack, ...rest } = e;
  return rest;
}
