import { test as base, expect } from '@playwright/test';
import type { Page } from '@playwright/test';
import type { RunReport } from '../src/protocol/messages';

/**
 * Opens the app in `page` with a fresh autosave (kept across reloads within the page) and
 * collects its page errors and console errors into `problems`.
 */
export async function openApp(page: Page, problems: string[]): Promise<void> {
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console.error: ${m.text()}`);
  });
  await page.addInitScript(() => {
    // The run sandbox's frame (an opaque origin) has no storage: nothing to clear there.
    if (self.origin === 'null') return;
    if (sessionStorage.getItem('fanout-test')) return;
    localStorage.clear();
    sessionStorage.setItem('fanout-test', '1');
  });
  await page.goto('/');
  await page.waitForFunction(() => window.fanout !== undefined);
}

/** Opens the app and fails the test on any page error or console error (Vite's playground does the same). */
export const test = base.extend<{ app: Page }>({
  app: async ({ page }, use) => {
    const problems: string[] = [];
    await openApp(page, problems);
    await use(page);
    expect(problems, 'page errors').toEqual([]);
  },
});

export { expect };

/** Runs `code` through the page's automation API and returns the report. */
export function runScript(
  page: Page,
  code: string,
  workers: number | 'auto' = 2,
): Promise<RunReport> {
  return page.evaluate(({ code, workers }) => window.fanout.run({ code, workers }), {
    code,
    workers,
  });
}

/** The printed lines of a report, as text. */
export function lines(report: RunReport): string[] {
  return report.output.map((l) => l.text);
}

/**
 * Stops the run from inside the page (Escape, or a click on Stop) and returns the
 * milliseconds until the status says "Stopped", measured in the page itself.
 */
export function stopAndTime(page: Page, how: 'escape' | 'button'): Promise<number> {
  return page.evaluate(
    (how) =>
      new Promise<number>((resolve) => {
        const status = document.getElementById('status')!;
        const t0 = performance.now();
        const watch = new MutationObserver(() => {
          if (status.textContent !== 'Stopped') return;
          watch.disconnect();
          resolve(performance.now() - t0);
        });
        watch.observe(status, { childList: true, characterData: true, subtree: true });
        if (how === 'escape')
          document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
        else document.getElementById('stop')!.click();
      }),
    how,
  );
}
