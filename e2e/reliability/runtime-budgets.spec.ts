import type { Page } from '@playwright/test';
import { expect, lines, runScript, test } from '../fixtures';
import { expectRecovered } from './health';

/**
 * Floods stay bounded: a run keeps a budget of console lines, charts and tables, says how
 * many more it did not keep, and the page answers input during the run with its memory
 * flat afterwards (JS heap after a garbage collection, measured over the DevTools protocol).
 */

/** The page's JS heap in bytes after a full garbage collection. */
async function heapAfterGc(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize;
}

/** Starts `code`, checks the page answers while it runs, and returns the report. */
async function runWhileAnswering(page: Page, code: string) {
  const done = runScript(page, code, 2);
  await expect(page.locator('#status')).toHaveText('Running…');
  // The page handles input during the run: a toggle responds to the keyboard.
  const group = page.getByRole('button', { name: 'Group by source' });
  await group.focus();
  await page.keyboard.press('Space');
  await expect(group).toHaveAttribute('aria-pressed', 'true');
  expect(await page.evaluate(() => document.getElementById('status')?.textContent)).toBe(
    'Running…',
  );
  await page.keyboard.press('Space');
  return await done;
}

const WARM_UP = `const c = await cluster({ workers: 2 });
print('warm', (await c.view().map((x: number) => x, [1, 2])).length);
plot.line([1, 2, 3]);
table([{ a: 1 }]);`;

test('a 1,000,000-line run keeps the page answering and its memory flat', async ({ app }) => {
  test.setTimeout(180_000);
  await runScript(app, WARM_UP);
  const before = await heapAfterGc(app);
  // 600,000 lines from the script, 400,000 from two workers (200,000 each).
  const code = `const c = await cluster({ workers: 2 });
const printed = c.view().map((n: number) => { for (let i = 0; i < n; i++) print('worker line', i); return n; }, [200000, 200000]);
for (let round = 0; round < 12; round++) {
  for (let i = 0; i < 50000; i++) print('script line', round * 50000 + i);
  await sleep(250);
}
print('workers printed', (await printed).join('+'));`;
  const report = await runWhileAnswering(app, code);
  expect(report.error).toBeUndefined();
  expect(lines(report).at(-1)).toBe('workers printed 200000+200000');
  // The console keeps the latest lines and says how many it did not keep.
  expect(report.output.length).toBeLessThanOrEqual(5000);
  await expect(app.getByTestId('console')).toContainText(/lines dropped/);
  const after = await heapAfterGc(app);
  test.info().annotations.push({
    type: 'heap',
    description: `${(before / 2 ** 20).toFixed(1)} MiB before, ${(after / 2 ** 20).toFixed(1)} MiB after`,
  });
  expect(after - before).toBeLessThan(32 * 2 ** 20);
  await expectRecovered(app, code);
});

test('a 10,000-chart run keeps 100, says how many more were not kept, memory flat', async ({
  app,
}) => {
  test.setTimeout(180_000);
  await runScript(app, WARM_UP);
  const before = await heapAfterGc(app);
  const code = `const c = await cluster({ workers: 2 });
const drawn = c.view().apply(() => { for (let i = 0; i < 500; i++) table([{ i }]); return workerId; });
for (let i = 0; i < 10000; i++) {
  plot.line([i, i + 1, i + 2], { title: 'chart ' + i });
  if (i % 1000 === 999) await sleep(250);
}
print('tables from', (await drawn).join(','));`;
  const report = await runWhileAnswering(app, code);
  expect(report.error).toBeUndefined();
  expect(lines(report)).toContain('tables from 0,1');
  await expect(app.getByTestId('results-not-kept')).toHaveText(
    '10,800 more charts and tables not kept (a run keeps its first 100 charts and 100 tables)',
  );
  await expect(app.getByTestId('plot')).toHaveCount(100);
  const after = await heapAfterGc(app);
  test.info().annotations.push({
    type: 'heap',
    description: `${(before / 2 ** 20).toFixed(1)} MiB before, ${(after / 2 ** 20).toFixed(1)} MiB after`,
  });
  expect(after - before).toBeLessThan(32 * 2 ** 20);
  await expectRecovered(app, code);
});
