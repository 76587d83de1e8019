/**
 * Runs one script: installs the API as globals, runs the script as the body of a strict
 * async function (or imports it as a module, when only a module parses it), so top-level
 * `await` works and line numbers are exact, waits for its parallel calls, and reports how
 * it ended with the error mapped to its editor line.
 */
import { now } from '../core/clock';
import { formatArgs } from '../core/inspect';
import { serializeError, UsageError } from '../core/errors';
import { createRngGlobal } from '../core/rng';
import type { RngGlobal } from '../core/rng';
import { resolveWorkerCount } from '../core/worker-count';
import type { HostApi, RunOutcome, RunRequest, SerializedError } from '../protocol/messages';
import { ConsoleCapture } from '../worker-shared/console-capture';
import { preventClose } from '../worker-shared/prevent-close';
import { createEntryPoints } from './cluster';
import type { EventBuffer } from './events';
import { createPlotApi } from '../worker-shared/plot-api';
import type { PlotApi } from '../worker-shared/plot-api';
import { createGpuEntry } from '../gpu/gpu-entry';
import { Runtime } from './runtime';
import { ScriptActivity } from './script-activity';
import { createSharedArrayGlobal } from './shared-memory';
import { ScriptSource } from './source-map';

/**
 * The globals the driver defines for the script (besides `print`, see ConsoleGlobals). The
 * editor declares them in src/script-api/user-api.d.ts; the type test beside it checks the
 * two agree.
 */
export interface DriverGlobals extends PlotApi, ReturnType<typeof createEntryPoints> {
  rng: RngGlobal;
  gpu: ReturnType<typeof createGpuEntry>['gpu'];
  sleep: (ms: number) => Promise<void>;
  sharedArray: ReturnType<typeof createSharedArrayGlobal>;
}

/** Names of the globals each run defines anew (the script's API), filled as they are. */
export const SCRIPT_GLOBALS = new Set<PropertyKey>(['print']);

/** How a script is started, the name its frames have in stack traces, and their line offset. */
interface Entry {
  start: () => Promise<unknown>;
  url: string;
  lineOffset: number;
  dispose: () => void;
}

type AsyncFunctionConstructor = new (body: string) => () => Promise<unknown>;
// eslint-disable-next-line @typescript-eslint/require-await -- only its constructor is wanted
const AsyncFunction = (async () => undefined).constructor as AsyncFunctionConstructor;
/**
 * Lines before the script's first line in an async function's source: the two V8 puts
 * before the body (`(async function anonymous(` and `) {`) and the 'use strict' line.
 */
const BODY_OFFSET = 3;
let scripts = 0;
/**
 * Scripts compiled in earlier runs of this (reused) worker, by text: a script run again
 * keeps the code the JIT optimized for it (its serial loops start at full speed, as its
 * functions do on the engines). The body is stateless: each call runs the script afresh.
 */
const bodies = new Map<string, { body: () => Promise<unknown>; url: string }>();
const MAX_BODIES = 16;

/**
 * Makes the script's entry. Most scripts run as the body of a strict async function, which
 * starts at once; loading a module (a blob URL through the browser's loader) took about
 * 10 ms per Run in a warm worker. A script that only parses as a module (`import` or
 * `export` statements, `import.meta`) is imported as one, with the module's semantics and
 * errors.
 */
function entryOf(js: string): Entry {
  const kept = bodies.get(js);
  // Called without a receiver, so `this` at the script's top level is undefined.
  if (kept) {
    const { body, url } = kept;
    return { start: () => body(), url, lineOffset: BODY_OFFSET, dispose: () => undefined };
  }
  const url = `fanout-script-${++scripts}.js`;
  try {
    const body = new AsyncFunction(`'use strict';\n${js}\n//# sourceURL=${url}`);
    if (bodies.size >= MAX_BODIES) bodies.clear();
    bodies.set(js, { body, url });
    return { start: () => body(), url, lineOffset: BODY_OFFSET, dispose: () => undefined };
  } catch (e) {
    if (!(e instanceof SyntaxError)) throw e;
  }
  const blob = URL.createObjectURL(new Blob([js], { type: 'text/javascript' }));
  return {
    start: () => import(/* @vite-ignore */ blob),
    url: blob,
    lineOffset: 0,
    dispose: () => URL.revokeObjectURL(blob),
  };
}

/** Runs `request.js` to completion and describes the outcome. */
export async function runScript(
  request: RunRequest,
  host: HostApi,
  events: EventBuffer,
): Promise<RunOutcome> {
  const entry = entryOf(request.js);
  const script = new ScriptSource(request.js, entry.url, request.sourceMap, entry.lineOffset);
  const rt = new Runtime(events, script, host, request.workers, request.hardwareThreads);
  new ConsoleCapture('driver', (line) => rt.output(line));
  const gpuEntry = installGlobals(rt, script);
  const onRejection = reportUnhandledRejections(rt);

  let error: SerializedError | undefined;
  let started = now();
  const activity = new ScriptActivity(
    now,
    () => rt.callsInFlight > 0,
    (e) => rt.events.push(e),
  );
  rt.onCallsDone = () => activity.resume();
  events.saturated = () => rt.saturated();
  try {
    await rt.ensureEngines(resolveWorkerCount(request.workers, request.hardwareThreads));
    started = now();
    activity.start();
    await entry.start();
  } catch (e) {
    error = describe(e, script);
    rt.cancelPending();
  }
  rt.abandonTimedOut();
  await rt.whenIdle();
  rt.watch.stop();
  activity.stop();
  await gpuEntry.close();
  const ended = now();
  warnUnobserved(rt, ended);
  entry.dispose();
  self.removeEventListener('unhandledrejection', onRejection);
  events.flush();
  return {
    ok: !error,
    ...(error ? { error } : {}),
    started,
    ended,
    // A script that never asked for workers ran on the default count (the scaling sweep's).
    workers: rt.workersUsed || resolveWorkerCount(request.workers, request.hardwareThreads),
    batches: events.sent,
  };
}

/** Defines the script's globals (the API); returns the GPU entry, closed when the run ends. */
function installGlobals(rt: Runtime, script: ScriptSource): ReturnType<typeof createGpuEntry> {
  const { cluster, pool } = createEntryPoints(rt);
  const plotApi = createPlotApi((e) => rt.events.push(e), 'driver');
  const gpuEntry = createGpuEntry({
    emit: (e) => rt.events.push(e),
    callId: () => rt.callId(),
    callSiteLine: () => rt.callSiteLine(),
    positionIn: (text, line, column) => script.editorPositionIn(text, line, column),
    warn: (text) => rt.output({ source: 'driver', level: 'warn', text, time: now() }),
    cpuMap: async (fn, xs) => {
      const ar = pool.map(fn as (x: number) => number, xs);
      const values = await ar;
      return { values, ms: ar.timing.wall, workers: pool.workers };
    },
    table: (rows, title) => plotApi.table(rows, { title }),
  });
  preventClose('script');
  const globals: DriverGlobals = {
    cluster,
    pool,
    gpu: gpuEntry.gpu,
    ...plotApi,
    rng: createRngGlobal(),
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    sharedArray: createSharedArrayGlobal(() => rt.callSiteLine()),
  };
  Object.assign(globalThis, globals);
  for (const name of Object.keys(globals)) SCRIPT_GLOBALS.add(name);
  return gpuEntry;
}

/**
 * A promise the script forgot to await, rejected: says so in the console instead of losing
 * it. Returns the listener, removed when the run ends.
 */
function reportUnhandledRejections(rt: Runtime): (e: PromiseRejectionEvent) => void {
  const onRejection = (e: PromiseRejectionEvent) => {
    e.preventDefault();
    rt.output({
      source: 'driver',
      level: 'error',
      text: `Unhandled rejection (a promise nobody awaited failed): ${formatArgs([e.reason])}`,
      time: now(),
    });
  };
  self.addEventListener('unhandledrejection', onRejection);
  return onRejection;
}

/** Warns about each call that failed while nothing awaited it. */
function warnUnobserved(rt: Runtime, time: number): void {
  for (const r of rt.unobservedFailures()) {
    rt.output({
      source: 'driver',
      level: 'warn',
      text: `${r.label} failed and nothing awaited it: ${formatArgs([r.error])}`,
      time,
    });
  }
}

/** Serializes a script failure with the editor line where it happened. */
function describe(e: unknown, script: ScriptSource): SerializedError {
  const s = serializeError(e);
  if (s.line === undefined) {
    const pos = script.positionInStack(s.stack);
    if (pos) {
      s.line = pos.line;
      s.column = pos.column;
    }
  }
  if (e instanceof UsageError && e.hint) s.hint = e.hint;
  return s;
}
