import type { Page } from '@playwright/test';
import { expect, lines, runScript } from '../fixtures';

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
