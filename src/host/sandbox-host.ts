/**
 * Runs scripts in a run sandbox: a sandboxed frame (sandbox.html, an opaque origin) that
 * hosts the driver and engines. The browser gives such a frame a process of its own, so a
 * worker that exhausts memory, which ends its whole process, ends the frame and not the
 * page: the page notices the frame's beats stopped, ends the run with a WorkerCrashedError,
 * keeps everything it received, and makes a fresh frame for the next run.
 *
 * Where the frame cannot start (a host that does not let it load the app's scripts, or a
 * frame less isolated than the page), the page runs its workers itself, as before.
 */
import { now } from '../core/clock';
import type { DriverEvent, RunOutcome, RunRequest } from '../protocol/messages';
import { endsTask, forEachTaskRow } from '../protocol/task-rows';
import { LIMITS, validateBatch, validateOutcome } from '../protocol/validate';
import { BEAT_MS, CONNECT } from './sandbox-protocol';
import type { FromSandbox, ToSandbox } from './sandbox-protocol';
import { WorkerHost } from './worker-host';

/** How long the frame may take to say it is ready before the page runs workers itself, ms. */
const READY_TIMEOUT_MS = 5_000;
/**
 * How long after the frame's load it may take to say it is ready, ms: its script has run by
 * then, so a frame that loaded and is silent was refused its script (CORS, CSP, a 404).
 */
const AFTER_LOAD_MS = 1_000;
/** Silence after which the page asks the frame whether it is there, ms. */
const SILENCE_MS = 3_000;
/** How long the frame has to answer that question before it is taken for dead, ms. */
const ANSWER_MS = 2_000;

/**
 * True when the script uses the GPU. WebGPU needs a secure context, and the workers the
 * sandbox starts (from blob: URLs of an opaque origin) are not one, so such a script runs in
 * the page's own workers. A mention of `gpu` anywhere (even in a comment) is enough: running
 * in the page is always correct, only less contained.
 */
export function wantsGpu(js: string): boolean {
  return /\bgpu\b/.test(js);
}

/** What runs the page's scripts: the run sandbox, or workers of the page's own. */
export interface Host {
  readonly busy: boolean;
  run(request: RunRequest): Promise<RunOutcome>;
  stop(): void;
  onEvents: (events: DriverEvent[]) => void;
  onWorkerError: (source: 'driver' | number, message: string) => void;
}

/** A run under way in the frame. */
interface Pending {
  id: number;
  resolve: (outcome: RunOutcome) => void;
  /** The engine of each task dispatched and not yet ended (to name the one that crashed). */
  running: Map<number, number>;
  workers: number;
}

/** Runs scripts in the run sandbox, or in the page where the sandbox cannot start. */
export class SandboxHost implements Host {
  private frame: Frame | undefined;
  private local: WorkerHost | undefined;
  private pending: Pending | undefined;
  private nextId = 0;
  /** Says once per frame that the frame sent something that does not fit the protocol. */
  private warned = false;

  onEvents: (events: DriverEvent[]) => void = () => undefined;
  onWorkerError: (source: 'driver' | number, message: string) => void = () => undefined;

  /** Starts the frame (or, with `sandboxed` false, the page's own workers) at once. */
  constructor(sandboxed = true) {
    if (sandboxed) this.frame = this.openFrame();
    else this.useLocal('the run sandbox is switched off');
  }

  get busy(): boolean {
    return this.pending !== undefined || (this.local?.busy ?? false);
  }

  async run(request: RunRequest): Promise<RunOutcome> {
    if (this.busy) throw new Error('a run is already in progress');
    const frame = this.frame;
    if (frame && !(await frame.started)) this.useLocal(frame.failure);
    if (!this.frame || wantsGpu(request.js)) return this.pageHost().run(request);
    const sandbox = this.frame;
    return new Promise<RunOutcome>((resolve) => {
      const id = ++this.nextId;
      this.pending = { id, resolve, running: new Map(), workers: 0 };
      sandbox.send({ type: 'run', id, request });
    });
  }

  stop(): void {
    this.local?.stop();
    const p = this.pending;
    if (!p) return;
    this.frame?.send({ type: 'stop', id: p.id });
    this.settle({
      ok: false,
      stopped: true,
      error: {
        name: 'StoppedError',
        message: 'Stopped: the run was ended and its workers were terminated.',
      },
      ended: now(),
      workers: p.workers,
    });
  }

  private settle(outcome: RunOutcome): void {
    const p = this.pending;
    this.pending = undefined;
    p?.resolve(outcome);
  }

  /** Gives up the sandbox: from now on runs use the page's own workers. */
  private useLocal(why: string): void {
    this.frame?.close();
    this.frame = undefined;
    console.info(`Fanout: workers run in the page (${why}); a worker out of memory ends the tab.`);
    this.pageHost();
  }

  /** The page's own workers, started on first use (warm from then on). */
  private pageHost(): WorkerHost {
    if (this.local) return this.local;
    const local = new WorkerHost();
    local.onEvents = (events) => this.onEvents(events);
    local.onWorkerError = (source, message) => this.onWorkerError(source, message);
    this.local = local;
    return local;
  }

  private openFrame(): Frame {
    const frame = new Frame(
      (m) => this.receive(frame, m),
      () => this.crashed(frame),
    );
    this.warned = false;
    return frame;
  }

  /** Handles a message from `frame` (ignored once the frame was replaced). */
  private receive(frame: Frame, m: unknown): void {
    if (frame !== this.frame || typeof m !== 'object' || m === null) return;
    const msg = m as Partial<FromSandbox> & Record<string, unknown>;
    const p = this.pending;
    if (msg.type === 'events') {
      const { events, dropped } = validateBatch(m);
      if (dropped > 0) this.warnDropped();
      if (p) this.count(p, events);
      this.onEvents(events);
    } else if (msg.type === 'outcome') {
      if (!p || msg.id !== p.id) return;
      const outcome = validateOutcome(msg.outcome);
      this.settle(
        outcome ?? {
          ok: false,
          error: { name: 'DriverError', message: "the run's answer does not match the protocol" },
          ended: now(),
          workers: p.workers,
        },
      );
    } else if (msg.type === 'worker-error') {
      const source = msg.source === 'driver' ? 'driver' : msg.source;
      const text = typeof msg.message === 'string' ? msg.message.slice(0, LIMITS.text) : '';
      if (source === 'driver' || (typeof source === 'number' && Number.isInteger(source)))
        this.onWorkerError(source, text || 'an error escaped the worker');
    }
  }

  /** Keeps count of each engine's tasks in flight, to name the one that was running. */
  private count(p: Pending, events: readonly DriverEvent[]): void {
    for (const e of events) {
      // A task recalled from one engine's queue is dispatched again to another.
      if (e.type === 'task-dispatch') p.running.set(e.taskId, e.worker);
      else if (e.type === 'task-end') p.running.delete(e.record.taskId);
      else if (e.type === 'task-rows') {
        forEachTaskRow(e, (kind, taskId, worker) => {
          if (endsTask(kind)) p.running.delete(taskId);
          else p.running.set(taskId, worker);
        });
      } else if (e.type === 'cluster') p.workers = Math.max(p.workers, e.workers);
    }
  }

  private warnDropped(): void {
    if (this.warned) return;
    this.warned = true;
    const text =
      "A message from the run sandbox that does not match Fanout's protocol was dropped (further ones are dropped silently).";
    console.warn(`Fanout: ${text}`);
    this.onEvents([
      { type: 'output', line: { source: 'driver', level: 'warn', text, time: now() } },
    ]);
  }

  /** The frame stopped answering: its process ended. Ends the run and starts a new frame. */
  private crashed(frame: Frame): void {
    if (frame !== this.frame) return;
    frame.close();
    this.frame = this.openFrame();
    const p = this.pending;
    if (!p) return;
    const busy = [...new Set(p.running.values())].sort((a, b) => a - b);
    const engine = busy.length === 1 ? busy[0] : undefined;
    const who =
      engine !== undefined
        ? `worker ${engine}`
        : busy.length > 1
          ? `one of workers ${busy.join(', ')}`
          : "the script's own worker";
    this.settle({
      ok: false,
      error: {
        name: 'WorkerCrashedError',
        message: `the run's workers stopped: their process ended while ${who} was computing (most likely out of memory)`,
        ...(engine !== undefined ? { worker: engine } : {}),
        hint: 'Something grows without bound (an array pushed to in a loop that never ends?). What the run printed and computed before is kept, and the next Run starts fresh workers; fix the code and run again.',
      },
      ended: now(),
      workers: p.workers,
    });
  }
}

/**
 * One sandbox frame: loads sandbox.html hidden in the page, hands it a port, and watches
 * its beats. `started` says whether it became ready (and as isolated as the page).
 */
class Frame {
  readonly element: HTMLIFrameElement;
  readonly started: Promise<boolean>;
  ready = false;
  failure = 'the run sandbox did not start';
  private readonly port: MessagePort;
  private heard = now();
  private asked: number | undefined;
  private readonly watch: ReturnType<typeof setInterval>;

  constructor(onMessage: (m: unknown) => void, onDead: () => void) {
    const channel = new MessageChannel();
    this.port = channel.port1;
    const element = document.createElement('iframe');
    element.src = new URL('sandbox.html', document.baseURI).href;
    // No allow-same-origin: an opaque origin is what puts the frame in a process of its own.
    element.sandbox.value = 'allow-scripts';
    // Shared memory and WebGPU are delegated to it: its opaque origin gets neither by default.
    element.allow = 'cross-origin-isolated; webgpu';
    element.title = 'Fanout run sandbox (hosts the workers)';
    // Not display:none: Chromium lowers the priority of a process whose frames are all
    // hidden, and the workers would then lose the CPU to the page. One transparent pixel.
    Object.assign(element.style, {
      position: 'fixed',
      right: '0',
      bottom: '0',
      width: '1px',
      height: '1px',
      border: '0',
      opacity: '0',
      pointerEvents: 'none',
    });
    element.setAttribute('aria-hidden', 'true');
    element.tabIndex = -1;
    this.element = element;
    let ready: (ok: boolean) => void = () => undefined;
    this.started = new Promise<boolean>((resolve) => (ready = resolve));
    const timer = setTimeout(() => {
      this.failure = `the run sandbox did not start within ${READY_TIMEOUT_MS / 1000} s`;
      ready(false);
    }, READY_TIMEOUT_MS);
    this.port.onmessage = (e: MessageEvent<unknown>) => {
      this.heard = now();
      this.asked = undefined;
      const m = e.data as Partial<FromSandbox> | null;
      if (m?.type === 'ready' && !this.ready) {
        clearTimeout(timer);
        if (m.isolated !== true && crossOriginIsolated) {
          this.failure = 'the run sandbox is not cross-origin isolated where the page is';
          ready(false);
          return;
        }
        this.ready = true;
        ready(true);
        return;
      }
      if (m?.type !== 'beat') onMessage(e.data);
    };
    element.addEventListener('load', () => {
      element.contentWindow?.postMessage(CONNECT, '*', [channel.port2]);
      setTimeout(() => {
        if (this.ready) return;
        this.failure =
          'the run sandbox loaded but did not start (the host may not allow its scripts)';
        ready(false);
      }, AFTER_LOAD_MS);
    });
    document.body.append(element);
    this.watch = setInterval(() => this.check(onDead), BEAT_MS * 4);
  }

  send(m: ToSandbox): void {
    this.port.postMessage(m);
  }

  /** Takes the frame for dead when it stays silent after being asked whether it is there. */
  private check(onDead: () => void): void {
    if (!this.ready) return;
    const t = now();
    if (this.asked !== undefined && t - this.asked > ANSWER_MS) {
      onDead();
      return;
    }
    if (this.asked === undefined && t - this.heard > SILENCE_MS) {
      this.asked = t;
      this.send({ type: 'ping' });
    }
  }

  close(): void {
    clearInterval(this.watch);
    this.port.close();
    this.element.remove();
  }
}
