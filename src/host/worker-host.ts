/**
 * Owns every worker: the driver and the engines. The main thread creates them and hands
 * the driver a MessagePort to each engine, so Stop can terminate everything at once,
 * whatever the user's code is doing, and start a clean pool for the next run.
 */
import * as Comlink from 'comlink';
import type {
  DriverApi,
  DriverEvent,
  DriverEventBatch,
  EngineConnectMessage,
  HostApi,
  RunOutcome,
  RunRequest,
} from '../protocol/messages';

/** Spawns an engine worker. */
function spawnEngine(index: number): Worker {
  return new Worker(new URL('../engine/engine.worker.ts', import.meta.url), {
    type: 'module',
    name: `engine ${index}`,
  });
}

/** Spawns a driver worker. */
function spawnDriver(): Worker {
  return new Worker(new URL('../driver/driver.worker.ts', import.meta.url), {
    type: 'module',
    name: 'driver',
  });
}

interface Session {
  driver: Worker;
  api: Comlink.Remote<DriverApi>;
  engines: Worker[];
  events: MessagePort;
  /** Event batches received, and a wake-up for whoever waits for the last ones. */
  received: number;
  onBatch: () => void;
}

/** Runs scripts on a fresh driver and fresh engines each time, keeping the next set warm. */
export class WorkerHost {
  private next: Session;
  private current: Session | undefined;
  private spare: Worker[] = [];
  private stopRun: ((outcome: RunOutcome) => void) | undefined;

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
    try {
      const finished = session.api.run(request).then(async (outcome) => {
        // Events travel on their own port: wait for the batches sent before the outcome.
        while (session.received < (outcome.batches ?? 0) && this.current === session) {
          await new Promise<void>((r) => (session.onBatch = r));
        }
        return outcome;
      });
      return await Promise.race([finished, stopped]);
    } catch (e) {
      const err = e as Error;
      return {
        ok: false,
        error: { name: err.name || 'Error', message: `the driver failed: ${err.message}` },
        ended: performance.timeOrigin + performance.now(),
        workers: session.engines.length,
      };
    } finally {
      this.recycle(session);
    }
  }

  /** Terminates the running script and every engine at once; the next run gets a fresh pool. */
  stop(): void {
    const session = this.current;
    if (!session) return;
    const stopRun = this.stopRun;
    this.recycle(session);
    stopRun?.({
      ok: false,
      stopped: true,
      error: {
        name: 'StoppedError',
        message: 'Stopped: the run was ended and its workers were terminated.',
      },
      ended: performance.timeOrigin + performance.now(),
      workers: session.engines.length,
    });
  }

  private recycle(session: Session): void {
    if (this.current !== session) return;
    this.current = undefined;
    this.stopRun = undefined;
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
      this.onWorkerError(source, e.message || 'an error escaped the worker');
    };
    worker.onmessageerror = () => {
      this.onWorkerError(source, 'a message from this worker could not be read');
    };
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
    };
    channel.port1.onmessage = (e: MessageEvent<DriverEventBatch>) => {
      if (this.current !== session) return;
      session.received++;
      this.onEvents(e.data.events);
      session.onBatch();
    };
    const host: HostApi = {
      engines: async (count: number) => {
        const ports: MessagePort[] = [];
        while (session.engines.length < count) {
          const index = session.engines.length;
          const worker = this.spare.shift() ?? spawnEngine(index);
          const link = new MessageChannel();
          const connect: EngineConnectMessage = {
            type: 'connect',
            worker: index,
            port: link.port2,
          };
          this.watch(worker, index);
          worker.postMessage(connect, [link.port2]);
          session.engines.push(worker);
          ports.push(link.port1);
        }
        return Comlink.transfer(ports, ports);
      },
    };
    void api.init(Comlink.proxy(host), Comlink.transfer(channel.port2, [channel.port2]));
    return session;
  }
}
