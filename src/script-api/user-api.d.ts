/**
 * Fanout's API, as the editor sees it. These globals exist in every script.
 * Functions you send to workers travel as source text: they cannot see your script's
 * variables, so pass what they need as arguments or `push` it first.
 */

// For maintainers: this file is the editor's text (completion, hover docs), type-checked
// by tsconfig.api.json, and user-api.test.ts checks it against the real code both ways.
// To add a global (say `gpu()` or `rng()`): declare it below with a doc comment and an
// @example; install it as a member of DriverGlobals (src/driver/script.ts) and/or
// EngineGlobals (src/engine/engine-globals.ts); add its name to DECLARED_GLOBALS in
// user-api.test.ts. `tsc -b` and `vitest` fail until the three agree.

/** Timing of a parallel call; all times in milliseconds. */
interface CallTiming {
  /** First task sent to last result back. */
  wall: number;
  /** Sum of the time the workers spent computing (what one worker would have needed). */
  serial: number;
  /** serial / wall. */
  speedup: number;
  /** speedup / workers: 1 means every worker computed the whole time. */
  efficiency: number;
  workers: number;
  tasks: number;
}

/** What is known about one finished task. Times are ms on one clock shared by all workers. */
interface TaskMetadata {
  taskId: number;
  callId: number;
  /** Engine (worker) id that ran it. */
  worker: number;
  submitted: number;
  started: number;
  completed: number;
  received: number;
  /** Items of the sequence in this task (a chunk of a map). */
  items: number;
  /** Index of the task's first item. */
  first: number;
  bytesIn: number;
  bytesOut: number;
  ok: boolean;
  /** Lines the task printed. */
  stdout: {
    /** `'driver'` for the script itself, otherwise the worker id. */
    source: 'driver' | number;
    level: 'log' | 'info' | 'warn' | 'error' | 'debug';
    text: string;
    time: number;
    taskId?: number;
  }[];
}

/**
 * The result of a parallel call, after ipyparallel's AsyncResult. Every call returns one
 * at once; the work runs in the background.
 *
 * @example
 * const ar = c.balanced().map(slowSquare, xs);
 * for await (const y of ar) print(y, `${ar.progress}/${ar.total}`);
 * print(ar.timing.speedup);
 */
interface AsyncResult<T> extends PromiseLike<T>, AsyncIterable<T extends (infer U)[] ? U : T> {
  /** Items (map) or tasks (apply, push...) in the call. */
  readonly total: number;
  /** How many are done. */
  readonly progress: number;
  /** Per-task metadata: worker, submitted, started, completed, received, items, stdout. */
  readonly metadata: TaskMetadata[];
  /** wall, serial (sum of compute), speedup and efficiency. */
  readonly timing: CallTiming;
  /** True once the call has finished (successfully or not). */
  ready(): boolean;
  /** True when it finished without an error. */
  successful(): boolean;
  /**
   * Waits up to `ms` milliseconds (forever when omitted); resolves to `ready()`.
   * @example if (!(await ar.wait(100))) print('still running');
   */
  wait(ms?: number): Promise<boolean>;
  /**
   * The value; rejects with a TimeoutError when it is not ready within `timeoutMs`.
   * @example const v = await ar.get({ timeoutMs: 5000 });
   */
  get(options?: { timeoutMs?: number }): Promise<T>;
  /** Cancels the tasks not yet started; the result rejects with a CancelledError. */
  abort(): void;
}

/** One result per target engine, or the bare result for a view on one engine (`c.view(0)`). */
type PerTarget<One extends boolean, V> = One extends true ? V : V[];

/**
 * Explicit control of each engine, after ipyparallel's DirectView.
 * @example
 * const v = c.view();
 * await v.scatter('x', numbers);        // each engine gets a contiguous part
 * await v.execute('var y = x.map((n) => n * 2)');
 * const all = await v.gather('y');      // parts joined in order
 */
interface DirectView<One extends boolean = false> {
  /** Engine ids this view targets. */
  readonly targets: number[];
  /**
   * Calls `fn(...args)` once on every target engine. Resolves to one result per engine
   * (a single value for `c.view(0)`).
   * @example const ids = await c.view().apply(() => workerId);
   */
  apply<A extends unknown[], R>(
    fn: (...args: A) => R,
    ...args: A
  ): AsyncResult<PerTarget<One, Awaited<R>>>;
  /**
   * Runs JavaScript source text as a script at each engine's global scope. Top-level
   * `const`, `let`, `function` and `class` stay defined for later calls.
   * @example await v.execute('const C = matmul(A, B)');
   */
  execute(code: string): AsyncResult<void>;
  /**
   * Defines globals on every target engine. Functions are sent as source text.
   * @example await v.push({ isPrime, limit: 1000 });
   */
  push(values: Record<string, unknown>): AsyncResult<void>;
  /**
   * Reads a global from every target engine (an array of values per engine for a list of names).
   * @example const parts = await v.pull('C');
   */
  pull(name: string): AsyncResult<PerTarget<One, unknown>>;
  pull(names: string[]): AsyncResult<PerTarget<One, unknown[]>>;
  /**
   * Splits a sequence into contiguous parts as ipyparallel does (10 items over 4 engines:
   * 3, 3, 2, 2) and defines `name` on each engine. Typed arrays stay typed. To use the
   * name in functions you send, tell the editor it exists on the engines with `declare`
   * (it emits no code).
   * @example
   * declare const x: Int32Array; // defined on the engines by scatter
   * await v.scatter('x', new Int32Array(10000));
   * const sizes = await v.apply(() => x.length);
   */
  scatter(name: string, seq: ArrayLike<unknown>): AsyncResult<void>;
  /**
   * Pulls `name` from each engine and joins the parts in engine order (typed arrays into one).
   * @example const y = await v.gather('y');
   */
  gather(name: string): AsyncResult<any>;
  /**
   * Static map: the sequences are split evenly, one task per engine, results in order.
   * Options may follow the sequences: `{ timeoutMs }` ends an item that runs longer (see
   * {@link DirectView.timeout}).
   * @example const squares = await v.map((x: number) => x * x, [1, 2, 3, 4]);
   * @example const ys = await v.map(slow, xs, { timeoutMs: 2000 });
   */
  map<R>(fn: (...items: any[]) => R, ...seqs: ArrayLike<unknown>[]): AsyncResult<Awaited<R>[]>;
  map<R>(
    fn: (...items: any[]) => R,
    ...args: [...seqs: ArrayLike<unknown>[], options: MapOptions]
  ): AsyncResult<Awaited<R>[]>;
  /**
   * The same view, whose calls (apply, map, execute, push, pull, scatter, gather) end any
   * item that runs longer than `ms` milliseconds: its worker is terminated and a fresh one
   * takes its place (names pushed to the old one are gone), the call fails with a
   * `TimeoutError` naming the item and worker, and every other task goes on.
   * @example
   * try {
   *   await c.view().timeout(1000).apply(() => { while (true) {} });
   * } catch (e) {
   *   print(e.name, e.message); // TimeoutError apply(...): item 0 on worker 0 ...
   * }
   */
  timeout(ms: number): DirectView<One>;
  /** Deletes every global the user defined on the target engines. */
  clear(): AsyncResult<void>;
}

/** Options of a load-balanced map. */
interface BalancedMapOptions {
  /**
   * Items per task. `'auto'` (default) starts at 1 and grows the chunk until each one
   * computes for about 20 ms, as joblib's auto batching does; tiny tasks then cost little.
   */
  chunkSize?: number | 'auto';
  /** `for await` order: input order (default true) or as results arrive (false). */
  ordered?: boolean;
  /**
   * The longest one item may run, ms: a stuck item's worker is terminated and replaced,
   * and the call fails with a TimeoutError naming the item; other tasks go on.
   */
  timeoutMs?: number;
}

/** Options of a static map, given after the sequences. */
interface MapOptions {
  /** The longest one item may run, ms (see {@link DirectView.timeout}). */
  timeoutMs?: number;
}

/**
 * Dynamic load balancing, after ipyparallel's LoadBalancedView: work goes to whichever
 * engine is free.
 * @example
 * const lv = c.balanced();
 * const ys = await lv.map(slow, xs, { chunkSize: 'auto' });
 */
interface LoadBalancedView {
  readonly targets: number[];
  /**
   * Maps `fn` over `seq` in chunks handed to engines as they become free. The result is
   * in input order; `for await` yields items as they arrive.
   * @example for await (const r of lv.map(f, xs, { ordered: false })) print(r);
   */
  map<T, R>(
    fn: (item: T) => R,
    seq: ArrayLike<T>,
    options?: BalancedMapOptions,
  ): AsyncResult<Awaited<R>[]>;
  /**
   * Runs `fn(...args)` once on whichever engine is free.
   * @example const r = await lv.submit((n: number) => n * 2, 21);
   */
  submit<A extends unknown[], R>(fn: (...args: A) => R, ...args: A): AsyncResult<Awaited<R>>;
  /**
   * The same view, whose maps and submits end any item that runs longer than `ms`
   * milliseconds with a `TimeoutError` (its worker is replaced by a fresh one).
   * @example const r = await lv.timeout(5000).submit(search, 42);
   */
  timeout(ms: number): LoadBalancedView;
}

/** A set of engines (Web Workers), after ipyparallel's Cluster and Client. */
interface Cluster {
  /** Engine ids: 0 .. size - 1. */
  readonly ids: number[];
  readonly size: number;
  /**
   * A DirectView on all engines, on one (`view(0)`: results are not wrapped in arrays),
   * or on a list of ids.
   */
  view(target: number): DirectView<true>;
  view(targets?: number[]): DirectView;
  /** A LoadBalancedView over all engines (or the listed ones). */
  balanced(targets?: number[]): LoadBalancedView;
}

/**
 * Starts (or reuses) engines. `workers`: `'auto'` = the machine's hardware threads (the
 * default, or the toolbar's worker count), a number, or joblib's negative numbers
 * (-1 all threads, -2 all but one).
 * @example const c = await cluster({ workers: 4 });
 */
declare function cluster(options?: { workers?: number | 'auto' }): Promise<Cluster>;

/**
 * A process pool in the style of Python's `multiprocessing.Pool`, sized by the toolbar's
 * worker count.
 * @example const ys = await pool.map((x: number) => x ** 2, [1, 2, 3]);
 */
declare const pool: {
  /** Maps in chunks of ceil(n / (4 * workers)) items, as Pool.map does; results in order. */
  map<T, R>(
    fn: (item: T) => R,
    items: ArrayLike<T>,
    options?: BalancedMapOptions,
  ): AsyncResult<Awaited<R>[]>;
  /** Number of workers in the pool. */
  readonly workers: number;
};

/**
 * Prints a line to the console panel, tagged with where it ran (the script or a worker).
 * @example print('pi is about', 4 * inside / n);
 */
declare function print(...values: unknown[]): void;

/** A typed array type: `Float64Array`, `Float32Array`, `Int32Array`, `Uint8Array` ... */
type TypedArrayType<T> = {
  new (length: number): T;
  new (buffer: ArrayBufferLike, byteOffset: number, length: number): T;
  readonly BYTES_PER_ELEMENT: number;
};

/**
 * A zero-filled typed array in shared memory (where the page is cross-origin isolated; else
 * an ordinary one). `scatter` of such an array copies nothing: every engine gets a view of
 * its part of the same memory, so what an engine writes there shows in your array, and
 * `gather` returns a view of it again. Any other typed array is copied once on scatter.
 * @example
 * const x = sharedArray(Float64Array, 1_000_000);
 * for (let i = 0; i < x.length; i++) x[i] = i;
 * await c.view().scatter('x', x);           // no copy
 * await c.view().execute('for (let i = 0; i < x.length; i++) x[i] *= 2');
 * print(x[999_999]);                         // 1999998: the engines wrote into x
 */
declare function sharedArray<
  T extends
    | Int8Array
    | Uint8Array
    | Uint8ClampedArray
    | Int16Array
    | Uint16Array
    | Int32Array
    | Uint32Array
    | Float32Array
    | Float64Array
    | BigInt64Array
    | BigUint64Array,
>(type: TypedArrayType<T>, length: number): T;

/** Resolves after `ms` milliseconds (in the script; never blocks a worker). */
declare function sleep(ms: number): Promise<void>;

/** On a worker: this engine's id (0, 1, ...), like ipyparallel's engine id. */
declare const workerId: number;

/**
 * On a worker: the index of the item being computed (map: its position in the input; apply:
 * the worker's position in the view; submit: the submit's number in the run, 0, 1, ...),
 * for per-item random streams. It stays right after an `await`: the items of an async
 * function run one after another on each worker.
 */
declare function taskIndex(): number;

/** Options of `plot.hist`. */
interface HistOptions {
  /** Number of equal-width bins, 1 to 1000 (default 30). */
  bins?: number;
  /** Chart title shown above it. */
  title?: string;
  /** `[min, max]` of the bins (default: the data's min and max); values outside are ignored. */
  range?: [number, number];
}

/** Options of `plot.scatter` and `plot.line`. */
interface SeriesOptions {
  /** Chart title shown above it. */
  title?: string;
  /** Name of the series (default `'y'`). */
  name?: string;
}

/**
 * Charts drawn in the results panel, from the script or from a function running on a
 * worker (the chart is tagged with the worker that drew it). Data is summarised where it
 * is, before it travels: a histogram sends only its bin counts, and series longer than
 * 5,000 points are evenly sampled (first and last points kept).
 * @example
 * plot.hist(samples, { bins: 40, title: 'distribution' });
 * plot.line(losses, { title: 'loss' });
 */
declare const plot: {
  /**
   * Histogram of `values` (an array of numbers or a typed array; NaN is ignored),
   * computed where it is called: ten million values cost 30 numbers on the way to the page.
   * @example plot.hist(Float64Array.from({ length: 1e6 }, Math.random), { bins: 20, title: 'uniform' });
   * @example plot.hist(times, { range: [0, 100] });
   */
  hist(values: ArrayLike<number>, options?: HistOptions): void;
  /**
   * Points `(x[i], y[i])` without connecting lines. `x` and `y` must have the same length.
   * @example
   * const xs = Array.from({ length: 500 }, Math.random);
   * plot.scatter(xs, xs.map((x) => x * x + Math.random() / 10), { title: 'y ≈ x²' });
   */
  scatter(x: ArrayLike<number>, y: ArrayLike<number>, options?: SeriesOptions): void;
  /**
   * A line through `(x[i], y[i])`; with `y` only, x is the index 0, 1, 2, ...; with strings
   * for `x`, they name the points along the axis.
   * @example plot.line([1, 4, 9, 16]);
   * @example plot.line(['mon', 'tue', 'wed'], [3, 5, 4], { title: 'runs per day' });
   * @example plot.line(ns, times, { title: 'time against n', name: 'ms' });
   * @example await c.view().apply(() => plot.line(history, { title: `worker ${workerId}` }));
   */
  line(y: ArrayLike<number>, options?: SeriesOptions): void;
  line(
    x: ArrayLike<number> | readonly string[],
    y: ArrayLike<number> | undefined,
    options?: SeriesOptions,
  ): void;
  /**
   * A bar per value, named along the x axis by `labels` (strings or numbers; at most 1,000
   * bars). With values only, bars are numbered 0, 1, 2, ...
   * @example plot.bar(['1 worker', '2 workers', '4 workers'], [812, 431, 240], { title: 'wall (ms)' });
   * @example plot.bar(countsPerWorker);
   */
  bar(values: ArrayLike<number>, options?: SeriesOptions): void;
  bar(
    labels: readonly (string | number)[],
    values: ArrayLike<number>,
    options?: SeriesOptions,
  ): void;
  /**
   * A heatmap of `width` x `height` numbers given row after row (`values[y * width + x]`),
   * coloured from the smallest value (dark blue) to the largest (yellow); NaN is left
   * blank. Images larger than 400 cells on a side are averaged down where they are drawn.
   * @example
   * const w = 300, h = 200, counts = new Float64Array(w * h);
   * // ... fill counts (a Mandelbrot escape count per pixel, say) ...
   * plot.image(counts, w, h, { title: 'Mandelbrot' });
   */
  image(
    values: ArrayLike<number>,
    width: number,
    height: number,
    options?: { title?: string },
  ): void;
};

/**
 * Shows rows as a table in the results panel (the first 200 rows; 1,000 at most are
 * sent). An array of objects gives one column per key (the union of all keys); an array
 * of arrays gives columns 0, 1, 2, ... Nested objects are shown as short text.
 * Works in the script and on workers.
 * @example table([{ workers: 1, ms: 812 }, { workers: 4, ms: 231 }], { title: 'scaling' });
 * @example table([[1, 'one'], [2, 'two']]);
 */
declare function table(rows: readonly unknown[], options?: { title?: string }): void;

/** The plain data of a generator (its key and position): what a worker receives when you send one. */
interface RngState {
  k0: number;
  k1: number;
  b0: number;
  b1: number;
  w: number;
  spawned: number;
}

/**
 * A stream of random numbers from Philox4x32-10, a counter-based generator: the numbers
 * depend only on the key and the position, so they are the same on every worker and on
 * the GPU (`g.random`). Make one with `rng(seed)`.
 * @example
 * const r = rng(42);
 * print(r.random(), r.integers(1, 7), r.normal(0, 1));
 */
interface Rng extends RngState {
  /** The next 32 random bits, an integer in [0, 2^32). */
  uint32(): number;
  /** A float in [0, 1) with 24 random bits: the same numbers `g.random(r, n)` makes on the GPU. */
  float32(): number;
  /**
   * A float in [0, 1) with 53 random bits; with `n`, a Float64Array of `n` of them.
   * @example const xs = rng(1).random(1000);
   */
  random(): number;
  random(n: number): Float64Array;
  /** A float in [low, high) (default [0, 1)). */
  uniform(low?: number, high?: number): number;
  /**
   * An integer in [low, high) (high excluded), without modulo bias.
   * @example const die = r.integers(1, 7);
   */
  integers(low: number, high: number): number;
  /**
   * A normal deviate (default mean 0, standard deviation 1); with `n`, a Float64Array.
   * @example const noise = r.normal(0, 0.1, 500);
   */
  normal(mean?: number, sd?: number): number;
  normal(mean: number, sd: number, n: number): Float64Array;
  /**
   * The stream of task or element `i`: it depends only on this generator's key and `i`,
   * so a result is the same whichever worker computes item `i` and however many there are.
   * @example await pool.map((i: number) => rng(7).stream(i).random(), ids);
   */
  stream(i: number): Rng;
  /**
   * `n` independent child generators (new ones on every call), after numpy's
   * `SeedSequence.spawn`: give one to each worker instead of the same seed.
   * @example
   * const streams = rng(42).spawn(4);
   * await c.view().map((s: RngState) => rng(s).random(3), streams);
   */
  spawn(n: number): Rng[];
  /** Moves on by `n` 32-bit words, as `n` calls of `uint32()` or `float32()` would. */
  skip(n: number): void;
  /** The key and position as plain data. */
  state(): RngState;
}

/**
 * Random numbers that are reproducible in parallel (Philox4x32-10, as in Random123, JAX
 * and cuRAND). `rng(seed)` works in the script and on workers; a generator sent to a
 * worker arrives as plain data and `rng(state)` continues it. The same seed on every
 * worker gives every worker the same samples: use `spawn` or `stream` instead.
 * @example
 * const r = rng(2024);
 * const [a, b] = r.spawn(2);          // independent streams
 * const mine = r.stream(taskIndex()); // on a worker: the stream of this item
 */
declare const rng: {
  (seed: number | RngState): Rng;
  /**
   * The raw Philox4x32-10 block: four 32-bit words for a 4-word counter and 2-word key.
   * @example rng.philox([0, 0, 0, 0], [0, 0]) // 6627e8d5 e169c58d bc57ac4c 9b00dbd8
   */
  philox(counter: ArrayLike<number>, key: ArrayLike<number>): Uint32Array;
};

/** The GPU adapter `gpu()` found. */
interface GpuAdapterInfo {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  /** A software adapter (e.g. SwiftShader): its timings are not GPU timings. */
  fallback: boolean;
  /** Kernel times come from timestamp queries (otherwise from CPU-side stamps). */
  timestamps: boolean;
  features: string[];
  /** maxBufferSize, maxStorageBufferBindingSize, maxComputeWorkgroupStorageSize ... */
  limits: Record<string, number>;
}

/** Typed arrays the GPU computes on directly (f32, i32, u32). */
type GpuTypedArray = Float32Array | Int32Array | Uint32Array;

/**
 * An array in GPU memory, after CuPy's ndarray: operations run on the GPU and return new
 * GPU arrays (or a number for reductions); `download()` brings the values back.
 * @example
 * const a = await g.array(new Float32Array([1, 2, 3, 4]), [2, 2]);
 * const b = await (await a.mul(2)).add(1);
 * print(await b.sum(), await b.download());
 */
interface GpuArray {
  readonly length: number;
  /** Element type: 'f32' (Float32Array), 'i32' (Int32Array) or 'u32' (Uint32Array). */
  readonly dtype: 'f32' | 'i32' | 'u32';
  readonly shape: number[];
  /** The values, copied back to a typed array. */
  download(): Promise<GpuTypedArray>;
  /** Elementwise with another GPU array of the same length, or a number. */
  add(other: GpuArray | number): Promise<GpuArray>;
  sub(other: GpuArray | number): Promise<GpuArray>;
  mul(other: GpuArray | number): Promise<GpuArray>;
  /** A float division, as in JavaScript. */
  div(other: GpuArray | number): Promise<GpuArray>;
  /** Elementwise `Math.<name>`. */
  apply(name: 'sqrt' | 'exp' | 'log' | 'abs' | 'sin' | 'cos' | 'tanh' | 'floor'): Promise<GpuArray>;
  /**
   * A JS function applied elementwise on the GPU (transpiled like `g.map`); the result stays on the GPU.
   * @example const y = await a.map((x, i, p) => x * p.k, { params: { k: 3 } });
   */
  map(
    fn: (x: number, i: number, p: any) => number,
    options?: { params?: Record<string, number | ArrayLike<number> | GpuArray> },
  ): Promise<GpuArray>;
  /** Sum, computed in the element type (f32 sums round like f32). */
  sum(): Promise<number>;
  min(): Promise<number>;
  max(): Promise<number>;
  mean(): Promise<number>;
  /**
   * Matrix product of 2-D f32 arrays (m × k) · (k × n), tiled in workgroup memory.
   * @example const C = await (await g.array(A, [m, k])).matmul(await g.array(B, [k, n]));
   */
  matmul(other: GpuArray): Promise<GpuArray>;
  /**
   * Counts in `bins` equal-width bins over `range` (default: min to max), with atomics;
   * the top of the range falls in the last bin, as in numpy.
   * @example const counts = await a.histogram(20, [0, 1]);
   */
  histogram(bins?: number, range?: [number, number]): Promise<Uint32Array>;
  /** Gives the GPU memory back now (it is also reclaimed when the array is garbage-collected). */
  free(): void;
}

/** The GPU of this run: `const g = await gpu()`. */
interface Gpu {
  /** The adapter: vendor, architecture, software or not, features and limits. */
  readonly info: GpuAdapterInfo;
  /**
   * Runs a JS function elementwise on the GPU: it is transpiled to WGSL (see the GPU panel).
   * The function gets one element of each input, then the index `i`, then the params `p`
   * (numbers become uniforms; arrays can be read by index, `p.src[i - 1]`). Supported:
   * numbers, arithmetic, comparisons, `&&`/`||`/`!`, `?:`, `Math.*`, `let`/`const`,
   * `if`/`else`, `for`/`while`. Types come from the inputs (Float32Array f32, Int32Array
   * i32, Uint32Array u32); Float64Array is converted to f32 with a warning.
   * @example
   * const ys = await g.map((x) => x * x + 1, new Float32Array([1, 2, 3]));
   * const smooth = await g.map((x, i, p) => (x + p.src[Math.max(i - 1, 0)]) / 2, xs, { params: { src: xs } });
   */
  map(
    fn: (...args: any[]) => number,
    ...inputsAndOptions: (
      | ArrayLike<number>
      | GpuArray
      | { params?: Record<string, number | ArrayLike<number> | GpuArray> }
    )[]
  ): Promise<GpuTypedArray>;
  /**
   * Runs hand-written WGSL (after CuPy's RawKernel). `bindings[i]` goes to
   * `@group(0) @binding(i)`: a typed array is uploaded and, when declared `read_write`,
   * updated in place afterwards; a GPU array is used where it is. Compiler messages are
   * shown at the WGSL's lines in the editor.
   * @example
   * const v = new Float32Array([1, 2, 3, 4]);
   * await g.kernel(`
   * @group(0) @binding(0) var<storage, read_write> v: array<f32>;
   * @compute @workgroup_size(64) fn main(@builtin(global_invocation_id) id: vec3u) {
   *   if (id.x < arrayLength(&v)) { v[id.x] = v[id.x] * 2.0; }
   * }`, { bindings: [v], workgroups: 1 });
   */
  kernel(
    wgsl: string,
    options: {
      bindings: (ArrayBufferView | GpuArray)[];
      workgroups: number | [number, number?, number?];
      entryPoint?: string;
    },
  ): Promise<void>;
  /**
   * Copies data to the GPU; `shape` (e.g. `[rows, cols]`) is for matmul.
   * @example const a = await g.array(new Float32Array(1024), [32, 32]);
   */
  array(data: ArrayLike<number>, shape?: number[]): Promise<GpuArray>;
  /**
   * `n` random numbers from `r`, on the GPU: the same numbers as `n` calls of
   * `r.float32()` (or `r.uint32()` with `{ dtype: 'uint32' }`); `r` moves on as far.
   * @example const u = await g.random(rng(7), 1_000_000);
   */
  random(r: Rng, n: number, options?: { dtype?: 'float32' | 'uint32' }): Promise<GpuArray>;
  /**
   * Maps `fn` over `xs` on the workers (pool.map) and on the GPU; shows both timings and
   * the largest difference against the f32 tolerance: |gpu - cpu| <= 5e-4 + 1e-4 |cpu|
   * (WGSL lets sin and cos be off by 2^-11 absolute).
   * @example const c = await g.compare((x: number) => Math.sqrt(x) * 2, xs);
   */
  compare(
    fn: (x: number) => number,
    xs: ArrayLike<number>,
  ): Promise<{
    cpu: { values: ArrayLike<number>; ms: number; workers: number };
    gpu: { values: ArrayLike<number>; ms: number; adapter: string; software: boolean };
    maxAbsDiff: number;
    maxRelDiff: number;
    tolerance: { rtol: number; atol: number };
    withinTolerance: boolean;
  }>;
  /** GPU memory held: bytes in use, pooled for reuse, buffers, and the peak. */
  memory(): { inUse: number; pooled: number; buffers: number; peak: number };
  /** Same as `a.download()`. */
  download(a: GpuArray): Promise<GpuTypedArray>;
}

/**
 * The GPU through WebGPU compute, once per run (later calls return the same device).
 * Rejects with a GpuUnavailableError saying why (no WebGPU, no adapter, a missing feature)
 * and what to do; CPU work in the script is unaffected.
 * @example
 * const g = await gpu();
 * print(g.info.architecture, g.info.fallback ? '(software)' : '');
 */
declare function gpu(options?: { features?: string[] }): Promise<Gpu>;
