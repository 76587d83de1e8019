/**
 * Typed errors of the parallel API, and their wire format: errors cross worker boundaries
 * as {@link SerializedError} and are rebuilt into the same class on the other side.
 */
import type { SerializedError, SerializedErrorGroup } from '../protocol/messages';

/** Where an error was raised and how to fix it; every field optional. */
export type ErrorDetails = Pick<
  SerializedError,
  'worker' | 'taskId' | 'callId' | 'line' | 'column' | 'hint'
>;

/** What a {@link RemoteError} is built from. */
export interface RemoteErrorInit extends ErrorDetails {
  /** The original error's name, e.g. `TypeError`. */
  remoteName: string;
  /** The original error's message. */
  message: string;
  /** The original stack, from the engine. */
  stack?: string;
}

/** The ` on worker 2 (task 7)` part of a RemoteError message. */
function formatWhere(worker: number | undefined, taskId: number | undefined): string {
  const on = worker === undefined ? '' : ` on worker ${worker}`;
  const task = taskId === undefined ? '' : ` (task ${taskId})`;
  return on + task;
}

/** An error thrown by user code on an engine, e.g. `TypeError on worker 2 (task 7): x is not a function`. */
export class RemoteError extends Error {
  override readonly name = 'RemoteError';
  /** The original error's name, e.g. `TypeError`. */
  readonly remoteName: string;
  /** The original error's message, without the worker and task. */
  readonly remoteMessage: string;
  declare readonly worker?: number;
  declare readonly taskId?: number;
  declare readonly callId?: number;
  declare readonly line?: number;
  declare readonly column?: number;
  declare readonly hint?: string;

  /** Formats the message from the original name and message and where it happened. */
  constructor(init: RemoteErrorInit) {
    const remoteName = init.remoteName || 'Error';
    super(`${remoteName}${formatWhere(init.worker, init.taskId)}: ${init.message}`);
    this.remoteName = remoteName;
    this.remoteMessage = init.message;
    assignDetails(this, init);
    if (init.stack !== undefined) this.stack = init.stack;
  }
}

/** Identical errors from several tasks, shown once. */
export interface ErrorGroup {
  /** The first error seen of this kind. */
  error: RemoteError;
  /** Workers that raised it, ascending. */
  workers: number[];
  /** Tasks that raised it, in the order seen. */
  tasks: number[];
}

/** The `(x 4 workers, 9 tasks)` / `(worker 2, task 7)` suffix of a CompositeError line. */
function formatGroupCount(group: ErrorGroup): string {
  const { workers, tasks } = group;
  const parts: string[] = [];
  if (workers.length === 1) parts.push(`worker ${workers[0]}`);
  else if (workers.length > 1) parts.push(`x ${workers.length} workers`);
  if (tasks.length === 1) parts.push(`task ${tasks[0]}`);
  else if (tasks.length > 1 && tasks.length !== workers.length) parts.push(`${tasks.length} tasks`);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

/** Several tasks failed; identical errors (same name and message) are grouped with a count. */
export class CompositeError extends Error {
  override readonly name = 'CompositeError';
  /** The distinct errors, in the order first seen. */
  readonly groups: ErrorGroup[];

  /** Lists each distinct error once in the message, e.g. `TypeError: x is not a function (x 4 workers)`. */
  constructor(groups: ErrorGroup[]) {
    const failed = groups.reduce((n, g) => n + Math.max(1, g.tasks.length), 0);
    const kinds = groups.length === 1 ? 'the same error' : `${groups.length} different errors`;
    const lines = groups.map(
      (g) => `  ${g.error.remoteName}: ${g.error.remoteMessage}${formatGroupCount(g)}`,
    );
    super(`${failed} tasks failed with ${kinds}:\n${lines.join('\n')}`);
    this.groups = groups;
  }

  /** Editor line of the first error that names one. */
  get line(): number | undefined {
    return this.groups.find((g) => g.error.line !== undefined)?.error.line;
  }

  /** Advice of the first error that has some. */
  get hint(): string | undefined {
    return this.groups.find((g) => g.error.hint)?.error.hint;
  }

  /** The first error of each group. */
  get errors(): RemoteError[] {
    return this.groups.map((g) => g.error);
  }
}

/** The script cancelled a call (`abort()`). */
export class CancelledError extends Error {
  override readonly name = 'CancelledError';

  /** Defaults to a generic message. */
  constructor(message = 'The call was cancelled', options?: ErrorOptions) {
    super(message, options);
  }
}

/**
 * A wait ran out of time (`wait(ms)`, `get({ timeoutMs })`), or an item ran past its call's
 * `timeoutMs` (then `worker`, `taskId` and `hint` say which, and what to do).
 */
export class TimeoutError extends Error {
  override readonly name = 'TimeoutError';
  declare readonly worker?: number;
  declare readonly taskId?: number;
  declare readonly hint?: string;

  /** Defaults to a generic message. */
  constructor(message = 'Timed out', options?: ErrorOptions, details: ErrorDetails = {}) {
    super(message, options);
    assignDetails(this, details);
  }
}

/** The run was stopped (Stop button, Escape, or the embedding page). */
export class StoppedError extends Error {
  override readonly name = 'StoppedError';

  /** Defaults to a generic message. */
  constructor(message = 'Stopped', options?: ErrorOptions) {
    super(message, options);
  }
}

/**
 * A worker died or was ended for using too much memory: the run ends with this error,
 * naming the worker, and keeps the results it received before.
 */
export class WorkerCrashedError extends Error {
  override readonly name = 'WorkerCrashedError';
  declare readonly worker?: number;
  declare readonly taskId?: number;
  declare readonly hint?: string;

  /** `worker` is the engine index, or undefined for the script's own worker. */
  constructor(message: string, details: { worker?: number; taskId?: number; hint?: string } = {}) {
    super(message);
    assignDetails(this, details);
  }
}

/** The script called the API with bad arguments; the message says what, `hint` what to do. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  declare readonly hint?: string;
  declare readonly line?: number;
  declare readonly column?: number;

  /** Keeps `hint`, `line` and `column` when given. */
  constructor(
    message: string,
    details: Pick<ErrorDetails, 'hint' | 'line' | 'column'> = {},
    options?: ErrorOptions,
  ) {
    super(message, options);
    assignDetails(this, details);
  }
}

/** Why the GPU cannot be used: the browser, the adapter, a feature or the device itself. */
export type GpuUnavailableReason = 'no-webgpu' | 'no-adapter' | 'missing-feature' | 'device-lost';

/** `gpu()` found no usable GPU, or the device was lost; CPU work in the script is unaffected. */
export class GpuUnavailableError extends Error {
  override readonly name = 'GpuUnavailableError';
  /** Which step failed. */
  readonly reason: GpuUnavailableReason;
  declare readonly hint?: string;
  declare readonly line?: number;

  /** Keeps the reason, the advice and the line of the call. */
  constructor(
    reason: GpuUnavailableReason,
    message: string,
    details: Pick<ErrorDetails, 'hint' | 'line'> = {},
  ) {
    super(message);
    this.reason = reason;
    assignDetails(this, details);
  }
}

/** What went wrong with GPU work: a limit exceeded, memory exhausted, or invalid WGSL or bindings. */
export type GpuErrorReason = 'over-limits' | 'out-of-memory' | 'validation' | 'compile';

/**
 * A GPU call failed: an allocation over the device's limits, memory exhausted, a kernel
 * that does not compile (`line`/`column` are the editor's), or a validation error.
 */
export class GpuError extends Error {
  override readonly name = 'GpuError';
  /** Which kind of failure. */
  readonly reason: GpuErrorReason;
  declare readonly hint?: string;
  declare readonly line?: number;
  declare readonly column?: number;

  /** Keeps the reason, the advice and the editor position. */
  constructor(
    reason: GpuErrorReason,
    message: string,
    details: Pick<ErrorDetails, 'hint' | 'line' | 'column'> = {},
  ) {
    super(message);
    this.reason = reason;
    assignDetails(this, details);
  }
}

const DETAIL_KEYS = ['worker', 'taskId', 'callId', 'line', 'column', 'hint'] as const;

/** Copies the defined detail fields onto `target` (leaving the rest absent, not undefined). */
function assignDetails(target: object, details: ErrorDetails): void {
  for (const key of DETAIL_KEYS) {
    const value = details[key];
    if (value !== undefined) {
      Object.defineProperty(target, key, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
  }
}

/** Reads detail fields of the right type off any object (an Error or a serialized error). */
function pickDetails(source: object): ErrorDetails {
  const record = source as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of DETAIL_KEYS) {
    const value = record[key];
    if (key === 'hint' ? typeof value === 'string' : typeof value === 'number') out[key] = value;
  }
  return out;
}

/** Text for a thrown value that is not an Error. */
function describeThrown(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null) {
    try {
      const json = JSON.stringify(value);
      if (json !== undefined) return `A non-Error value was thrown: ${json}`;
    } catch {
      // Cyclic or otherwise unserializable: fall back to String() below.
    }
  }
  let text: string;
  try {
    text = String(value);
  } catch {
    text = Object.prototype.toString.call(value);
  }
  return `A non-Error value was thrown: ${text}`;
}

/**
 * Turns anything thrown into its wire form, keeping the typed errors' fields. Never throws:
 * an error whose `message` or `name` getter throws (or a Proxy that throws on every read)
 * becomes an Error saying it cannot be read, so the run still ends with a message.
 */
export function serializeError(e: unknown): SerializedError {
  try {
    return serializeReadable(e);
  } catch (inner) {
    let why = '';
    try {
      why = inner instanceof Error ? `: ${String(inner.message)}` : '';
    } catch {
      // The second error cannot be read either.
    }
    return {
      name: 'Error',
      message: `a value was thrown that cannot be read (reading it threw too${why})`,
    };
  }
}

/** `serializeError` for a value whose fields can be read. */
function serializeReadable(e: unknown): SerializedError {
  if (e instanceof CompositeError) {
    const groups: SerializedErrorGroup[] = e.groups.map((g) => ({
      error: serializeError(g.error),
      workers: [...g.workers],
      tasks: [...g.tasks],
    }));
    const line = e.line;
    const hint = e.hint;
    return withStack(
      {
        name: e.name,
        message: e.message,
        groups,
        ...(line !== undefined ? { line } : {}),
        ...(hint !== undefined ? { hint } : {}),
      },
      e.stack,
    );
  }
  const isErrorLike =
    e instanceof Error ||
    (typeof e === 'object' &&
      e !== null &&
      typeof (e as { message?: unknown }).message === 'string' &&
      typeof (e as { name?: unknown }).name === 'string');
  if (isErrorLike) {
    const err = e as Error;
    const stack = typeof err.stack === 'string' ? err.stack : undefined;
    return withStack({ name: err.name, message: err.message, ...pickDetails(err) }, stack);
  }
  return { name: 'Error', message: describeThrown(e) };
}

/** Adds `stack` when there is one. */
function withStack(s: SerializedError, stack: string | undefined): SerializedError {
  return stack === undefined ? s : { ...s, stack };
}

/** Recovers a RemoteError's original name and message from its formatted message. */
function parseRemoteMessage(s: SerializedError): { remoteName: string; message: string } {
  const marker = `${formatWhere(s.worker, s.taskId)}: `;
  const at = s.message.indexOf(marker);
  if (at <= 0) return { remoteName: 'Error', message: s.message };
  return { remoteName: s.message.slice(0, at), message: s.message.slice(at + marker.length) };
}

/** Makes `e` carry exactly the serialized stack (or none), not one from this side. */
function setStack<E extends Error>(e: E, stack: string | undefined): E {
  e.stack = stack;
  return e;
}

/** Rebuilds an error from its wire form: our typed errors as their class, others as Error with the same name. */
export function deserializeError(s: SerializedError): Error {
  const details = pickDetails(s);
  switch (s.name) {
    case 'RemoteError':
      return setStack(new RemoteError({ ...parseRemoteMessage(s), ...details }), s.stack);
    case 'CompositeError':
      if (s.groups) return setStack(new CompositeError(s.groups.map(deserializeGroup)), s.stack);
      break;
    case 'UsageError':
      return setStack(new UsageError(s.message, details), s.stack);
    case 'CancelledError':
      return setStack(new CancelledError(s.message), s.stack);
    case 'TimeoutError':
      return setStack(new TimeoutError(s.message, undefined, details), s.stack);
    case 'StoppedError':
      return setStack(new StoppedError(s.message), s.stack);
    case 'WorkerCrashedError':
      return setStack(new WorkerCrashedError(s.message, details), s.stack);
  }
  const e = new Error(s.message);
  if (s.name !== 'Error') e.name = s.name;
  assignDetails(e, details);
  return setStack(e, s.stack);
}

/** Rebuilds one CompositeError group. */
function deserializeGroup(g: SerializedErrorGroup): ErrorGroup {
  return { error: toRemoteError(g.error), workers: [...g.workers], tasks: [...g.tasks] };
}

/**
 * Wraps an engine's serialized error (the user's `TypeError` etc.) as a RemoteError naming
 * where it happened; a serialized RemoteError is rebuilt, with `where` filling gaps.
 */
export function toRemoteError(s: SerializedError, where: ErrorDetails = {}): RemoteError {
  const own = pickDetails(s);
  const base =
    s.name === 'RemoteError' ? parseRemoteMessage(s) : { remoteName: s.name, message: s.message };
  return setStack(new RemoteError({ ...base, ...where, ...own }), s.stack);
}

/**
 * Reports the failures of one call: a single error as itself, several as a CompositeError
 * that groups identical errors (same original name and message) in first-seen order.
 */
export function groupErrors(errors: RemoteError[]): RemoteError | CompositeError {
  const [first] = errors;
  if (first === undefined) throw new RangeError('groupErrors: no errors to group');
  if (errors.length === 1) return first;
  const byKey = new Map<string, ErrorGroup>();
  for (const error of errors) {
    const key = `${error.remoteName}\u0000${error.remoteMessage}`;
    let group = byKey.get(key);
    if (!group) {
      group = { error, workers: [], tasks: [] };
      byKey.set(key, group);
    }
    if (error.worker !== undefined && !group.workers.includes(error.worker)) {
      group.workers.push(error.worker);
    }
    if (error.taskId !== undefined) group.tasks.push(error.taskId);
  }
  const groups = [...byKey.values()];
  for (const g of groups) g.workers.sort((a, b) => a - b);
  return new CompositeError(groups);
}
