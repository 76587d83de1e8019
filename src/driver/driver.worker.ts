/**
 * The driver: runs the user's script (already emitted to JavaScript) with the parallel API
 * as globals, owns the scheduler, and streams events to the page in batches.
 */
import { Hygiene } from '../worker-shared/hygiene';
import { preventClose } from '../worker-shared/prevent-close';
import * as Comlink from 'comlink';
import type {
  DriverApi,
  EngineRespawnMessage,
  EnginesReplyMessage,
  EnginesRequestMessage,
  HostApi,
  PortLike,
  RunOutcome,
  RunRequest,
} from '../protocol/messages';
import { findUncloneable } from '../core/cloneable';
import { findFreeVariables } from '../core/free-variables';
import { EventBuffer } from './events';
import { LEVELS } from '../worker-shared/console-capture';
import { ownPrototypes } from './own-prototypes';
import { forgetSharedBuffers } from './shared-memory';
import { runScript, SCRIPT_GLOBALS } from './script';

// Before any user code runs (the imported modules have loaded: they look timers and the rest
// up when they call them, and what they took at load time, like engine-watch's
// MessageChannel, is Fanout's own).
const hygiene = new Hygiene(
  (root, key) =>
    // Defined anew for each run (the script's API and the console it prints with), which
    // the next run can do only while each is a plain property it can assign or is gone.
    ((root === globalThis && SCRIPT_GLOBALS.has(key)) ||
      (root === console && (LEVELS as readonly PropertyKey[]).includes(key))) &&
    assignable(root, key),
);

// Taken before user code runs, which may replace it.
const describe = Reflect.getOwnPropertyDescriptor.bind(Reflect);

/** True when `key` of `o` is absent, or a data property that can be assigned and deleted. */
function assignable(o: object, key: PropertyKey): boolean {
  const d = describe(o, key);
  return d === undefined || ('value' in d && d.writable === true && d.configurable === true);
}
let host: EngineHost | undefined;
/** The port event batches go to (each run fills a fresh buffer: its budgets are per run). */
let eventsPort: MessagePort | undefined;
let running = false;

/** The page's side of the engines, and how to forget a run's engines after it. */
interface EngineHost extends HostApi {
  /** Closes the ports handed out so far; the host connects the engines it keeps again. */
  forget(): void;
}

/**
 * Asks the page for engines over the events port and matches its answers by id. The page
 * connects the machine's worth of engines before the run (an unasked answer, id 0): they
 * are handed out first, in order, and only engines beyond them are asked for.
 */
function hostOver(port: MessagePort): EngineHost {
  let nextId = 0;
  const waiting = new Map<number, (reply: EnginesReplyMessage) => void>();
  /** Ports of connected engines not handed out yet, in engine order. */
  let connected: PortLike[] = [];
  /** Ports handed out for the run, closed when it is forgotten. */
  let given: PortLike[] = [];
  let handedOut = 0;
  port.onmessage = (e: MessageEvent<EnginesReplyMessage>) => {
    if (e.data.id === 0) {
      connected.push(...e.data.ports);
      return;
    }
    const resolve = waiting.get(e.data.id);
    waiting.delete(e.data.id);
    resolve?.(e.data);
  };
  const ask = (count: number) =>
    new Promise<PortLike[]>((resolve, reject) => {
      const id = ++nextId;
      waiting.set(id, (reply) => {
        if (reply.error !== undefined) reject(new Error(reply.error));
        else resolve(reply.ports);
      });
      port.postMessage({ type: 'engines', id, count } satisfies EnginesRequestMessage);
    });
  return {
    engines: async (count: number) => {
      // Answers come on the same port after the advance grant, so its ports come first.
      if (handedOut + connected.length < count) connected.push(...(await ask(count)));
      const ports = connected.splice(0, Math.max(0, count - handedOut));
      handedOut += ports.length;
      given.push(...ports);
      return ports;
    },
    forget: () => {
      for (const p of [...given, ...connected]) (p as MessagePort).close();
      given = [];
      connected = [];
      handedOut = 0;
    },
    respawn: (worker: number, engine: PortLike) => {
      const message: EngineRespawnMessage = { type: 'respawn', worker, port: engine };
      port.postMessage(message, [engine as MessagePort]);
    },
  };
}

/**
 * Runs the checks every parallel call makes (the JavaScript parser of the free-variable
 * check, the cloneability walk) once before the run, so the first call of the script does
 * not wait for their code to be compiled (in a fresh driver).
 */
function warmUp(): void {
  try {
    findFreeVariables('function f(x, { y }) { const z = [x, y]; return z.map((v) => v + w); }');
    findUncloneable([1, 'a', { b: [2, new Float64Array(1)] }]);
  } catch {
    // Only a warm-up: the run makes the same checks and reports what fails.
  }
}

const api: DriverApi = {
  init(port: PortLike): void {
    host = hostOver(port as MessagePort);
    eventsPort = port as MessagePort;
    warmUp();
    preventClose('script');
    hygiene.baseline(ownPrototypes());
  },
  async run(request: RunRequest): Promise<RunOutcome> {
    if (!host || !eventsPort) throw new Error('driver: init() must come before run()');
    const events = new EventBuffer(eventsPort);
    hygiene.noteCode(request.js);
    running = true;
    try {
      return await runScript(request, host, events);
    } finally {
      running = false;
    }
  },
  reset(): string | undefined {
    if (running) return 'a run is in progress';
    host?.forget();
    forgetSharedBuffers();
    return hygiene.dirt();
  },
};

Comlink.expose(api);
