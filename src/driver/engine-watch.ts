/**
 * Keeps engines answering. Two things can leave a call waiting forever on an engine: an
 * item that never ends (the call's `timeoutMs` ends it), and an engine that lost its tasks
 * (code it ran broke a built-in the engine relies on). A busy engine, computing, is left
 * alone: it answers when it is done, and only Stop or a `timeoutMs` ends it. In both cases
 * the engine is terminated and a fresh one takes its index; the tasks it held end as failed
 * with a typed error, and every other task goes on.
 */
import { now } from '../core/clock';
import { TimeoutError, WorkerCrashedError } from '../core/errors';
import type { HostApi, OutputLine, SerializedError } from '../protocol/messages';
import type { EngineLink } from './engine-link';

/**
 * The browser's MessageChannel, taken when this module loads: the driver's hygiene check
 * (worker-shared/hygiene.ts, set up after the modules load) counts every channel user code
 * opens, and a restarted engine's channel is Fanout's own.
 */
const NativeChannel = MessageChannel;

/** An engine silent this long (ms) with tasks outstanding is asked which tasks it holds. */
export const SILENCE_MS = 1000;

/** Why a task ended without its engine's answer, kept to build the call's typed error. */
export interface Failure {
  kind: 'timeout' | 'crash';
  worker: number;
  taskId: number;
  message: string;
  hint: string;
}

/** A watched task: its limit per item and the timer of the item now running. */
interface Watched {
  engine: EngineLink;
  ms: number;
  timer: ReturnType<typeof setTimeout> | undefined;
}

/** What the watch needs of the run. */
export interface WatchedRun {
  readonly engines: readonly EngineLink[];
  output(line: OutputLine): void;
  /** Called once a fresh engine is ready for work. */
  onCapacity(): void;
}

/** Per-item timeouts, lost-task detection and engine restarts for one run. */
export class EngineWatch {
  private readonly watched = new Map<number, Watched>();
  private readonly failures = new Map<number, Failure>();
  private readonly pings = new Map<EngineLink, { n: number; tasks: number[] }>();
  private nextPing = 0;
  private ticker: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly run: WatchedRun,
    private readonly host: HostApi,
  ) {}

  /** Starts listening to a new engine's progress and pongs. */
  attach(engine: EngineLink): void {
    engine.onProgress = (taskId, index) => this.progress(taskId, index);
    engine.onPong = (n, pending) => this.pong(engine, n, pending);
  }

  /** A task was sent: watch its items when `timeoutMs` is set, and the engine's silence. */
  sent(engine: EngineLink, taskId: number, timeoutMs: number | undefined): void {
    if (timeoutMs !== undefined)
      this.watched.set(taskId, { engine, ms: timeoutMs, timer: undefined });
    this.ticker ??= setInterval(() => this.tick(), SILENCE_MS / 2);
  }

  /** A task's reply arrived. */
  answered(taskId: number): void {
    const w = this.watched.get(taskId);
    if (!w) return;
    clearTimeout(w.timer);
    this.watched.delete(taskId);
  }

  /** Why the task ended without an answer from its engine, if the watch ended it (read once). */
  takeFailure(taskId: number): Failure | undefined {
    const f = this.failures.get(taskId);
    this.failures.delete(taskId);
    return f;
  }

  /** Stops every timer (the run ended). */
  stop(): void {
    clearInterval(this.ticker);
    this.ticker = undefined;
    for (const w of this.watched.values()) clearTimeout(w.timer);
    this.watched.clear();
  }

  /** A watched task started item `index`: that item now has `timeoutMs` to finish. */
  private progress(taskId: number, index: number): void {
    const w = this.watched.get(taskId);
    if (!w) return;
    clearTimeout(w.timer);
    w.timer = setTimeout(() => this.expire(taskId, index, w), w.ms);
  }

  private expire(taskId: number, index: number, w: Watched): void {
    const worker = w.engine.index;
    this.restart(
      w.engine,
      taskId,
      {
        kind: 'timeout',
        worker,
        taskId,
        message: `item ${index} on worker ${worker} (task ${taskId}) ran longer than its timeoutMs of ${w.ms} ms`,
        hint: `Worker ${worker} was terminated and a fresh one took its place; the other tasks went on. Make the item cheaper or raise timeoutMs; names pushed to the old worker are gone, so push them again before using them there.`,
      },
      `item ${index} (task ${taskId}) ran past its timeoutMs of ${w.ms} ms`,
    );
  }

  /** Pings engines that have been silent with tasks outstanding; stops when none has any. */
  private tick(): void {
    let busy = false;
    const t = now();
    for (const engine of this.run.engines) {
      if (engine.inFlight === 0) continue;
      busy = true;
      if (this.pings.has(engine) || t - engine.heard < SILENCE_MS) continue;
      const n = ++this.nextPing;
      this.pings.set(engine, { n, tasks: engine.outstanding() });
      engine.ping(n);
    }
    if (!busy) {
      clearInterval(this.ticker);
      this.ticker = undefined;
    }
  }

  /**
   * The engine answered a ping. Every message it sent before the pong has arrived, so a
   * task sent before the ping, still unanswered, and not among those it holds, was lost.
   */
  private pong(engine: EngineLink, n: number, pending: number[]): void {
    const ping = this.pings.get(engine);
    if (ping?.n !== n) return;
    this.pings.delete(engine);
    const open = new Set(engine.outstanding());
    const held = new Set(pending);
    const lost = ping.tasks.filter((t) => open.has(t) && !held.has(t));
    const first = lost[0];
    if (first === undefined) return;
    const worker = engine.index;
    this.restart(
      engine,
      first,
      {
        kind: 'crash',
        worker,
        taskId: first,
        message: `worker ${worker} stopped answering: it lost task ${first}${lost.length > 1 ? ` and ${lost.length - 1} more` : ''} (its engine no longer runs what it receives)`,
        hint: `Code that ran on worker ${worker} broke a built-in the engine relies on (Atomics, Promise, MessagePort...). A fresh worker took its place; results received before are kept. Leave the workers' built-ins as they are.`,
      },
      `it lost task ${first}: code it ran broke one of its built-ins`,
    );
  }

  /**
   * Terminates `engine` and connects a fresh one in its place. `culprit` ends with
   * `failure`; the other tasks it held (queued behind the culprit) end as crashed.
   */
  private restart(engine: EngineLink, culprit: number, failure: Failure, why: string): void {
    const worker = engine.index;
    const ended = (taskId: number): SerializedError => {
      const f: Failure =
        taskId === culprit
          ? failure
          : {
              kind: 'crash',
              worker,
              taskId,
              message: `task ${taskId} was waiting on worker ${worker} when the worker was restarted (${why})`,
              hint: 'Run it again: the fresh worker is ready.',
            };
      this.failures.set(taskId, f);
      this.answered(taskId);
      return {
        name: f.kind === 'timeout' ? 'TimeoutError' : 'WorkerCrashedError',
        message: f.message,
        worker,
        taskId,
        hint: f.hint,
      };
    };
    this.pings.delete(engine);
    const channel = new NativeChannel();
    engine.replace(channel.port1, ended);
    this.host.respawn(worker, channel.port2);
    this.run.output({
      source: 'driver',
      level: 'warn',
      text: `Worker ${worker} was restarted: ${why}. The fresh worker has none of the names pushed before.`,
      time: now(),
    });
    engine.ready.then(
      () => this.run.onCapacity(),
      () => undefined,
    );
  }
}

/** The typed error a call fails with when the watch ended its tasks. */
export function failureError(label: string, f: Failure, more: number): Error {
  const message = `${label}: ${f.message}${more > 0 ? ` (and ${more} more task${more === 1 ? '' : 's'})` : ''}`;
  const details = { worker: f.worker, taskId: f.taskId, hint: f.hint };
  return f.kind === 'timeout'
    ? new TimeoutError(message, undefined, details)
    : new WorkerCrashedError(message, details);
}
