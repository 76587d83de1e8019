import type {
  EngineRequest,
  EngineResponse,
  TaskDoneMessage,
  TaskFailedMessage,
} from '../protocol/messages';

/** A task's reply: its result or its failure. */
export type TaskReply = TaskDoneMessage | TaskFailedMessage;

/**
 * The driver's end of one engine's MessagePort: sends tasks, matches replies, and keeps
 * what the driver knows of the engine's namespace for the free-variable check.
 */
export class EngineLink {
  /** Resolves once the engine has said which globals it offers. */
  readonly ready: Promise<void>;
  /** Globals the engine offers before user code (Math, fetch, print, workerId...). */
  baseline: ReadonlySet<string> = new Set();
  /** Names the user defined on this engine, as far as the driver knows. */
  readonly names = new Set<string>();
  /** Tasks sent and not yet answered. */
  inFlight = 0;
  private readonly sentFunctions = new Set<number>();
  private readonly waiting = new Map<number, (reply: TaskReply) => void>();

  constructor(
    readonly index: number,
    private readonly port: MessagePort,
  ) {
    let markReady!: () => void;
    this.ready = new Promise((r) => (markReady = r));
    port.onmessage = (e: MessageEvent<EngineResponse>) => {
      const msg = e.data;
      if (msg.type === 'ready') {
        this.baseline = new Set(msg.globals);
        markReady();
        return;
      }
      if (msg.names) {
        this.names.clear();
        for (const n of msg.names) this.names.add(n);
      }
      const resolve = this.waiting.get(msg.taskId);
      if (!resolve) return;
      this.waiting.delete(msg.taskId);
      this.inFlight--;
      resolve(msg);
    };
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
   * Posts a task; resolves with the engine's reply. Data that cannot be copied to a worker
   * (postMessage throws) resolves at once as a failed task, so the call ends with a message
   * instead of waiting forever.
   */
  send(request: EngineRequest, transfer: Transferable[] = []): Promise<TaskReply> {
    this.inFlight++;
    return new Promise<TaskReply>((resolve) => {
      this.waiting.set(request.taskId, resolve);
      try {
        this.port.postMessage(request, transfer);
      } catch (e) {
        this.waiting.delete(request.taskId);
        this.inFlight--;
        if ('source' in request && request.source !== undefined) {
          this.sentFunctions.delete(request.fnId);
        }
        const t = performance.timeOrigin + performance.now();
        resolve({
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
    });
  }
}
