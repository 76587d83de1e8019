/**
 * Test helpers: small in-process engines standing in for the engine workers (same wire
 * format; each has its own namespace object), wired to a Runtime over real MessagePorts.
 */
import type {
  PourBufferMessage,
  PourTarget,
  DriverEvent,
  DriverEventBatch,
  EnginePingMessage,
  RequestBatchMessage,
  EngineRequest,
  EngineResponse,
  HostApi,
  PortLike,
} from '../protocol/messages';
import type { Cluster } from './cluster';
import { now } from '../core/clock';
import { compileFunction } from '../core/compile-function';
import { createEntryPoints } from './cluster';
import { EventBuffer } from './events';
import { Runtime } from './runtime';
import { ScriptSource } from './source-map';
import { unpackTaskRows } from '../protocol/task-rows';

const ports: MessagePort[] = [];

/** A fake engine's state: its namespace, compiled functions and the item it is on. */
interface FakeState {
  ns: Record<string, unknown>;
  fn: (id: number, source?: string) => (...a: unknown[]) => unknown;
  current: number;
  /** Gather buffers forwarded to pours, and the pours waiting for theirs. */
  pours: {
    take: (taskId: number) => Promise<ArrayBuffer | undefined>;
    put: (taskId: number, buffer: ArrayBuffer | undefined) => void;
  };
}

/** A namespace and a function cache; functions compile with the engines' own compiler. */
function fakeState(worker: number): FakeState {
  const state: FakeState = {
    ns: { workerId: worker, taskIndex: () => state.current },
    current: 0,
    pours: fakeMailbox(),
    fn: (id, source) => {
      if (source !== undefined && !fns.has(id)) fns.set(id, compile(source));
      return fns.get(id)!;
    },
  };
  const fns = new Map<number, (...a: unknown[]) => unknown>();
  // Engines here share one thread: each evaluates in its own namespace object instead of
  // the global scope.
  const inNamespace = (0, eval)('(ns) => (code) => { with (ns) { return eval(code); } }') as (
    ns: object,
  ) => (code: string) => unknown;
  const compile = (source: string) => compileFunction(source, undefined, inNamespace(state.ns));
  return state;
}

/** Whichever comes first, a forwarded buffer or the pour taking it, waits for the other. */
function fakeMailbox(): FakeState['pours'] {
  const arrived = new Map<number, ArrayBuffer | undefined>();
  const waiting = new Map<number, (b: ArrayBuffer | undefined) => void>();
  return {
    take: (taskId) =>
      arrived.has(taskId)
        ? Promise.resolve(arrived.get(taskId))
        : new Promise((resolve) => waiting.set(taskId, resolve)),
    put: (taskId, buffer) => {
      const wake = waiting.get(taskId);
      if (wake) wake(buffer);
      else arrived.set(taskId, buffer);
    },
  };
}

/** Carries out one request in `state` (a promise for a map of async functions). */
function runRequest(state: FakeState, m: EngineRequest): unknown {
  const { ns, fn } = state;
  switch (m.type) {
    case 'apply':
      state.current = m.index;
      return fn(m.fnId, m.source)(...m.args);
    case 'map': {
      const f = fn(m.fnId, m.source);
      return Promise.all(
        Array.from(m.seqs[0]!, (x, i) => {
          state.current = m.index + i;
          return f(x, ...m.seqs.slice(1).map((s) => s[i]));
        }),
      );
    }
    case 'push':
      Object.assign(ns, m.values);
      for (const [k, f] of Object.entries(m.functions)) ns[k] = fn(f.fnId, f.source);
      return undefined;
    case 'pull':
      return m.into
        ? fakePour(state, m.taskId, ns[m.names[0]!], m.into)
        : m.names.map((n) => ns[n]);
    case 'execute':
    case 'clear':
      return undefined;
  }
}

/** A pour as the engine answers it (engine/pack.ts): the part written, or the value beside. */
async function fakePour(
  state: FakeState,
  taskId: number,
  value: unknown,
  into: PourTarget,
): Promise<unknown[]> {
  const buffer = into.buffer ?? (await state.pours.take(taskId));
  if (!buffer) return [value];
  const ctor = (globalThis as unknown as Record<string, Float64ArrayConstructor>)[into.type]!;
  const region = new Uint8Array(buffer, into.byteOffset, into.length * ctor.BYTES_PER_ELEMENT);
  if (!(value instanceof ctor) || value.length !== into.length) return [region, value];
  new ctor(buffer, into.byteOffset, into.length).set(value);
  return [region];
}

/** An engine in this thread: evaluates functions against its own namespace object. */
function fakeEngine(port: MessagePort, worker: number): void {
  const state = fakeState(worker);
  // Tasks received and not answered; an engine whose namespace has `dropTasks` loses them
  // (as a real engine does when user code broke its built-ins). Async results are awaited.
  const pending = new Set<number>();
  const answer = async (m: EngineRequest): Promise<void> => {
    if (m.watch)
      port.postMessage({ type: 'progress', taskId: m.taskId, index: 'index' in m ? m.index : 0 });
    const started = now();
    let reply: EngineResponse;
    try {
      const value: unknown = await runRequest(state, m);
      reply = { type: 'done', taskId: m.taskId, started, completed: now(), value, stdout: [] };
    } catch (err) {
      const error = { name: (err as Error).name, message: (err as Error).message, worker };
      reply = { type: 'failed', taskId: m.taskId, started, completed: now(), error, stdout: [] };
    }
    // Replies come back a moment later, as from another thread.
    setTimeout(() => {
      pending.delete(m.taskId);
      port.postMessage(reply);
    }, 1);
  };
  port.onmessage = (
    e: MessageEvent<EngineRequest | RequestBatchMessage | EnginePingMessage | PourBufferMessage>,
  ) => {
    const m = e.data;
    if (m.type === 'pour-buffer') {
      state.pours.put(m.taskId, m.buffer);
      return;
    }
    if (m.type === 'ping') {
      port.postMessage({ type: 'pong', n: m.n, pending: [...pending] });
      return;
    }
    if (state.ns.dropTasks) return;
    for (const request of m.type === 'batch' ? m.requests : [m]) {
      pending.add(request.taskId);
      answer(request).catch(() => undefined);
    }
  };
  port.postMessage({
    type: 'ready',
    worker,
    globals: [...Object.getOwnPropertyNames(globalThis), 'workerId', 'taskIndex'],
  });
}

/** A runtime with `n` fake engines and the script globals it would install. */
export async function setUp(n: number, defaultWorkers: number | 'auto' = n) {
  const events = new MessageChannel();
  const batches: DriverEventBatch[] = [];
  events.port2.onmessage = (e: MessageEvent<DriverEventBatch>) => batches.push(e.data);
  ports.push(events.port1, events.port2);
  let made = 0;
  const respawned: number[] = [];
  const host: HostApi = {
    engines: (count: number): Promise<PortLike[]> => {
      const out: MessagePort[] = [];
      for (; made < count; made++) {
        const ch = new MessageChannel();
        ports.push(ch.port1, ch.port2);
        fakeEngine(ch.port2, made);
        out.push(ch.port1);
      }
      return Promise.resolve(out);
    },
    respawn: (worker: number, port: PortLike) => {
      respawned.push(worker);
      fakeEngine(port as MessagePort, worker);
    },
  };
  const buffer = new EventBuffer(events.port1);
  const rt = new Runtime(
    buffer,
    new ScriptSource('', 'blob:test', undefined),
    host,
    defaultWorkers,
    n,
  );
  const api = createEntryPoints(rt);
  await rt.ensureEngines(n);
  const c: Cluster = await api.cluster({ workers: n });
  return { rt, c, pool: api.pool, buffer, batches, respawned };
}

/** The events of `batches` in order, packed task events unpacked (protocol/task-rows.ts). */
export function eventsOf(batches: DriverEventBatch[]): DriverEvent[] {
  return batches
    .flatMap((b) => b.events)
    .flatMap((e) => (e.type === 'task-rows' ? unpackTaskRows(e) : [e]));
}

/** Closes every port the helpers opened (call it after each test). */
export function closePorts(): void {
  for (const p of ports.splice(0)) p.close();
}
