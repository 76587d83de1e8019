/**
 * "Download the run": the report as JSON, the shape `fanout run --json` prints, in one
 * click. (The timeline's own toolbar saves the Chrome trace: "Export trace".)
 */
import { h, downloadText } from './build';

/** The button that saves the last run's report. */
export class RunDownloads {
  private readonly button: HTMLButtonElement;

  /**
   * Adds the button to `parent`, disabled until {@link setReady}.
   * @param report the report in the `--json` shape, undefined before the first run
   */
  constructor(
    parent: HTMLElement,
    private readonly report: () => Promise<unknown>,
    private readonly onError: (e: unknown) => void,
  ) {
    this.button = h(
      'button',
      {
        class: 'small',
        id: 'download-report',
        title:
          'The run report as JSON, the same shape as `fanout run --json` (the timeline saves a Chrome trace: Export trace)',
        onClick: () => this.save(),
      },
      'Download report (JSON)',
    );
    parent.append(this.button);
    this.setReady(false);
  }

  /** Enables the button when there is a finished run to save. */
  setReady(ready: boolean): void {
    this.button.disabled = !ready;
  }

  private save(): void {
    this.report()
      .then((report) => {
        if (report === undefined) return;
        downloadText(
          `fanout-report-${stamp()}.json`,
          `${JSON.stringify(report, null, 2)}\n`,
          'application/json',
        );
      })
      .catch(this.onError);
  }
}

/** `2026-11-22T05-40-12`: a file-name-safe local time. */
function stamp(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}-${p(d.getMinutes())}-${p(d.getSeconds())}`;
}
