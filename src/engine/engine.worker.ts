/**
 * An engine: one Web Worker with its own namespace. It runs functions (sent as source
 * text), code and namespace operations that the driver sends over its MessagePort, stamps
 * each task's start and end on the shared clock, and captures what the task prints.
 */
import { now } from '../core/clock';
import { compileFunction } from '../core/compile-function';
import type { CompiledFunction } from '../core/compile-function';
import { formatArgs } from '../core/inspect';
import type {
  ClaimsMessage,
  EngineConnectMessage,
  EngineOutputMessage,
  EnginePingMessage,
  EnginePongMessage,
  EngineRequest,
  EngineResetMessage,
  EngineResetReplyMessage,
  EngineResponse,
  MapTaskMessage,
  PlotEvent,
  PourBufferMessage,
  PourTarget,
  PullTaskMessage,
  RequestBatchMessage,
  TableEvent,
  TaskFailedMessage,
  TaskProgressMessage,
  TaskReplyMessage,
} from '../protocol/messages';
import { Rng } from '../core/rng';
import { ConsoleCapture } from '../worker-shared/console-capture';
import { callItem, callItems, keepCallSitesGeneric } from './call-item';
import { claim, setClaims } from './claims';
import { installEngineGlobals } from './engine-globals';
import { packNumbers, PourMailbox, pourInto, replyCopy, transferOf } from './pack';
import { FunctionCache } from './function-cache';
import { Namespace } from './namespace';
import { Hygiene } from '../worker-shared/hygiene';
import { ReplyOutbox } from './reply-outbox';
import { postSafely, serializeSafely } from './safe-reply';

// Before any user code runs (the imported modules have loaded: they look timers and the rest
// up when they call them).
const hygiene = new Hygiene((root, key) => root === globalThis && key === 'workerId');
// Taken at start-up: user code may replace it, and the host must still get its answer.
const toHost = self.postMessage.bind(self) as (message: unknown) => void;
let port: MessagePort | undefined;
let worker = -1;
const functions = new Map<number, CompiledFunction>();
/** Functions compiled in earlier runs on this engine (reused warm when shipped again). */
const compiled = new FunctionCache();
let currentIndex = 0;
const output = new ConsoleCapture(-1);
/** Charts and tables drawn by the current task; they travel back with its reply. */
let plots: (PlotEvent | TableEvent)[] = [];
installEngineGlobals(
  () => currentIndex,
  (e) => plots.push({ ...e, source: worker }),
);
// Taken after the engine's own globals exist, so only the user's names count as user names.
const namespace = new Namespace();
/** Gather buffers forwarded to pours in this engine's queue. */
const mailbox = new PourMailbox();

function lookup(fnId: number, source: string | undefined): CompiledFunction {
  let fn = functions.get(fnId);
  if (!fn) {
    if (source === undefined) throw new Error(`engine ${worker} has no function ${fnId}`);
    fn = compiled.get(fnId, source);
    if (!fn) {
      hygiene.noteCode(source);
      fn = compileFunction(source, `fanout-fn-${fnId}.js`);
      compiled.set(fnId, source, fn);
    }
    functions.set(fnId, fn);
  }
  return fn;
}

async function runMap(msg: MapTaskMessage): Promise<unknown[] | Float64Array> {
  const fn = lookup(msg.fnId, msg.source);
  const seqs = msg.seqs;
  const first = seqs[0];
  const length = first ? first.length : 0;
  const out = new Array<unknown>(length);
  for (let i = 0; i < length; i++) {
    currentIndex = msg.index + i;
    if (msg.watch) progress(msg.taskId, currentIndex);
    const r =
      seqs.length === 1
        ? callItem(fn, first![i])
        : callItems(
            fn,
            seqs.map((s) => s[i]),
          );
    // An async item finishes before the next starts, so taskIndex() stays its own after an await.
    out[i] = r instanceof Promise ? await r : r;
  }
  return packNumbers(out);
}

/** Tells the driver that a watched task (its call has a `timeoutMs`) started item `index`. */
function progress(taskId: number, index: number): void {
  outbox.flush();
  postSafely(port!, { type: 'progress', taskId, index } satisfies TaskProgressMessage);
}

/** True for a gather's pour: a pull of one name with a place to write it. */
function isPour(msg: EngineRequest): msg is PullTaskMessage & { into: PourTarget } {
  return msg.type === 'pull' && msg.into !== undefined && msg.names.length === 1;
}

/**
 * A gather's pour (see pack.ts): waits for the gather's buffer unless it came with the
 * request, then writes this engine's part into it. The queue waits too, so the part is the
 * one this engine holds at the gather's place in its queue.
 */
async function pour(msg: PullTaskMessage & { into: PourTarget }): Promise<unknown> {
  const { into } = msg;
  const buffer = into.buffer ?? (await mailbox.take(msg.taskId));
  // A per-item timeout counts from here: the wait was for other engines.
  if (msg.watch) progress(msg.taskId, 0);
  const value = namespace.get(msg.names[0]!);
  return buffer ? pourInto(value, { ...into, buffer }) : [replyCopy(value)];
}

async function runTask(msg: EngineRequest): Promise<unknown> {
  if (msg.watch && msg.type !== 'map' && msg.type !== 'apply' && !isPour(msg)) {
    progress(msg.taskId, 0);
  }
  switch (msg.type) {
    case 'apply': {
      currentIndex = msg.index;
      if (msg.watch) progress(msg.taskId, msg.index);
      return await lookup(msg.fnId, msg.source)(...msg.args);
    }
    case 'map':
      return await runMap(msg);
    case 'execute':
      hygiene.noteCode(msg.code);
      (0, eval)(`${msg.code}\n//# sourceURL=fanout-execute-${msg.taskId}.js`);
      return undefined;
    case 'push':
      for (const [k, v] of Object.entries(msg.values)) namespace.set(k, v);
      for (const [k, { fnId, source }] of Object.entries(msg.functions)) {
        namespace.set(k, lookup(fnId, source));
      }
      return undefined;
    case 'pull':
      if (isPour(msg)) return await pour(msg);
      return msg.names.map((n) => replyCopy(namespace.get(n)));
    case 'clear':
      namespace.clear();
      functions.clear();
      return undefined;
  }
}

/**
 * Runs a task and always answers it: whatever the task broke, the driver hears back. A
 * failure of the engine itself (user code replaced a built-in it relies on) is the
 * task's failure.
 */
async function handle(msg: EngineRequest): Promise<void> {
  try {
    await answer(msg);
  } catch (e) {
    const t = now();
    const error = serializeSafely(e, worker, msg.taskId);
    error.hint ??=
      "The engine could not answer this task: the code it ran may have replaced one of the worker's built-ins.";
    const reply: TaskFailedMessage = {
      type: 'failed',
      taskId: msg.taskId,
      started: t,
      completed: t,
      error,
      stdout: [],
    };
    outbox.reply(reply, [], 0);
  }
}

/** A reply whose value cannot leave the worker becomes the task's failure. */
function unsendable(reply: TaskReplyMessage, e: unknown): TaskFailedMessage {
  const error = serializeSafely(e, worker, reply.taskId);
  error.hint =
    'Return plain data (numbers, strings, arrays, objects, typed arrays); functions and class instances with private state cannot leave a worker.';
  const { taskId, started, completed, stdout, plots: drawn } = reply;
  return {
    type: 'failed',
    taskId,
    started,
    completed,
    error,
    stdout,
    ...(drawn ? { plots: drawn } : {}),
  };
}

const outbox = new ReplyOutbox(
  (message, transfer) => postSafely(port!, message, transfer),
  unsendable,
);

async function answer(msg: EngineRequest): Promise<void> {
  outbox.beforeTask();
  output.begin(msg.taskId);
  plots = [];
  const started = now();
  let reply: TaskReplyMessage;
  try {
    const value = await runTask(msg);
    reply = {
      type: 'done',
      taskId: msg.taskId,
      started,
      completed: now(),
      value,
      stdout: output.take(),
    };
  } catch (e) {
    const error = serializeSafely(e, worker, msg.taskId);
    reply = {
      type: 'failed',
      taskId: msg.taskId,
      started,
      completed: now(),
      error,
      stdout: output.take(),
    };
  }
  // Listing the globals costs tens of microseconds (the worker's global object has hundreds
  // of own properties), so map chunks, the hot path, skip it: they only call a function.
  const names = msg.type === 'map' ? undefined : namespace.changedNames();
  if (names) reply.names = names;
  const drawn = plots;
  plots = [];
  if (drawn.length > 0) reply.plots = drawn;
  const transfer = transferOf(reply.type === 'done' ? reply.value : undefined);
  outbox.reply(reply, transfer, reply.completed - started);
  // A pour's reply carries the gather's buffer, which the next engine waits for: never held.
  if (isPour(msg)) outbox.flush();
}

/** Runs a request unless the driver recalled it (sent it to another engine before it started here). */
function start(request: EngineRequest): Promise<void> | undefined {
  if (claim(request)) return handle(request);
  outbox.skipped();
  return undefined;
}

// Tasks run strictly one after another, in arrival order, even when a function is async.
// Taken at start-up: user code may replace Promise.prototype.then, and the queue must go on.
// No callback below returns a promise: resolving with one would call its (user-replaceable)
// `then`, and the queue would stall there.
const then = Object.getOwnPropertyDescriptor(Promise.prototype, 'then')!.value as (
  onFulfilled?: () => unknown,
  onRejected?: () => unknown,
) => Promise<unknown>;
const call = Reflect.apply;
const settled = Promise.resolve();
/** Tasks received and not yet answered (a null-prototype record: user code cannot break it). */
const pending = Object.create(null) as Record<number, true | undefined>;
/** Requests received and not yet started, from `head` on (indexes, not array methods). */
let queue: (EngineRequest | undefined)[] = [];
let head = 0;
/** Whether a task runs, or the next one is about to start. */
let running = false;

/**
 * Calls `f` once `p` settles, through the `then` taken at start-up. `f` returns nothing and
 * does not throw, so the link neither resolves with a thenable nor rejects.
 */
function after(p: Promise<unknown>, f: () => void): void {
  // eslint-disable-next-line @typescript-eslint/no-floating-promises -- it cannot reject (above)
  call(then, p, [f, f]);
}

/** Queues `request` behind the tasks before it; a task recalled meanwhile is skipped. */
function enqueue(request: EngineRequest): void {
  pending[request.taskId] = true;
  queue[queue.length] = request;
  if (running) return;
  running = true;
  after(settled, next);
}

/** Starts the next queued request, and the one after when it has ended. */
function next(): void {
  if (head === queue.length) {
    queue = [];
    head = 0;
    running = false;
    return;
  }
  const request = queue[head]!;
  queue[head++] = undefined;
  const ended = (): void => {
    delete pending[request.taskId];
    next();
  };
  let task: Promise<void> | undefined;
  try {
    task = start(request);
  } catch {
    task = undefined;
  }
  after(task ?? settled, ended);
}

/**
 * Answers a ping at once with the tasks this engine holds (see EnginePongMessage), after the
 * replies it holds back (so the driver reads them first).
 */
function pong(n: number): void {
  outbox.flush();
  const held: number[] = [];
  for (const id in pending) held[held.length] = Number(id);
  postSafely(port!, { type: 'pong', n, pending: held } satisfies EnginePongMessage);
}

/** Connects the engine to a run's driver (its first run, or a later one that reuses it). */
function connect(message: EngineConnectMessage): void {
  port?.close();
  worker = message.worker;
  (globalThis as Record<string, unknown>).workerId = worker;
  output.setSource(worker);
  port = message.port as MessagePort;
  port.onmessage = (
    e: MessageEvent<
      EngineRequest | RequestBatchMessage | ClaimsMessage | EnginePingMessage | PourBufferMessage
    >,
  ) => {
    const msg = e.data;
    if (msg.type === 'claims') return setClaims(msg.buffer);
    if (msg.type === 'ping') return pong(msg.n);
    if (msg.type === 'pour-buffer') return mailbox.put(msg.taskId, msg.buffer);
    const requests = msg.type === 'batch' ? msg.requests : [msg];
    outbox.received(requests.length);
    for (const request of requests) enqueue(request);
  };
  const ready: EngineResponse = { type: 'ready', worker, globals: [...namespace.knownNames()] };
  postSafely(port, ready);
}

/**
 * Forgets the run that ended (its globals, functions and claim slots) and tells the host
 * what else it kept, if anything: only an engine that kept nothing is reused.
 */
function reset(): void {
  let dirt: string | undefined;
  try {
    dirt = forget();
  } catch (e) {
    dirt = `the engine could not forget the run (${String(e)})`;
  }
  toHost({ type: 'reset', ...(dirt ? { dirt } : {}) } satisfies EngineResetReplyMessage);
}

/** Forgets the run; returns what the engine kept anyway, if anything. */
function forget(): string | undefined {
  const running = Object.keys(pending).length > 0 ? 'a task is still running' : undefined;
  outbox.flush();
  outbox.forgetTimes();
  mailbox.clear();
  namespace.clear();
  functions.clear();
  compiled.keepUnchanged();
  keepCallSitesGeneric();
  setClaims(undefined);
  const left = namespace.userNames();
  const stuck = left.length > 0 ? `the global '${left[0]}' could not be deleted` : undefined;
  // The run's channel is done with: the next run connects with a fresh one.
  port?.close();
  port = undefined;
  currentIndex = 0;
  return running ?? stuck ?? hygiene.dirt();
}

self.onmessage = (event: MessageEvent<EngineConnectMessage | EngineResetMessage>) => {
  if (event.data.type === 'connect') connect(event.data);
  else if (event.data.type === 'reset') reset();
};

// A promise that user code forgot to await, rejected: a console error of this engine.
self.addEventListener('unhandledrejection', (e: PromiseRejectionEvent) => {
  e.preventDefault();
  if (!port) {
    // A promise of a run that has ended: the next run must not share its worker.
    hygiene.taint('a promise of an ended run was rejected');
    return;
  }
  let reason: string;
  try {
    reason = formatArgs([e.reason]);
  } catch {
    reason = 'a value that cannot be printed';
  }
  const message: EngineOutputMessage = {
    type: 'output',
    line: {
      source: worker,
      level: 'error',
      text: `Unhandled rejection (a promise nobody awaited failed): ${reason}`,
      time: now(),
    },
  };
  postSafely(port, message);
});

// Last: what a fresh engine looks like, every module above loaded and its globals defined.
hygiene.baseline({ 'Rng.prototype': Rng.prototype });
