import type { Page } from '@playwright/test';
import { expect, lines, openApp, runScript, test } from '../fixtures';

/**
 * What every fault case checks after the fault: the page still answers, the editor still
 * holds `code`, nothing is left running, and the next Run works and prints its answer.
 */
export async function expectRecovered(page: Page, code: string): Promise<void> {
  await expect(page.locator('#status')).not.toHaveText(/Running/);
  await expect(page.getByRole('button', { name: /Run/ })).toBeEnabled();
  expect(await page.evaluate(() => window.fanout.getCode())).toBe(code);
  const report = await runScript(
    page,
    `const c = await cluster({ workers: 2 }); print('next', (await c.view().map((x: number) => x * 2, [1, 2, 3])).join(','));`,
  );
  expect(report.error).toBeUndefined();
  expect(lines(report)).toEqual(['next 2,4,6']);
  await expect(page.locator('#status')).toHaveText(/Done/);
}

/** Runs `code` from the page (as a person would, with the Run button) and waits for the end. */
export async function runFromPage(page: Page, code: string): Promise<void> {
  await page.evaluate((c) => window.fanout.setCode(c), code);
  await page.getByRole('button', { name: /Run/ }).click();
  await expect(page.locator('#status')).not.toHaveText(/Running|Ready/);
}

/** The console panel's text. */
export function consoleText(page: Page): Promise<string> {
  return page.getByTestId('console').innerText();
}

/**
 * One page for every test of a describe block (faults that leave nothing behind need no
 * fresh page, and a page load costs seconds): opened before the first test with a fresh
 * autosave, each test failing on a page error or console error as the `app` fixture does.
 */
export function useSharedPage(): () => Page {
  let page: Page | undefined;
  const problems: string[] = [];
  test.beforeAll(async ({ browser }) => {
    page = await browser.newPage();
    await openApp(page, problems);
  });
  test.afterEach(() => {
    const seen = problems.splice(0);
    expect(seen, 'page errors').toEqual([]);
  });
  test.afterAll(async () => {
    await page?.close();
  });
  return () => {
    if (!page) throw new Error('the shared page is not open');
    return page;
  };
}
