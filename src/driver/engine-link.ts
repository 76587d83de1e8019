import { now } from '../core/clock';
import type {
  EngineOutputMessage,
  EnginePingMessage,
  PourBufferMessage,
  EnginePongMessage,
  EngineRequest,
  EngineResponse,
  SerializedError,
  TaskProgressMessage,
  ReplyBatchMessage,
  RequestBatchMessage,
  TaskDoneMessage,
  TaskFailedMessage,
} from '../protocol/messages';
import { ClaimSlots } from './claims';

/** The driver took a queued task back before the engine started it (see {@link EngineLink.recall}). */
export interface TaskRecalled {
  type: 'recalled';
  taskId: number;
}

/** A task's reply: its result or its failure, or word that it was recalled. */
export type TaskReply = TaskDoneMessage | TaskFailedMessage | TaskRecalled;

/**
 * The driver's end of one engine's MessagePort: sends tasks, matches replies, and keeps
 * what the driver knows of the engine's namespace for the free-variable check.
 */
export class EngineLink {
  /** Resolves once the engine has said which globals it offers. */
  ready!: Promise<void>;
  /** Globals the engine offers before user code (Math, fetch, print, workerId...). */
  baseline: ReadonlySet<string> = new Set();
  /** Names the user defined on this engine, as far as the driver knows. */
  readonly names = new Set<string>();
  /**
   * The typed array parts a scatter left here (not shared memory), by name: type and length.
   * A gather of such a name pours the parts into one buffer (see gather-into.ts); the engine
   * checks the part is still what was sent, so user code changing it costs only the speed.
   */
  readonly parts = new Map<string, { type: string; length: number }>();
  /** Tasks sent and not yet answered. */
  inFlight = 0;
  /** When the engine last said anything (a reply, progress, a pong), on the shared clock. */
  heard = now();
  /** Told when a watched task starts an item, and when the engine answers a ping. */
  onProgress: (taskId: number, index: number) => void = () => undefined;
  onPong: (n: number, pending: number[]) => void = () => undefined;
  /** Told about a line the engine printed outside any task (an unhandled rejection). */
  onOutput: (line: unknown) => void = () => undefined;
  private readonly sentFunctions = new Set<number>();
  /**
   * Tasks sent and not answered, oldest first, with the function whose source each carried
   * (a recalled task's source must be sent again with the next task that needs it).
   */
  private readonly order: { taskId: number; source: number | undefined }[] = [];
  private readonly waiting = new Map<number, (reply: TaskReply) => void>();
  /** Claim slots shared with the engine, when the page is cross-origin isolated. */
  private claims: ClaimSlots | undefined;
  private port!: MessagePort;
  /**
   * Requests sent during the current turn of the event loop, posted together at its end
   * (one message instead of one per task: see {@link RequestBatchMessage}).
   */
  private outbox: { request: EngineRequest; transfer: Transferable[] }[] = [];

  constructor(
    readonly index: number,
    port: MessagePort,
  ) {
    this.attach(port);
  }

  /** Talks to the engine on `port` from now on (a new engine, or the fresh one of a restart). */
  private attach(port: MessagePort): void {
    this.port = port;
    this.claims = ClaimSlots.create();
    let markReady!: () => void;
    this.ready = new Promise((r) => (markReady = r));
    if (this.claims) port.postMessage(this.claims.message());
    port.onmessage = (
      e: MessageEvent<
        | EngineResponse
        | ReplyBatchMessage
        | EngineOutputMessage
        | EnginePongMessage
        | TaskProgressMessage
      >,
    ) => {
      const msg = e.data;
      this.heard = now();
      if (msg.type === 'progress') this.onProgress(msg.taskId, msg.index);
      else if (msg.type === 'pong') this.onPong(msg.n, msg.pending);
      else if (msg.type === 'output') this.onOutput(msg.line);
      else if (msg.type === 'ready') {
        this.baseline = new Set(msg.globals);
        markReady();
      } else if (msg.type === 'replies') {
        if (Array.isArray(msg.replies)) for (const reply of msg.replies) this.settle(reply);
      } else this.settle(msg);
    };
  }

  /** Resolves the task a reply answers. */
  private settle(msg: TaskDoneMessage | TaskFailedMessage): void {
    if (msg.names) {
      this.names.clear();
      for (const n of msg.names) this.names.add(n);
      for (const n of this.parts.keys()) if (!this.names.has(n)) this.parts.delete(n);
    }
    const resolve = this.waiting.get(msg.taskId);
    if (!resolve) return;
    this.forget(msg.taskId);
    resolve(msg);
  }

  /** Drops a task that is no longer outstanding (answered, or never sent). */
  private forget(taskId: number): void {
    this.waiting.delete(taskId);
    this.claims?.release(taskId);
    this.inFlight--;
    // Engines answer in order, so the task is almost always the oldest.
    if (this.order[0]?.taskId === taskId) {
      this.order.shift();
      return;
    }
    const i = this.order.findIndex((o) => o.taskId === taskId);
    if (i >= 0) this.order.splice(i, 1);
  }

  /** Tasks sent to this engine and not answered yet, oldest first. */
  outstanding(): number[] {
    return this.order.map((o) => o.taskId);
  }

  /** Asks the engine which tasks it holds; the answer comes to {@link onPong}. */
  ping(n: number): void {
    this.port.postMessage({ type: 'ping', n } satisfies EnginePingMessage);
  }

  /** Hands a gather's buffer to a pour waiting in the engine's queue (see gather-into.ts). */
  forward(message: PourBufferMessage): void {
    this.port.postMessage(message, message.buffer ? [message.buffer] : []);
  }

  /**
   * Gives up on the engine (it is being terminated): every task waiting on it ends as failed
   * with `error(taskId)`, and the link talks to a fresh engine on `port` from now on, with
   * nothing defined (pushed names and compiled functions were the old engine's).
   */
  replace(port: MessagePort, error: (taskId: number) => SerializedError): void {
    const waiting = [...this.waiting];
    this.waiting.clear();
    this.order.length = 0;
    this.outbox = [];
    this.inFlight = 0;
    this.port.onmessage = null;
    this.port.close();
    this.names.clear();
    this.parts.clear();
    this.sentFunctions.clear();
    this.attach(port);
    const t = now();
    for (const [taskId, resolve] of waiting) {
      resolve({
        type: 'failed',
        taskId,
        started: t,
        completed: t,
        stdout: [],
        error: error(taskId),
      });
    }
  }

  /** True when tasks sent with `recallable` can be taken back before they start. */
  get canRecall(): boolean {
    return this.claims !== undefined;
  }

  /**
   * The task this engine would give up: the newest one outstanding, when it is recallable
   * and not started (so no later task relies on a function source it carried). After a
   * recall, the next newest is the one to give up.
   */
  queuedTask(): number | undefined {
    const last = this.order.at(-1);
    return last && this.claims?.isQueued(last.taskId) ? last.taskId : undefined;
  }

  /**
   * Takes back a queued task the engine has not started; its pending reply resolves as
   * 'recalled' and the engine will skip it. False when the engine started it already.
   */
  recall(taskId: number): boolean {
    const last = this.order.at(-1);
    if (last?.taskId !== taskId || !this.claims?.recall(taskId)) return false;
    const resolve = this.waiting.get(taskId);
    this.forget(taskId);
    // The newest task is the one recalled, so no later task relied on its function source.
    if (last.source !== undefined) this.sentFunctions.delete(last.source);
    resolve?.({ type: 'recalled', taskId });
    return true;
  }

  /** True when `name` exists on the engine (built in, or defined by the user). */
  has(name: string): boolean {
    return this.baseline.has(name) || this.names.has(name);
  }

  /** True the first time a function id is sent here (its source must go with it). */
  needsSource(fnId: number): boolean {
    if (this.sentFunctions.has(fnId)) return false;
    this.sentFunctions.add(fnId);
    return true;
  }

  /** Forgets compiled functions (after `clear`). */
  forgetFunctions(): void {
    this.sentFunctions.clear();
  }

  /**
   * Sends a task; `onReply` gets the engine's reply (or word that the task was recalled).
   * Tasks sent in the same turn of the event loop travel in one message. Data that cannot
   * be copied to a worker (postMessage throws) is answered as a failed task, so the call
   * ends with a message instead of waiting forever.
   */
  send(
    request: EngineRequest,
    transfer: Transferable[],
    recallable: boolean,
    onReply: (reply: TaskReply) => void,
  ): void {
    this.inFlight++;
    const carries = 'source' in request && request.source !== undefined;
    this.order.push({ taskId: request.taskId, source: carries ? request.fnId : undefined });
    if (recallable && this.claims && (request.type === 'map' || request.type === 'apply')) {
      request.slot = this.claims.queue(request.taskId);
    }
    this.waiting.set(request.taskId, onReply);
    if (this.outbox.length === 0) queueMicrotask(() => this.flush());
    this.outbox.push({ request, transfer });
  }

  /** Posts the queued requests: one message, or one each when the batch cannot be sent. */
  private flush(): void {
    const outbox = this.outbox;
    this.outbox = [];
    if (outbox.length > 1) {
      const batch: RequestBatchMessage = {
        type: 'batch',
        requests: outbox.map((o) => o.request),
      };
      try {
        this.port.postMessage(
          batch,
          outbox.flatMap((o) => o.transfer),
        );
        return;
      } catch {
        // Some task's data cannot be copied: send them one by one, and fail only that one.
      }
    }
    for (const { request, transfer } of outbox) this.postOne(request, transfer);
  }

  private postOne(request: EngineRequest, transfer: Transferable[]): void {
    try {
      this.port.postMessage(request, transfer);
    } catch (e) {
      const resolve = this.waiting.get(request.taskId);
      this.forget(request.taskId);
      if ('source' in request && request.source !== undefined) {
        this.sentFunctions.delete(request.fnId);
      }
      const t = now();
      resolve?.({
        type: 'failed',
        taskId: request.taskId,
        started: t,
        completed: t,
        stdout: [],
        error: {
          name: 'DataCloneError',
          message: `the task's data cannot be sent to worker ${this.index}: ${(e as Error).message}`,
          worker: this.index,
          taskId: request.taskId,
          hint: 'Workers receive copies of plain data: numbers, strings, arrays, plain objects, typed arrays, Maps and Sets. Functions, symbols and DOM objects cannot be copied.',
        },
      });
    }
  }
}
