/**
 * Owns every worker: the driver and the engines. The main thread creates them and hands
 * the driver a MessagePort to each engine, so Stop can terminate everything at once,
 * whatever the user's code is doing, and start a clean pool for the next run.
 */
import { now } from '../core/clock';
import * as Comlink from 'comlink';
import type {
  DriverApi,
  DriverEvent,
  EngineConnectMessage,
  EngineResetMessage,
  EngineResetReplyMessage,
  EnginesReplyMessage,
  RunOutcome,
  RunRequest,
} from '../protocol/messages';
import { endsTask, forEachTaskRow } from '../protocol/task-rows';
import { LIMITS, validateBatch, validateOutcome } from '../protocol/validate';
import { MEMORY_BUDGET_BYTES, MemoryWatch } from './memory-watch';
import type { OverBudget } from './memory-watch';
import { spawnModuleWorker } from './spawn';
import driverUrl from '../driver/driver.worker.ts?worker&url';
import engineUrl from '../engine/engine.worker.ts?worker&url';

/** Spawns an engine worker. */
function spawnEngine(index: number): Worker {
  return spawnModuleWorker(engineUrl, `engine ${index}`);
}

/** Spawns a driver worker. */
function spawnDriver(): Worker {
  return spawnModuleWorker(driverUrl, 'driver');
}

interface Session {
  driver: Worker;
  api: Comlink.Remote<DriverApi>;
  engines: Worker[];
  events: MessagePort;
  /** Highest batch number received, and a wake-up for whoever waits for the last ones. */
  received: number;
  onBatch: () => void;
  /** True once a malformed message was reported (one warning per run is enough). */
  warned: boolean;
  /** Tasks sent and not yet finished, per engine (to name the engine that ran out of memory). */
  running: number[];
  /** Engines the driver asked for (some of the engines connected in advance may go unused). */
  asked: number;
  /** Runs these workers have had (they are reused while each run leaves them clean). */
  runs: number;
}

/**
 * Runs one set of workers may have: each run's script module stays in the driver's memory
 * (a module cannot be unloaded), so after this many the workers are replaced anyway.
 */
export const MAX_RUNS_PER_WORKERS = 50;
/** How long the workers have to say whether a run left them clean; silent ones are replaced. */
export const RESET_TIMEOUT_MS = 1000;

/** Asks engine `index` to forget its run; resolves to what it kept, if anything. */
function engineDirt(worker: Worker, index: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const onAnswer = (e: MessageEvent<EngineResetReplyMessage | null>) => {
      if (e.data?.type !== 'reset') return;
      worker.removeEventListener('message', onAnswer);
      const dirt = e.data.dirt;
      resolve(typeof dirt === 'string' ? `worker ${index}: ${bounded(dirt)}` : undefined);
    };
    worker.addEventListener('message', onAnswer);
    worker.postMessage({ type: 'reset' } satisfies EngineResetMessage);
  });
}

/** Shortens text from a worker to what the page keeps of one line. */
function bounded(text: string): string {
  return text.length > LIMITS.text ? `${text.slice(0, LIMITS.text - 1)}…` : text;
}

/**
 * Runs scripts on a driver and engines that are as good as fresh each time. After a run
 * that ended on its own, the workers are asked whether the run left anything behind (see
 * src/worker-shared/hygiene.ts): if not, the next run reuses them warm; otherwise (and after
 * Stop, a crash or a worker that does not answer) they are terminated and a fresh set is
 * started at once, before the next Run.
 */
export class WorkerHost {
  private next: Session;
  private current: Session | undefined;
  private spare: Worker[] = [];
  private stopRun: ((outcome: RunOutcome) => void) | undefined;
  private abandonReset: () => void = () => undefined;

  /** Receives each batch of driver events of the current run. */
  onEvents: (events: DriverEvent[]) => void = () => undefined;
  /**
   * Told about an error no task caught (an exception thrown in a timer on a worker, say):
   * the run goes on, and the page shows it as a console line of that worker.
   */
  onWorkerError: (source: 'driver' | number, message: string) => void = () => undefined;

  constructor(private readonly warmEngines = navigator.hardwareConcurrency || 2) {
    this.next = this.prepare();
  }

  /** True while a run is in progress. */
  get busy(): boolean {
    return this.current !== undefined;
  }

  /** Runs a script; resolves when it ends, fails, or is stopped. */
  async run(request: RunRequest): Promise<RunOutcome> {
    if (this.current) throw new Error('a run is already in progress');
    const session = this.next;
    this.current = session;
    const stopped = new Promise<RunOutcome>((resolve) => (this.stopRun = resolve));
    const memory = new MemoryWatch((over) => this.outOfMemory(session, over));
    memory.start();
    let ended = false;
    try {
      const finished = session.api.run(request).then(async (answer) => {
        const outcome = validateOutcome(answer);
        if (!outcome) throw new Error('its answer does not match the protocol');
        // Events travel on their own port: wait for the batches sent before the outcome.
        while (session.received < (outcome.batches ?? 0) && this.current === session) {
          await new Promise<void>((r) => (session.onBatch = r));
        }
        ended = true;
        return outcome;
      });
      return await Promise.race([finished, stopped]);
    } catch (e) {
      const message = e instanceof Error && typeof e.message === 'string' ? e.message : String(e);
      return {
        ok: false,
        error: { name: 'DriverError', message: bounded(`the driver failed: ${message}`) },
        ended: now(),
        workers: session.asked,
      };
    } finally {
      memory.stop();
      if (ended && session.runs + 1 < MAX_RUNS_PER_WORKERS) await this.keepIfClean(session);
      else this.recycle(session);
    }
  }

  /**
   * Keeps `session`'s workers for the next run if none of them kept anything from the run
   * that ended; otherwise (or if Stop came meanwhile) starts fresh ones.
   */
  private async keepIfClean(session: Session): Promise<void> {
    if (this.current !== session) return;
    let dirt: string | undefined;
    try {
      dirt = await this.dirt(session);
    } catch (e) {
      dirt = String(e);
    }
    if (this.current !== session) return;
    if (dirt !== undefined) {
      // For whoever wonders why the next run starts cold (the browser's console).
      console.info(`Fanout: the next run gets fresh workers (${dirt})`);
      this.recycle(session);
      return;
    }
    this.current = undefined;
    this.stopRun = undefined;
    session.received = 0;
    session.warned = false;
    session.running = [];
    session.asked = 0;
    session.runs++;
    this.connectAhead(session, session.engines.length);
    this.next = session;
  }

  /** What the session's workers kept from the run (the first thing found), if anything. */
  private async dirt(session: Session): Promise<string | undefined> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const silent = new Promise<string>((resolve) => {
      timer = setTimeout(() => resolve('a worker did not answer'), RESET_TIMEOUT_MS);
      // Stop meanwhile: the workers are gone and will not answer.
      this.abandonReset = () => resolve('the run was stopped');
    });
    const answers = Promise.all([
      session.api.reset().then((dirt) => (dirt === undefined ? undefined : `driver: ${dirt}`)),
      ...session.engines.map((worker, i) => engineDirt(worker, i)),
    ]).then((all) => all.find((d) => d !== undefined));
    try {
      return await Promise.race([answers, silent]);
    } finally {
      clearTimeout(timer);
      this.abandonReset = () => undefined;
    }
  }

  /** Terminates the running script and every engine at once; the next run gets a fresh pool. */
  stop(): void {
    const session = this.current;
    if (!session) return;
    this.end(session, {
      stopped: true,
      error: {
        name: 'StoppedError',
        message: 'Stopped: the run was ended and its workers were terminated.',
      },
    });
  }

  /** Ends `session`'s run at once (its workers are terminated) with `how` as its outcome. */
  private end(session: Session, how: Pick<RunOutcome, 'error' | 'stopped'>): void {
    if (this.current !== session) return;
    const stopRun = this.stopRun;
    this.recycle(session);
    stopRun?.({
      ok: false,
      ...how,
      ended: now(),
      workers: session.asked,
    });
  }

  /** The workers passed the memory budget: the run ends with a WorkerCrashedError naming one. */
  private outOfMemory(session: Session, over: OverBudget): void {
    const busy = session.running.flatMap((n, i) => (n > 0 ? [i] : []));
    const engine = !over.driver && busy.length === 1 ? busy[0] : undefined;
    const who = over.driver
      ? "the script's own worker"
      : engine !== undefined
        ? `worker ${engine}`
        : busy.length > 1
          ? `one of workers ${busy.join(', ')}`
          : 'a worker';
    const mib = Math.round(over.bytes / 1024 ** 2);
    const budget = Math.round(MEMORY_BUDGET_BYTES / 1024 ** 2);
    this.end(session, {
      error: {
        name: 'WorkerCrashedError',
        message: `${who} ran out of memory: the run's workers used ${mib} MiB, over the budget of ${budget} MiB, so the run was ended`,
        ...(engine !== undefined ? { worker: engine } : {}),
        hint: 'Something grows without bound (an array pushed to in a loop that never ends?). What the run printed and computed before is kept; fix the code and run again.',
      },
    });
  }

  private recycle(session: Session): void {
    if (this.current !== session) return;
    this.current = undefined;
    this.stopRun = undefined;
    this.abandonReset();
    session.driver.terminate();
    for (const e of session.engines) e.terminate();
    session.events.close();
    session.api[Comlink.releaseProxy]();
    this.next = this.prepare();
  }

  /** Reports errors that escaped every task on `worker` instead of letting them vanish. */
  private watch(worker: Worker, source: 'driver' | number): void {
    worker.onerror = (e: ErrorEvent) => {
      e.preventDefault();
      this.onWorkerError(source, bounded(e.message || 'an error escaped the worker'));
    };
    worker.onmessageerror = () => {
      this.onWorkerError(source, 'a message from this worker could not be read');
    };
  }

  /**
   * Answers the driver's request for engines: spawns (or takes warm) workers up to the
   * count asked, never more than {@link LIMITS.workers}, and sends back their ports.
   */
  private grant(session: Session, request: Record<string, unknown>): void {
    const { id, count } = request;
    if (typeof id !== 'number') return;
    const reply = (ports: MessagePort[], error?: string) =>
      session.events.postMessage(
        {
          type: 'engines',
          id,
          ports,
          ...(error !== undefined ? { error } : {}),
        } satisfies EnginesReplyMessage,
        ports,
      );
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 1) {
      reply([], `${String(count)} is not a number of engines`);
      return;
    }
    if (count > LIMITS.workers) {
      reply([], `${count} engines is more than the ${LIMITS.workers} Fanout runs`);
      return;
    }
    session.asked = Math.max(session.asked, count);
    reply(this.connect(session, count));
  }

  /**
   * Connects engines to `session` up to `count` (the ones `kept` from its last run first,
   * then spare ones started in advance, then new ones); returns their driver ports.
   */
  private connect(session: Session, count: number, kept: Worker[] = []): MessagePort[] {
    const ports: MessagePort[] = [];
    while (session.engines.length < count) {
      const index = session.engines.length;
      const worker = kept.shift() ?? this.spare.shift() ?? spawnEngine(index);
      const link = new MessageChannel();
      const connect: EngineConnectMessage = { type: 'connect', worker: index, port: link.port2 };
      this.watch(worker, index);
      worker.postMessage(connect, [link.port2]);
      session.engines.push(worker);
      ports.push(link.port1);
    }
    return ports;
  }

  /**
   * Replaces engine `worker` of the run by a fresh one on the port the driver sent (its task
   * ran past a `timeoutMs`, or it lost tasks): the old worker is terminated, whatever it runs.
   */
  private respawn(session: Session, request: Record<string, unknown>): void {
    const { worker, port } = request;
    if (typeof worker !== 'number' || !(port instanceof MessagePort)) return;
    const old = session.engines[worker];
    if (!old) return;
    old.terminate();
    session.running[worker] = 0;
    const fresh = this.spare.shift() ?? spawnEngine(worker);
    this.watch(fresh, worker);
    const connect: EngineConnectMessage = { type: 'connect', worker, port };
    fresh.postMessage(connect, [port]);
    session.engines[worker] = fresh;
  }

  /** Says once per run, in the page's console and the browser's, that messages were dropped. */
  private warnDropped(session: Session, events: DriverEvent[]): void {
    if (session.warned) return;
    session.warned = true;
    const text =
      "A message from the script that does not match Fanout's protocol was dropped (further ones are dropped silently).";
    console.warn(`Fanout: ${text}`);
    events.push({
      type: 'output',
      line: {
        source: 'driver',
        level: 'warn',
        text,
        time: now(),
      },
    });
  }

  private prepare(): Session {
    while (this.spare.length < this.warmEngines) this.spare.push(spawnEngine(this.spare.length));
    const driver = spawnDriver();
    this.watch(driver, 'driver');
    const api = Comlink.wrap<DriverApi>(driver);
    const channel = new MessageChannel();
    const session: Session = {
      driver,
      api,
      engines: [],
      events: channel.port1,
      received: 0,
      onBatch: () => undefined,
      warned: false,
      running: [],
      asked: 0,
      runs: 0,
    };
    channel.port1.onmessage = (e: MessageEvent<unknown>) => {
      if (this.current !== session) return;
      const data = e.data as { type?: unknown } | null;
      if (data?.type === 'engines') {
        this.grant(session, data);
        return;
      }
      if (data?.type === 'respawn') {
        this.respawn(session, data);
        return;
      }
      const { events, dropped, seq } = validateBatch(data);
      if (seq !== undefined) session.received = Math.max(session.received, seq);
      if (dropped > 0) this.warnDropped(session, events);
      for (const ev of events) {
        if (ev.type === 'task-dispatch') {
          session.running[ev.worker] = (session.running[ev.worker] ?? 0) + 1;
        } else if (ev.type === 'task-end') {
          session.running[ev.record.worker] = (session.running[ev.record.worker] ?? 0) - 1;
        } else if (ev.type === 'task-rows') {
          forEachTaskRow(ev, (kind, _, worker) => {
            session.running[worker] = (session.running[worker] ?? 0) + (endsTask(kind) ? -1 : 1);
          });
        }
      }
      this.onEvents(events);
      session.onBatch();
    };
    api.init(Comlink.transfer(channel.port2, [channel.port2])).catch((e: unknown) => {
      this.onWorkerError('driver', bounded(`the driver did not start: ${String(e)}`));
    });
    this.connectAhead(session, this.warmEngines);
    return session;
  }

  /**
   * Connects `count` engines (started now, or the ones the session keeps) to its driver
   * before Run is pressed, so the run's first task does not wait for workers (an unasked
   * grant: id 0).
   */
  private connectAhead(session: Session, count: number): void {
    const kept = session.engines.splice(0);
    const ports = this.connect(session, count, kept);
    session.events.postMessage(
      { type: 'engines', id: 0, ports } satisfies EnginesReplyMessage,
      ports,
    );
  }
}
