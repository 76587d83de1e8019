/**
 * Wire format between the UI (main thread), the driver worker and the engine workers.
 * One interface per message, joined in unions with a string `type` discriminant.
 * This file imports nothing, so every runtime can depend on it.
 */

/** A MessagePort as the protocol sees it (this file sees no DOM types; runtimes cast). */
export interface PortLike {
  postMessage(message: unknown, transfer?: unknown[]): void;
}

/** Milliseconds on the shared clock: `performance.timeOrigin + performance.now()`. */
export type Stamp = number;

/** An error as it crosses a worker boundary; rebuilt into a typed error on the other side. */
export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
  /** Engine index that raised it, when it came from an engine. */
  worker?: number;
  taskId?: number;
  callId?: number;
  /** 1-based line in the editor, when known. */
  line?: number;
  column?: number;
  /** What to do about it, shown under the message. */
  hint?: string;
  /** For a CompositeError: the distinct errors and which workers raised each. */
  groups?: SerializedErrorGroup[];
}

/** Identical errors raised by several workers, shown once with a count. */
export interface SerializedErrorGroup {
  error: SerializedError;
  workers: number[];
  tasks: number[];
}

/** One console line, tagged by where it was printed. */
export interface OutputLine {
  /** `'driver'` for the script itself, otherwise the engine index. */
  source: 'driver' | number;
  level: 'log' | 'info' | 'warn' | 'error' | 'debug';
  text: string;
  time: Stamp;
  taskId?: number;
  /** Set on a "lines dropped" note: how many lines it stands for. */
  dropped?: number;
  /**
   * The printed arguments, when some are objects worth expanding: strings as they are,
   * other values as previews (see `preview` in core/inspect.ts).
   */
  values?: (string | ValuePreview)[];
}

/** An expandable printed value: its short text and its first entries. */
export type ValuePreview = { s: string } | { s: string; e: [string, ValuePreview][]; more: number };

// ---------------------------------------------------------------------------
// Driver -> engine (one MessagePort per engine)

/**
 * States of a claim slot: an Int32Array over a SharedArrayBuffer that the driver shares
 * with an engine (cross-origin isolated pages only). The driver marks a load-balanced task
 * queued before sending it; the engine claims it (queued -> started) before running it; the
 * driver may recall a task that has not started (queued -> recalled) and send it to an
 * idle engine, and the engine then skips it.
 */
export const CLAIM_QUEUED = 0;
/** The engine has started the task: it can no longer be recalled. */
export const CLAIM_STARTED = 1;
/** The driver took the task back: the engine skips it without a reply. */
export const CLAIM_RECALLED = 2;

/** Gives an engine its claim slots (sent once, before any task that names a slot). */
export interface ClaimsMessage {
  type: 'claims';
  /** A SharedArrayBuffer of Int32 slots (typed as unknown: this file sees no DOM types). */
  buffer: unknown;
}

/** Run `source` (a function's text) once with `args`. */
export interface ApplyTaskMessage {
  type: 'apply';
  taskId: number;
  /** Claim slot the engine must win before running (load-balanced tasks, when shared). */
  slot?: number;
  fnId: number;
  /** Sent the first time an engine sees `fnId`, omitted afterwards. */
  source?: string;
  args: unknown[];
  /** Task index (for `rng` streams keyed by task), the first item's index for a map chunk. */
  index: number;
  /** The call has a `timeoutMs`: the engine reports each item's start ({@link TaskProgressMessage}). */
  watch?: boolean;
}

/** Call the function once per item of the zipped `seqs`, return the results as an array. */
export interface MapTaskMessage {
  type: 'map';
  taskId: number;
  /** Claim slot the engine must win before running (load-balanced tasks, when shared). */
  slot?: number;
  fnId: number;
  source?: string;
  seqs: ArrayLike<unknown>[];
  /** Index of the chunk's first item in the whole sequence. */
  index: number;
  /** The call has a `timeoutMs`: the engine reports each item's start ({@link TaskProgressMessage}). */
  watch?: boolean;
}

/** Run code as a classic script at the engine's global scope. */
export interface ExecuteTaskMessage {
  type: 'execute';
  taskId: number;
  code: string;
  /** The call has a `timeoutMs`: the engine reports the task's start. */
  watch?: boolean;
}

/** Assign globals in the engine's namespace. */
export interface PushTaskMessage {
  type: 'push';
  taskId: number;
  values: Record<string, unknown>;
  /**
   * Functions to define, by name: their source text (functions cannot be structured-cloned)
   * and the id the engine keeps the compiled function under.
   */
  functions: Record<string, { fnId: number; source: string }>;
  /** The call has a `timeoutMs`: the engine reports the task's start. */
  watch?: boolean;
}

/**
 * Where a gather wants one engine's part written: into the gather's result buffer, handed
 * from engine to engine, at the engine's offset (see driver/gather-into.ts).
 */
export interface PourTarget {
  /**
   * The buffer, sent with the first engine's request; the others wait for it in a
   * {@link PourBufferMessage}, keeping their place in their queues (calls made after the
   * gather run after it, as with any call).
   */
  buffer?: ArrayBuffer;
  byteOffset: number;
  /** The typed array's constructor name the driver expects (`Float64Array` ...). */
  type: string;
  /** Items the driver expects. */
  length: number;
}

/**
 * The gather's buffer for a pour waiting in an engine's queue, forwarded by the driver once
 * the engine before wrote its part; without a buffer the gather broke off (another engine
 * failed) and the pour answers as a pull.
 */
export interface PourBufferMessage {
  type: 'pour-buffer';
  taskId: number;
  buffer?: ArrayBuffer;
}

/** Read globals from the engine's namespace. */
export interface PullTaskMessage {
  type: 'pull';
  taskId: number;
  names: string[];
  /**
   * With one name: write it into this buffer when it is the typed array expected, and give
   * the buffer back (the reply is `[region]`, or `[region, value]` when it was not).
   */
  into?: PourTarget;
  /** The call has a `timeoutMs`: the engine reports the task's start. */
  watch?: boolean;
}

/** Delete every global the user added to the engine's namespace. */
export interface ClearTaskMessage {
  type: 'clear';
  taskId: number;
  /** The call has a `timeoutMs`: the engine reports the task's start. */
  watch?: boolean;
}

export type EngineRequest =
  | ApplyTaskMessage
  | MapTaskMessage
  | ExecuteTaskMessage
  | PushTaskMessage
  | PullTaskMessage
  | ClearTaskMessage;

/**
 * Several requests in one message: what the driver sends an engine in one go (a load
 * balancer filling the engine's queue) travels together, since every message between two
 * threads costs more than a tiny task computes. The engine runs them in order.
 */
export interface RequestBatchMessage {
  type: 'batch';
  requests: EngineRequest[];
}

/**
 * The driver asks an engine that has been silent with tasks outstanding whether it still
 * holds them (see {@link EnginePongMessage}); a busy engine answers once it is free.
 */
export interface EnginePingMessage {
  type: 'ping';
  n: number;
}

// ---------------------------------------------------------------------------
// Engine -> driver

/**
 * An engine's answer to a ping, sent at once from its message handler (before any queued
 * task): the tasks it has received and not answered. A task the driver sent before the ping
 * that is neither answered nor listed here was lost (the engine's built-ins were broken).
 */
export interface EnginePongMessage {
  type: 'pong';
  n: number;
  pending: number[];
}

/** A watched task (its call has a `timeoutMs`) started the item `index`. */
export interface TaskProgressMessage {
  type: 'progress';
  taskId: number;
  index: number;
}

/** Sent by the UI to a new engine worker: its index and its port to the driver. */
export interface EngineConnectMessage {
  type: 'connect';
  worker: number;
  port: PortLike;
}

/**
 * Host -> engine, on the worker itself, after a run ended cleanly: the engine forgets the
 * run (its namespace, functions and claim slots) and says whether it kept anything
 * else, so the next run may reuse it warm ({@link EngineResetReplyMessage}). A reused engine
 * is then connected again, to the next run's driver port.
 */
export interface EngineResetMessage {
  type: 'reset';
}

/** Engine -> host, on the worker itself: the answer to {@link EngineResetMessage}. */
export interface EngineResetReplyMessage {
  type: 'reset';
  /** What the engine kept from the run (the worker must not be reused); absent when clean. */
  dirt?: string;
}

/** Sent once when the engine's port is connected. */
export interface EngineReadyMessage {
  type: 'ready';
  worker: number;
  /** Names the engine's global scope offers before any user code runs. */
  globals: string[];
}

/** A task finished; `value` is the function's return value (pull: the values by name). */
export interface TaskDoneMessage {
  type: 'done';
  taskId: number;
  started: Stamp;
  completed: Stamp;
  value: unknown;
  stdout: OutputLine[];
  /** User-defined global names after the task, sent when they changed. */
  names?: string[];
  /** Charts and tables the task drew (`plot.*`, `table`), summarised on the engine. */
  plots?: (PlotEvent | TableEvent)[];
}

/** A task threw. */
export interface TaskFailedMessage {
  type: 'failed';
  taskId: number;
  started: Stamp;
  completed: Stamp;
  error: SerializedError;
  stdout: OutputLine[];
  names?: string[];
  /** Charts and tables the task drew before it threw. */
  plots?: (PlotEvent | TableEvent)[];
}

/**
 * A console line an engine printed outside any task (an unhandled rejection), sent on its
 * own; not part of {@link EngineResponse}, which answers tasks.
 */
export interface EngineOutputMessage {
  type: 'output';
  line: OutputLine;
}

export type EngineResponse = EngineReadyMessage | TaskDoneMessage | TaskFailedMessage;

/** An engine's answer to one task. */
export type TaskReplyMessage = TaskDoneMessage | TaskFailedMessage;

/** Several replies in one message: tiny tasks' replies travel together (engine/reply-outbox.ts). */
export interface ReplyBatchMessage {
  type: 'replies';
  replies: TaskReplyMessage[];
}

// ---------------------------------------------------------------------------
// Driver -> UI (events, batched at most ~30 times a second)

/** Which API call made a task. */
export type CallKind =
  | 'apply'
  | 'execute'
  | 'push'
  | 'pull'
  | 'scatter'
  | 'gather'
  | 'clear'
  | 'map'
  | 'balanced-map'
  | 'submit'
  | 'pool-map';

/** A parallel call began. */
export interface CallStartEvent {
  type: 'call-start';
  callId: number;
  kind: CallKind;
  /** Short text for legends, e.g. `map(isPrime)`. */
  label: string;
  /** Tasks the call will run, when known up front. */
  total: number;
  /** Items the call covers (map: sequence length). */
  items: number;
  targets: number[];
  /** Editor line of the call, when known. */
  line?: number;
  time: Stamp;
}

/** A task was sent to an engine. */
export interface TaskDispatchEvent {
  type: 'task-dispatch';
  taskId: number;
  callId: number;
  worker: number;
  submitted: Stamp;
  items: number;
  /** Index of the first item in the call's sequence. */
  first: number;
  bytesIn: number;
  /**
   * True when the task was recalled from another engine's queue before it started and
   * sent here instead: it replaces the earlier dispatch of the same task id.
   */
  moved?: boolean;
}

/** Everything known about a task once its result is back. */
export interface TaskRecord {
  taskId: number;
  callId: number;
  worker: number;
  submitted: Stamp;
  started: Stamp;
  completed: Stamp;
  received: Stamp;
  items: number;
  first: number;
  bytesIn: number;
  bytesOut: number;
  ok: boolean;
  /** Output lines printed while the task ran. */
  stdout: OutputLine[];
}

/** A task finished (successfully or not). */
export interface TaskEndEvent {
  type: 'task-end';
  record: TaskRecord;
}

/**
 * Consecutive task dispatches and ends, packed: what the driver sends instead of one
 * {@link TaskDispatchEvent} or {@link TaskEndEvent} object each (see task-rows.ts, which
 * packs and unpacks them).
 */
export interface TaskRowsEvent {
  type: 'task-rows';
  /** 12 numbers per event (`TASK_ROW`), laid out as task-rows.ts's `COL` says. */
  rows: Float64Array;
  /** The output lines of each ended task that printed: [row, lines], rows ascending. */
  stdout: [number, OutputLine[]][];
}

/** Timing of a finished call; the same numbers AsyncResult.timing gives the script. */
export interface CallTiming {
  /** First submission to last result, ms. */
  wall: number;
  /** Sum of compute time over tasks, ms. */
  serial: number;
  speedup: number;
  efficiency: number;
  workers: number;
  tasks: number;
}

/** A parallel call finished. */
export interface CallEndEvent {
  type: 'call-end';
  callId: number;
  time: Stamp;
  timing: CallTiming;
  error?: SerializedError;
}

/** Console output from the script or an engine. */
export interface OutputEvent {
  type: 'output';
  line: OutputLine;
}

/**
 * What a run keeps of its charts and tables: the first `charts` charts (`plot.*`) and the
 * first `tables` tables. Later ones are counted and not sent (see {@link NotKeptEvent}).
 */
export const KEPT_PER_RUN = { charts: 100, tables: 100 } as const;

/** Lines of a task's own output its record carries to the page (for the timeline's hover). */
export const TASK_STDOUT_PREVIEW = 5;

/** Charts and tables past {@link KEPT_PER_RUN} so far in the run: counted, not kept. */
export interface NotKeptEvent {
  type: 'not-kept';
  charts: number;
  tables: number;
}

/** The script made (or grew) its cluster. */
export interface ClusterEvent {
  type: 'cluster';
  workers: number;
  time: Stamp;
}

/**
 * The script's own thread was busy (computing, not waiting on a call) from `start` to `end`:
 * a serial loop in the script, say. Only stretches long enough to matter are reported.
 */
export interface ScriptBusyEvent {
  type: 'script-busy';
  start: Stamp;
  end: Stamp;
}

/** A chart, summarised in the driver so the page never receives more than it can draw. */
export interface PlotEvent {
  type: 'plot';
  source: 'driver' | number;
  time: Stamp;
  spec: PlotSpec;
}

/** Chart types the results panel draws. */
export type PlotSpec =
  | { kind: 'hist'; title?: string; edges: number[]; counts: number[]; total: number }
  | {
      kind: 'scatter' | 'line';
      title?: string;
      series: { name: string; x: number[]; y: number[] }[];
      /** Points before sampling, when the data was sampled. */
      total: number;
      /** Category names: x holds indices into this list (`plot.line(['a', 'b'], ys)`). */
      labels?: string[];
    }
  | { kind: 'bar'; title?: string; name: string; labels: string[]; values: number[] }
  | {
      /** A heatmap: `values` row-major, `width` x `height` (shrunk from the source's size). */
      kind: 'image';
      title?: string;
      width: number;
      height: number;
      values: number[];
      /** Range of the finite values: the ends of the colour scale. */
      min: number;
      max: number;
      sourceWidth: number;
      sourceHeight: number;
    };

/** A table of rows (objects), shown in the results panel. */
export interface TableEvent {
  type: 'table';
  source: 'driver' | number;
  time: Stamp;
  /** The `title` option of `table(rows, { title })`. */
  title?: string;
  columns: string[];
  rows: unknown[][];
  total: number;
}

// ---------------------------------------------------------------------------
// GPU (driver -> UI)

/** The adapter and device `gpu()` found, as the page and the report show them. */
export interface GpuAdapterInfo {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  /** A software (fallback) adapter, e.g. SwiftShader: its timings are not GPU timings. */
  fallback: boolean;
  /** Whether kernel times come from timestamp queries (else from CPU-side stamps). */
  timestamps: boolean;
  features: string[];
  /** The limits that matter for compute, by WebGPU limit name. */
  limits: Record<string, number>;
}

/** The script got a GPU device. */
export interface GpuDeviceEvent {
  type: 'gpu-device';
  time: Stamp;
  adapter: GpuAdapterInfo;
}

/** What a GPU call was. */
export type GpuCallKind =
  | 'map'
  | 'kernel'
  | 'elementwise'
  | 'reduce'
  | 'matmul'
  | 'histogram'
  | 'random'
  | 'upload'
  | 'download';

/**
 * One GPU call on the GPU lane. Upload is `start` to `uploadEnd`, compute `uploadEnd` to
 * `computeEnd`, readback `computeEnd` to `end` (all CPU-side stamps on the shared clock).
 */
export interface GpuCallRecord {
  callId: number;
  kind: GpuCallKind;
  label: string;
  line?: number;
  start: Stamp;
  uploadEnd: Stamp;
  computeEnd: Stamp;
  end: Stamp;
  /** Kernel time measured by timestamp queries, ms (absent when the adapter has none). */
  kernelMs?: number;
  bytesIn: number;
  bytesOut: number;
  /** Elements the call covered. */
  items: number;
  /** The shader it ran (see GpuShaderEvent). */
  shaderId?: number;
  ok: boolean;
}

/** A GPU call finished. */
export interface GpuCallEvent {
  type: 'gpu-call';
  record: GpuCallRecord;
}

/** A compute shader was compiled: generated by `g.map` or written by hand (`g.kernel`). */
export interface GpuShaderEvent {
  type: 'gpu-shader';
  shaderId: number;
  label: string;
  origin: 'generated' | 'kernel' | 'builtin';
  wgsl: string;
  /** Editor line of the call that compiled it. */
  line?: number;
  time: Stamp;
}

/** GPU memory held by the script's device, after a change. */
export interface GpuMemoryEvent {
  type: 'gpu-memory';
  time: Stamp;
  /** Bytes in live GPU arrays and internal buffers. */
  inUse: number;
  /** Bytes kept in the pool for reuse. */
  pooled: number;
  /** Buffers allocated now (in use and pooled). */
  buffers: number;
  /** Largest `inUse + pooled` so far. */
  peak: number;
}

export type DriverEvent =
  | CallStartEvent
  | TaskDispatchEvent
  | TaskEndEvent
  | TaskRowsEvent
  | CallEndEvent
  | OutputEvent
  | ClusterEvent
  | NotKeptEvent
  | ScriptBusyEvent
  | PlotEvent
  | TableEvent
  | GpuDeviceEvent
  | GpuCallEvent
  | GpuShaderEvent
  | GpuMemoryEvent;

/** One flush of events from the driver to the UI. */
export interface DriverEventBatch {
  type: 'events';
  /** 1 for the run's first batch, then counting up: the page waits for the last one. */
  seq: number;
  events: DriverEvent[];
}

// ---------------------------------------------------------------------------
// UI <-> driver control (Comlink)

/** What the UI asks the driver to run. */
export interface RunRequest {
  /** The script, already emitted to JavaScript. */
  js: string;
  /** Source map of `js` (JSON text), to report errors at editor lines. */
  sourceMap?: string;
  /** Worker count used by `cluster()` without `workers` and by `pool`; 'auto' = hardware threads. */
  workers: number | 'auto';
  hardwareThreads: number;
}

/** How a run ended. */
export interface RunOutcome {
  ok: boolean;
  error?: SerializedError;
  /**
   * When the script started (engine start-up excluded) and ended, on the shared clock.
   * `started` is absent when the run was stopped or the driver failed before reporting.
   */
  started?: Stamp;
  ended: Stamp;
  /** Engines connected when the run ended. */
  workers: number;
  /** True when the run was ended by Stop. */
  stopped?: boolean;
  /** Event batches sent during the run: the page waits for all of them before finishing. */
  batches?: number;
}

/** The driver's Comlink interface, used by the UI. */
export interface DriverApi {
  /**
   * Connects the driver to the port its event batches go to; the same port carries its
   * requests for engines ({@link EnginesRequestMessage}) and the page's answers.
   */
  init(events: PortLike): void;
  run(request: RunRequest): Promise<RunOutcome>;
  /**
   * After a run: forgets its engines' ports (the host connects the engines it keeps again,
   * with an unasked grant) and says what the driver kept from the run, if anything, so the
   * next run may reuse it warm. Undefined when it kept nothing.
   */
  reset(): string | undefined;
}

/** What the driver may ask of the UI. */
export interface HostApi {
  /**
   * Grows this run's engines to `count`; returns ports for the engines not yet handed to
   * the driver (indices from the number already handed out up to `count - 1`).
   */
  engines(count: number): Promise<PortLike[]>;
  /**
   * Terminates engine `worker` (stuck past a `timeoutMs`, or lost tasks) and starts a fresh
   * one in its place on `port`, the driver's new channel to it.
   */
  respawn(worker: number, port: PortLike): void;
}

/** Driver -> UI on the events port: replace engine `worker` by a fresh one connected to `port`. */
export interface EngineRespawnMessage {
  type: 'respawn';
  worker: number;
  port: PortLike;
}

/**
 * Driver -> UI on the events port: grow the run's engines to `count`. A plain message,
 * not an RPC proxy: the driver runs user code, so the page exposes exactly this request.
 */
export interface EnginesRequestMessage {
  type: 'engines';
  id: number;
  count: number;
}

/** UI -> driver on the events port: the ports of the new engines, or why there are none. */
export interface EnginesReplyMessage {
  type: 'engines';
  id: number;
  ports: PortLike[];
  error?: string;
}

// ---------------------------------------------------------------------------
// Automation (command line, embed, tests): `window.fanout.run(...)` resolves to this.

/** A task in a run report; times are ms since the run started. */
export interface ReportTask {
  worker: number;
  start: number;
  end: number;
  items: number;
}

/** A parallel call in a run report. */
export interface ReportCall {
  callId: number;
  kind: CallKind;
  label: string;
  line?: number;
  timing: CallTiming;
  tasks: ReportTask[];
}

/** Everything a finished run printed and measured, as plain JSON. */
export interface RunReport {
  ok: boolean;
  /** Engines the script used. */
  workers: number;
  /** Script start to end, ms. */
  wall: number;
  output: { source: 'driver' | number; level: OutputLine['level']; text: string }[];
  calls: ReportCall[];
  /** The GPU, when the script called `gpu()`: the adapter, its calls and memory. */
  gpu?: ReportGpu;
  error?: { name: string; message: string; line?: number; hint?: string };
}

/** Progress of one parallel call. */
export interface CallProgress {
  callId: number;
  label: string;
  /** Tasks finished, and tasks the call will run (0 when not known up front). */
  done: number;
  total: number;
  finished: boolean;
}

/** How far a run has got. */
export interface RunProgress {
  /** Milliseconds since the script started (the whole run, once it has ended). */
  elapsed: number;
  tasksDone: number;
  /** Tasks sent to workers so far, finished or not. */
  tasksSent: number;
  /** The run's latest calls (at most {@link MAX_PROGRESS_CALLS}), oldest first. */
  calls: CallProgress[];
}

/** Calls listed in a {@link RunProgress}: a script may make thousands. */
export const MAX_PROGRESS_CALLS = 20;

/** The current or last run for an embed's host: its progress and the lines since a cursor. */
export interface RunSnapshot {
  /** Which run (counted from 1 since the page loaded). */
  runId: number;
  running: boolean;
  progress: RunProgress;
  /** Lines printed from the cursor `since` on, in order. */
  lines: RunReport['output'];
  /** The cursor to pass next time. */
  next: number;
  /** Lines after `since` that the page no longer keeps (a flood of output). */
  dropped: number;
}

/** A run began or ended (the person pressed Run, or a caller of `run`). */
export type RunLifecycleEvent =
  { type: 'run-start'; runId: number } | { type: 'run-end'; runId: number; report: RunReport };

/** A GPU call in a run report: times are ms since the run started. */
export interface ReportGpuCall {
  callId: number;
  kind: GpuCallKind;
  label: string;
  line?: number;
  start: number;
  /** Upload, compute and readback durations, ms (CPU-side stamps). */
  upload: number;
  compute: number;
  readback: number;
  /** Kernel time from timestamp queries, ms, when the adapter has them. */
  kernelMs?: number;
  items: number;
  ok: boolean;
}

/** The GPU part of a run report. */
export interface ReportGpu {
  adapter?: GpuAdapterInfo;
  calls: ReportGpuCall[];
  /** Peak GPU memory the script held, bytes. */
  peakBytes: number;
}

/** The page's automation API, `window.fanout`: the command line, embeds and tests use it. */
export interface AutomationApi {
  /** Resolves when the editor and the worker pool are ready. */
  ready: Promise<void>;
  /** Sets the code and worker count (when given), runs, and resolves with the report. */
  run(options?: { code?: string; workers?: number | 'auto' }): Promise<RunReport>;
  /** Stops the current run. */
  stop(): void;
  getCode(): string;
  setCode(code: string): void;
  /** Runtime error markers in the editor. */
  markers(): { line: number; message: string }[];
  /** TypeScript's syntax and type errors in the current text. */
  diagnostics(): Promise<{ line: number; message: string }[]>;
  /** The report of the current or last run. */
  report(): RunReport | undefined;
  /** Sets the worker count of the next runs (the toolbar's setting). */
  setWorkers(workers: number | 'auto'): void;
  /** The current or last run's progress and the lines printed from cursor `since` (0) on. */
  snapshot(since?: number): RunSnapshot | undefined;
  /** Calls `listener` when a run starts and ends; returns a function that unsubscribes. */
  subscribe(listener: (event: RunLifecycleEvent) => void): () => void;
}
