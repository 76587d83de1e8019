/**
 * Wires the gallery, share links and run downloads into the page: the toolbar's Examples
 * and Share buttons, the banner beside the code, and the download buttons.
 */
import { EXAMPLES, findExample } from '../../examples/gallery';
import type { RunReport, SerializedError } from '../../protocol/messages';
import type { LinkSettings } from '../../share/link-codec.js';
import type { ScriptSlots } from '../../share/script-slots';
import { browserName } from './build';
import './gallery.css';
import { GalleryDialog } from './gallery-dialog';
import { RunDownloads } from './run-downloads';
import { ScriptSources } from './script-sources';
import { ShareDialog } from './share-dialog';
import { SourceBanner } from './source-banner';

/** What the page gives the gallery and sharing features. */
export interface SharingDeps {
  slots: ScriptSlots;
  editor: { getText(): string; setText(text: string): void; focus(): void };
  examplesButton: HTMLButtonElement;
  shareButton: HTMLButtonElement;
  banner: HTMLElement;
  downloads: HTMLElement;
  workersSelect: HTMLSelectElement;
  threads: number;
  showError(error: SerializedError): void;
  clearError(): void;
  /** The last finished run's report. */
  report(): RunReport | undefined;
  /** TypeScript's errors in the editor (for the JSON report's `typeErrors`). */
  diagnostics(): Promise<{ line: number; message: string }[]>;
  /** Fanout's version, for the JSON report. */
  version: string;
}

/** The handle the page keeps: call {@link Sharing.afterRun} when a run ends. */
export interface Sharing {
  sources: ScriptSources;
  /** Enables the downloads and shows the two-run comparison of a link. */
  afterRun(report: RunReport): void;
}

/** Creates the gallery, the banner, the share dialog and the downloads; opens a link in the hash. */
export function installSharing(deps: SharingDeps): Sharing {
  const { workersSelect } = deps;
  const banner = new SourceBanner(deps.banner, {
    backToOwn: () => sources.backToOwn(),
    keepAsOwn: () => sources.keepAsOwn(),
    openExample: (id) => sources.openExample(id),
  });
  const sources = new ScriptSources({
    slots: deps.slots,
    editor: deps.editor,
    banner,
    findExample,
    showError: (error) => deps.showError(error),
    clearError: () => deps.clearError(),
    applySettings: ({ workers }) => selectWorkers(workersSelect, workers),
  });
  const gallery = new GalleryDialog(EXAMPLES, {
    openExample: (id) => sources.openExample(id),
    backToOwn: () => sources.backToOwn(),
    current: () => sources.current(),
  });
  const workers = (): number | 'auto' =>
    workersSelect.value === 'auto' ? 'auto' : Number(workersSelect.value);
  const browser = browserName();
  const share = new ShareDialog({
    shared: () => ({ code: deps.editor.getText(), settings: { workers: workers() } }),
    sender: () => senderOf(deps, browser),
  });
  const onError = (e: unknown): void => {
    const err = e instanceof Error ? e : new Error(String(e));
    deps.showError({ name: err.name, message: err.message, hint: 'Try again after the next run.' });
  };
  const downloads = new RunDownloads(
    deps.downloads,
    () => jsonReport(deps, sources, workers(), browser),
    onError,
  );
  deps.examplesButton.addEventListener('click', () => gallery.open());
  deps.shareButton.addEventListener('click', () => {
    share.open().catch(onError);
  });
  sources.start().catch(onError);
  return {
    sources,
    afterRun(report) {
      downloads.setReady(true);
      sources.afterRun({ threads: deps.threads, browser, report });
    },
  };
}

/** Sets the worker-count select to a link's count, adding it as an option when missing. */
function selectWorkers(select: HTMLSelectElement, workers: LinkSettings['workers']): void {
  const value = String(workers);
  if (![...select.options].some((o) => o.value === value)) select.add(new Option(value, value));
  select.value = value;
}

/** Who shares a link: this machine's threads and browser, and the last run's figures. */
function senderOf(deps: SharingDeps, browser: string) {
  const r = deps.report();
  return {
    threads: deps.threads,
    browser,
    ...(r && {
      run: {
        ok: r.ok,
        workers: r.workers,
        wall: r.wall,
        calls: r.calls.map((c) => ({
          label: c.label,
          wall: c.timing.wall,
          speedup: c.timing.speedup,
          tasks: c.timing.tasks,
        })),
      },
    }),
  };
}

/** The run's JSON report for the download: the report, the file, the request and the browser. */
async function jsonReport(
  deps: SharingDeps,
  sources: ScriptSources,
  requestedWorkers: number | 'auto',
  browser: string,
) {
  const r = deps.report();
  if (!r) return undefined;
  return {
    ...r,
    file: sources.fileName(),
    requestedWorkers,
    typeErrors: await deps.diagnostics(),
    browser: { version: browser, crossOriginIsolated },
    fanoutVersion: deps.version,
  };
}
