/**
 * AsyncResult: what every parallel call returns, after ipyparallel's AsyncResult. It is
 * awaitable, iterable with `for await` as results arrive, reports progress, and keeps
 * per-task timing metadata on one clock.
 */
import type { CallTiming, TaskRecord } from '../protocol/messages';
import { CancelledError, TimeoutError } from './errors';
import { summarizeTiming } from './timing';

/** Options for {@link AsyncResult}. */
export interface AsyncResultOptions<T> {
  /** Number of items (map) or tasks (apply) the call produces. */
  total: number;
  /** Workers the call ran on, for `timing.efficiency`. */
  workers: number;
  /** `for await` order: input order (true) or arrival order (false). */
  ordered: boolean;
  /** Builds the final value from the items in input order. */
  assemble: (items: unknown[]) => T;
  /** Called by `abort()`: stop dispatching work that has not started. */
  onAbort?: () => void;
  /** Short description used in messages, e.g. `map(isPrime)`. */
  label: string;
}

/** What `for await` yields from an AsyncResult: the items of an array result, else the value. */
export type AsyncItem<T> = T extends (infer U)[] ? U : T;

/**
 * The result of a parallel call: `await` it for the value, `for await` it for items as
 * they arrive, or poll `progress`, `ready()`, `wait(ms)` and `get({ timeoutMs })`.
 */
export class AsyncResult<T = unknown> implements PromiseLike<T>, AsyncIterable<AsyncItem<T>> {
  /** Items (or tasks) in the call. */
  readonly total: number;
  /** Short description of the call. */
  readonly label: string;
  /** One entry per finished task: worker, submitted, started, completed, received, items... */
  readonly metadata: TaskRecord[] = [];
  private done = 0;
  private readonly slots: unknown[];
  private readonly filled: Uint8Array;
  private readonly arrivals: number[] = [];
  private readonly promise: Promise<T>;
  private resolve!: (value: T) => void;
  private reject!: (error: unknown) => void;
  private settled: { ok: true; value: T } | { ok: false; error: unknown } | undefined;
  private listeners: (() => void)[] = [];
  private observed = false;
  /** True once a `get({ timeoutMs })` gave up on this result: the script stopped waiting. */
  timedOut = false;

  constructor(private readonly options: AsyncResultOptions<T>) {
    this.total = options.total;
    this.label = options.label;
    this.slots = new Array<unknown>(options.total);
    this.filled = new Uint8Array(options.total);
    this.promise = new Promise<T>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    // Failures are reported by the driver if the script never looks at them.
    this.promise.catch(() => undefined);
  }

  /** Items finished so far. */
  get progress(): number {
    return this.done;
  }

  /** True once the call has finished, successfully or not. */
  ready(): boolean {
    return this.settled !== undefined;
  }

  /** True when the call finished successfully. */
  successful(): boolean {
    return this.settled?.ok === true;
  }

  /** True when something awaited, iterated or read this result. */
  get wasObserved(): boolean {
    return this.observed;
  }

  /** Wall, serial (sum of compute), speedup and efficiency over the tasks finished so far. */
  get timing(): CallTiming {
    return summarizeTiming(this.metadata, this.options.workers);
  }

  /** Waits up to `ms` milliseconds (forever if omitted); resolves to whether the call is ready. */
  wait(ms?: number): Promise<boolean> {
    this.observed = true;
    if (this.settled) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = ms === undefined ? undefined : setTimeout(() => resolve(this.ready()), ms);
      this.promise.then(
        () => (clearTimeout(timer), resolve(true)),
        () => (clearTimeout(timer), resolve(true)),
      );
    });
  }

  /** The value; rejects with TimeoutError if it is not ready within `timeoutMs`. */
  get(options: { timeoutMs?: number } = {}): Promise<T> {
    this.observed = true;
    const { timeoutMs } = options;
    if (timeoutMs === undefined || this.settled) return this.promise;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.timedOut = true;
        reject(
          new TimeoutError(
            `${this.label} was not ready after ${timeoutMs} ms (${this.done} of ${this.total} done)`,
          ),
        );
      }, timeoutMs);
      this.promise.then(
        (v) => (clearTimeout(timer), resolve(v)),
        (e: Error) => (clearTimeout(timer), reject(e)),
      );
    });
  }

  /** Cancels work not yet started; the result rejects with CancelledError. */
  abort(): void {
    this.observed = true;
    if (this.settled) return;
    this.options.onAbort?.();
    this.fail(new CancelledError(`${this.label} was aborted after ${this.done} of ${this.total}`));
  }

  then<A = T, B = never>(
    onfulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    this.observed = true;
    return this.promise.then(onfulfilled, onrejected);
  }

  /** Yields each item as it arrives (in input order when the call is ordered). */
  async *[Symbol.asyncIterator](): AsyncIterator<AsyncItem<T>> {
    this.observed = true;
    let next = 0;
    for (;;) {
      if (this.options.ordered) {
        while (next < this.total && this.filled[next]) yield this.slots[next++] as AsyncItem<T>;
      } else {
        while (next < this.arrivals.length) {
          yield this.slots[this.arrivals[next++]!] as AsyncItem<T>;
        }
      }
      if (next >= this.total) {
        if (this.settled && !this.settled.ok) throw this.settled.error;
        return;
      }
      if (this.settled) {
        if (!this.settled.ok) throw this.settled.error;
        return;
      }
      await new Promise<void>((r) => this.listeners.push(r));
    }
  }

  /** Stores items `first .. first + values.length - 1` (called by the scheduler). */
  accept(first: number, values: ArrayLike<unknown>, record?: TaskRecord): void {
    if (this.settled) return;
    if (record) this.metadata.push(record);
    for (let i = 0; i < values.length; i++) {
      const at = first + i;
      if (this.filled[at]) continue;
      this.slots[at] = values[i];
      this.filled[at] = 1;
      this.arrivals.push(at);
      this.done++;
    }
    this.notify();
  }

  /** Adds a task record that carried no items (a failed task, say). */
  note(record: TaskRecord): void {
    this.metadata.push(record);
  }

  /** Resolves with the assembled value (called by the scheduler when every task is back). */
  finish(): void {
    if (this.settled) return;
    let value: T;
    try {
      value = this.options.assemble(this.slots);
    } catch (e) {
      this.fail(e);
      return;
    }
    this.settled = { ok: true, value };
    this.resolve(value);
    this.notify();
  }

  /** Rejects the result (called by the scheduler, or by abort). */
  fail(error: unknown): void {
    if (this.settled) return;
    this.settled = { ok: false, error };
    this.reject(error);
    this.notify();
  }

  /** The failure, if the call failed. */
  get error(): unknown {
    return this.settled && !this.settled.ok ? this.settled.error : undefined;
  }

  private notify(): void {
    const listeners = this.listeners;
    this.listeners = [];
    for (const l of listeners) l();
  }
}
