/**
 * Composition root: the editor, the worker host, the panels and the automation API
 * (`window.fanout`, used by the command line, embeds and tests).
 */
import { now } from './core/clock';
import './ui/styles.css';
import './ui/timeline/timeline.css';
import './ui/embed.css';
import './ui/present.css';
import { RunModel } from './core/run-model';
import type {
  AutomationApi,
  RunLifecycleEvent,
  RunReport,
  SerializedError,
} from './protocol/messages';
import { serializeError } from './core/errors';
import { resolveWorkerCount } from './core/worker-count';
import { STARTER_SCRIPT } from './examples/starter';
import { ConsolePanel } from './ui/console-panel';
import type { PanelSlot } from './ui/panel';
import { createEditor, declareScriptApi, loadTypeScript } from './ui/editor';
import scriptApiDeclarations from './script-api/user-api.d.ts?raw';
import { formatMs } from './ui/format';
import { ErrorBox } from './ui/error-box';
import { ResultsPanel } from './ui/results-panel';
import { DrawLoop, holdDrawing } from './ui/draw-pace';
import { SummaryPanel } from './ui/summary-panel';
import { GpuPanel } from './ui/gpu-panel';
import { oversubscriptionText } from './ui/run-figures-view';
import { ScalingSweep } from './ui/scaling-sweep';
import { TimelineView } from './ui/timeline/timeline-view';
import { SandboxHost } from './host/sandbox-host';
import { openScriptSlots } from './ui/autosave';
import { installSharing } from './ui/gallery/install';
import { version } from '../package.json';
import { describeIsolation, settleIsolation } from './host/isolation';
import { parsePageMode } from './core/page-mode';
import { connectEmbed } from './embed/embed-bridge';
import { Announcer } from './ui/announcer';
import { setupPresentation } from './ui/presentation';
import { showTabHint } from './ui/editor-hint';

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const threads = navigator.hardwareConcurrency || 2;
const mode = parsePageMode(location.search);
document.documentElement.dataset.layout = mode.layout;

const runButton = $<HTMLButtonElement>('run');
const stopButton = $<HTMLButtonElement>('stop');
const workersSelect = $<HTMLSelectElement>('workers');
const status = $('status');

for (const [value, label] of [
  ['auto', `auto (${threads})`],
  // Counts above the hardware threads stay on offer (oversubscription is a lesson) but say so.
  ...[1, 2, 4, 8, 16].map((n) => [
    String(n),
    n > threads ? `${n} (> ${threads} threads)` : String(n),
  ]),
  ['-1', '-1 (all)'],
  ['-2', '-2 (all but one)'],
]) {
  workersSelect.add(new Option(label, value));
}
const workersWarning = $('workers-warning');
/** Shows the toolbar's warning when the selected count outnumbers the hardware threads. */
function warnOversubscription(): void {
  const n = resolveWorkerCount(workersSetting(), threads);
  const text = oversubscriptionText(n, threads);
  workersWarning.hidden = !text;
  workersWarning.textContent = text ? `⚠ ${n} workers > ${threads} threads` : '';
  workersWarning.title = text ?? '';
}
workersSelect.addEventListener('change', warnOversubscription);

// Before any worker starts: on a host without COOP/COEP this may reload the page once
// through the service worker (and then never resolves).
const isolation = await settleIsolation(mode.layout === 'embed');
const badge = $('isolation');
const badgeText = describeIsolation(isolation);
badge.textContent = badgeText.text;
badge.title = badgeText.title;
badge.classList.toggle('warn', isolation.kind === 'none');

const host = new SandboxHost(!new URLSearchParams(location.search).has('no-sandbox'));
const errorBox = new ErrorBox($('error'));
/**
 * The text panels redraw at most this often during a run: layout and paint of the page
 * compete with the workers for the same cores, and 4 updates a second read as live.
 */
const PANEL_INTERVAL_MS = 250;
/**
 * The timeline redraws at most this often during a run (10 frames a second). On a 2-core
 * machine the page's drawing takes CPU time the workers need, and only while they all
 * compute (the script's serial part leaves a core free), so it lowers the speedup a
 * stopwatch sees: during 8 pi tasks of ~40 ms on 2 workers, the panels and the timeline at
 * 8 and 20 updates a second cost the browser 100-250 ms of CPU per second of run. Between
 * runs it draws at once.
 */
const TIMELINE_INTERVAL_MS = 100;
const summary = new SummaryPanel(threads);
const timeline = new TimelineView($('workers-panel'));
/** The panels drawn from the run model: where each goes and how often it redraws in a run. */
const panels: PanelSlot[] = [
  { panel: summary, at: 'summary', intervalMs: PANEL_INTERVAL_MS },
  { panel: new ResultsPanel(), at: 'results', intervalMs: PANEL_INTERVAL_MS },
  { panel: new ConsolePanel(), at: 'console', intervalMs: PANEL_INTERVAL_MS },
  { panel: new GpuPanel(), at: 'gpu-panel', intervalMs: PANEL_INTERVAL_MS },
  { panel: timeline, at: 'timeline', intervalMs: TIMELINE_INTERVAL_MS },
];
for (const { panel, at } of panels) panel.mount($(at));
declareScriptApi(scriptApiDeclarations);
// The person's own script and the example or link they look at live in separate slots. An
// embed shows the host page's code: it neither reads nor overwrites them (memory-only slots),
// since they live in the same storage when the embed is on the app's origin.
const embedded = mode.layout === 'embed';
const slots = openScriptSlots(STARTER_SCRIPT, !embedded);
const announcer = new Announcer($('announcer'));
const editorHint = $('editor-hint');
showTabHint(editorHint, false);
const editor = createEditor(
  $('editor'),
  slots.visited() ?? slots.own(),
  runFromPage,
  stop,
  (moves) => showTabHint(editorHint, moves),
);
editor.onChange(() => slots.save(editor.getText()));

let model: RunModel | undefined;
/** True from the moment Run is pressed (compiling included) until the run has ended. */
let running = false;
host.onEvents = (events) => model?.apply(events);
host.onWorkerError = (source, text) =>
  model?.apply([{ type: 'output', line: { source, level: 'error', text, time: now() } }]);

function workersSetting(): number | 'auto' {
  const v = workersSelect.value;
  return v === 'auto' ? 'auto' : Number(v);
}

/** Selects a worker setting, adding it to the list when it is not one of the presets (3, say). */
function setWorkers(workers: number | 'auto'): void {
  // An invalid count throws the UsageError that says what to use; the toolbar stays as it was.
  resolveWorkerCount(workers, threads);
  const value = String(workers).trim().toLowerCase();
  if (![...workersSelect.options].some((o) => o.value === value)) {
    workersSelect.add(new Option(value, value));
  }
  workersSelect.value = value;
  warnOversubscription();
}

/** Runs started since the page loaded; the current or last run's number. */
let runCount = 0;
/** The run whose events `model` holds. */
let modelRun = 0;
const runListeners = new Set<(event: RunLifecycleEvent) => void>();
function announce(event: RunLifecycleEvent): void {
  for (const listener of runListeners) listener(event);
}

/** Draws the panels (true when drawing is held); a panel that fails is reported once. */
function drawSafely(): boolean {
  try {
    return drawPanels();
  } catch (e) {
    if (!drawFailed) {
      drawFailed = true;
      const message = e instanceof Error ? e.message : String(e);
      errorBox.show({
        name: 'DrawError',
        message: `The page could not draw the run: ${message}`,
        hint: 'The run goes on; reload the page if the panels stay wrong (your text is saved).',
      });
    }
    return false;
  }
}
const drawLoop = new DrawLoop(drawSafely, () => host.busy);
let drawFailed = false;

/** When each panel (and the announcer, with the text panels) last drew, on the page clock. */
const drawnAt = new Map<object, number>();

/** When any panel last drew during the run, on the page clock. */
let lastDrawn = -Infinity;

/**
 * Draws every panel whose interval has passed (all of them once the run is over); while
 * every hardware thread computes, all together and less often (see ui/draw-pace.ts).
 */
function drawPanels(): boolean {
  if (!model) return false;
  const t = now();
  if (host.busy && holdDrawing(model, threads, t - lastDrawn)) return true;
  const due = (key: object, intervalMs: number): boolean => {
    if (host.busy && t - (drawnAt.get(key) ?? -Infinity) < intervalMs) return false;
    drawnAt.set(key, t);
    lastDrawn = t;
    return true;
  };
  for (const { panel, intervalMs } of panels) if (due(panel, intervalMs)) panel.render(model, t);
  if (due(announcer, PANEL_INTERVAL_MS)) announcer.callsFinished(model);
  return false;
}

/** Runs the editor's script; resolves with the run's report. */
async function run(code?: string, workers?: number | 'auto'): Promise<RunReport> {
  if (running) throw new Error('a run is already in progress: stop it first');
  running = true;
  runButton.disabled = true;
  const runId = ++runCount;
  announce({ type: 'run-start', runId });
  let report: RunReport | undefined;
  try {
    report = await runOnce(code, workers);
    return report;
  } finally {
    announce({ type: 'run-end', runId, report: report ?? failedReport() });
    running = false;
    runButton.disabled = false;
    stopButton.disabled = true;
  }
}

/** Runs from a button or key: a failure to start is shown, never thrown into the void. */
function runFromPage(): void {
  if (running) return;
  run().catch((e: unknown) => {
    const err = e instanceof Error ? e : new Error(String(e));
    errorBox.show({
      name: err.name,
      message: err.message,
      hint: 'Reload the page if this persists; your text is saved.',
    });
    setStatus('Failed', `${err.name}: ${err.message}`);
  });
}

/** Shows `text` in the toolbar and announces it (with `detail`) to screen readers, once. */
function setStatus(text: string, detail?: string): void {
  status.textContent = text;
  const sentence = /[.…]$/.test(text) ? text : `${text}.`;
  announcer.say(detail ? `${sentence} ${detail}` : sentence);
}

/** Ends a run that could not start (bad settings, syntax error) with its error shown. */
function refuse(error: SerializedError, state: string, detail?: string): RunReport {
  const t = now();
  model = new RunModel(t);
  model.finish({ ok: false, error, started: t, ended: t, workers: 0 });
  errorBox.show(error);
  setStatus(state, detail ?? error.message);
  return model.report();
}

async function runOnce(code?: string, workers?: number | 'auto'): Promise<RunReport> {
  if (code !== undefined) editor.setText(code);
  errorBox.clear();
  drawFailed = false;
  editor.markError(undefined);
  if (workers !== undefined) {
    try {
      setWorkers(workers);
    } catch (e) {
      return refuse(serializeError(e), 'Failed');
    }
  }
  const compiled = await editor.compile();
  model = new RunModel(now());
  modelRun = runCount;
  if (!compiled.ok) {
    editor.markError(compiled.line, compiled.message);
    const hint = 'Fix the marked line, then run again.';
    const error = { name: 'SyntaxError', message: compiled.message, line: compiled.line, hint };
    return refuse(error, 'Syntax error', `Line ${compiled.line}: ${compiled.message}`);
  }
  const current = model;
  summary.setScript(editor.getText());
  stopButton.disabled = false;
  setStatus('Running…');
  document.body.dataset.state = 'running';
  const outcome = host.run({
    js: compiled.js,
    sourceMap: compiled.sourceMap,
    workers: workersSetting(),
    hardwareThreads: threads,
  });
  drawLoop.start();
  const result = await outcome;
  current.finish(result);
  document.body.dataset.state = result.ok ? 'done' : result.stopped ? 'stopped' : 'failed';
  announcer.callsFinished(current);
  const failure =
    result.error && !result.stopped
      ? `${result.error.name}${result.error.line ? ` at line ${result.error.line}` : ''}: ${result.error.message}`
      : undefined;
  setStatus(
    result.ok ? `Done in ${formatMs(current.wall())}` : result.stopped ? 'Stopped' : 'Failed',
    failure,
  );
  // Stop is an ordinary action, not an error: the status says so and the panels keep the
  // state as it was at the stop.
  status.title = result.stopped
    ? `Stopped after ${formatMs(current.wall())}: the workers were terminated; the panels show the run as it was at the stop.`
    : '';
  if (result.error && !result.stopped) {
    errorBox.show(result.error);
    editor.markError(result.error.line, `${result.error.name}: ${result.error.message}`);
  }
  summary.remember(current, `${workersSelect.selectedOptions[0]?.text ?? ''} workers`);
  drawLoop.draw();
  const report = current.report();
  sharing?.afterRun(report);
  return report;
}

/** The report of a run that failed before it produced one (the page could not start it). */
function failedReport(): RunReport {
  return {
    ok: false,
    workers: 0,
    wall: 0,
    output: [],
    calls: [],
    error: { name: 'Error', message: 'the run could not start' },
  };
}

function stop(): void {
  if (host.busy) host.stop();
}

runButton.addEventListener('click', runFromPage);
stopButton.addEventListener('click', stop);
document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape' && host.busy) stop();
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
    e.preventDefault();
    runFromPage();
  }
});
status.textContent = 'Ready';

// Run needs no TypeScript worker (the script is emitted by a light type stripper), so the
// page is ready now; the worker, with type checking, loads when the person turns to the
// editor or once the page has been idle for a moment, and never while a run is busy.
const warmUp: Promise<void> = editor.compile().then(() => undefined);
const TYPESCRIPT_IDLE_MS = 1500;
const loadTypeScriptWhenIdle = (): void => {
  if (host.busy) setTimeout(loadTypeScriptWhenIdle, TYPESCRIPT_IDLE_MS);
  // Safari before 18 has no requestIdleCallback.
  else if (typeof requestIdleCallback !== 'function') loadTypeScript();
  else requestIdleCallback(loadTypeScript, { timeout: TYPESCRIPT_IDLE_MS });
};
setTimeout(loadTypeScriptWhenIdle, TYPESCRIPT_IDLE_MS);

// The scaling sweep runs the script with 1, 2, 4 ... workers through `run`; Stop cancels it.
const summaryEl = $('summary');
const sweep = new ScalingSweep({
  button: $<HTMLButtonElement>('sweep'),
  maxSelect: $<HTMLSelectElement>('sweep-max'),
  workersSelect,
  parent: summaryEl.parentElement ?? document.body,
  before: summaryEl.nextElementSibling,
  run: (n) => run(undefined, n),
  busy: () => running,
  threads,
});

/** Panels and the sweep read colours and sizes again after the theme or the layout changed. */
function restyle(): void {
  for (const { panel } of panels) panel.restyle?.();
  sweep.restyle();
}
matchMedia('(prefers-color-scheme: light)').addEventListener('change', restyle);
setupPresentation({
  button: $<HTMLButtonElement>('present'),
  initial: mode.layout === 'present',
  setEditorFontSize: (px) => editor.setFontSize(px),
  restyle,
});

// Examples, share links (read from the URL hash) and the run's downloads.
const sharing = embedded
  ? undefined
  : installSharing({
      slots,
      editor: {
        getText: editor.getText,
        setText: editor.setText,
        focus: () => editor.editor.focus(),
      },
      examplesButton: $<HTMLButtonElement>('examples'),
      shareButton: $<HTMLButtonElement>('share'),
      banner: $('source-banner'),
      downloads: $('run-downloads'),
      workersSelect,
      threads,
      showError: (e) => errorBox.show(e),
      clearError: () => errorBox.clear(),
      report: () => (model?.outcome ? model.report() : undefined),
      diagnostics: () => editor.diagnostics(),
      version,
    });

/** The automation API: the command line, embeds and tests drive the page through it. */
const api: AutomationApi = {
  ready: warmUp,
  run: ({ code, workers }: { code?: string; workers?: number | 'auto' } = {}) => run(code, workers),
  stop,
  getCode: () => editor.getText(),
  setCode: (code: string) => editor.setText(code),
  markers: () =>
    editor.errorMarkers().map((m) => ({ line: m.startLineNumber, message: m.message })),
  diagnostics: () => editor.diagnostics(),
  report: () => model?.report(),
  setWorkers,
  snapshot: (since = 0) => {
    if (!model) return undefined;
    const { lines, next, dropped } = model.linesSince(since);
    return {
      runId: modelRun,
      running: running && modelRun === runCount,
      progress: model.progress(now()),
      lines: lines.map((l) => ({ source: l.source, level: l.level, text: l.text })),
      next,
      dropped,
    };
  },
  subscribe: (listener) => {
    runListeners.add(listener);
    return () => runListeners.delete(listener);
  },
};
declare global {
  interface Window {
    fanout: AutomationApi;
  }
}
window.fanout = api;

// In an iframe with ?embed, the host page drives the page through the same API (postMessage).
if (embedded) {
  const restricted = mode.embedOrigins.length > 0 || mode.badOrigins.length > 0;
  const bridge = connectEmbed({
    api,
    allowedOrigins: restricted ? mode.embedOrigins : 'any',
    hardwareThreads: threads,
    crossOriginIsolated,
    workers: workersSetting,
  });
  if (mode.badOrigins.length > 0) {
    errorBox.show({
      name: 'EmbedError',
      message: `origin=${mode.badOrigins.join(',')} is not an origin, so no host page may drive this embed`,
      hint: 'Give origins as scheme://host[:port], e.g. ?embed&origin=https://your.site',
    });
  }
  if (bridge) {
    const sayReady = (): void => bridge.announce();
    warmUp.then(sayReady, sayReady);
  }
}
