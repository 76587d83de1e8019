import type { Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { expect, lines, runScript, test } from './fixtures';

/** CPU-bound work whose cost does not depend on the clock: 16 tasks of a counting loop. */
const WORK = `const c = await cluster();
const work = (n: number) => { let s = 0; for (let i = 0; i < n; i++) s = (s + i * i) % 1000003; return s; };
await c.balanced().map(work, Array.from({ length: 16 }, () => 4_000_000), { chunkSize: 1 });`;

async function figure(page: Page, id: string): Promise<number> {
  const text = (await page.getByTestId(id).textContent()) ?? '';
  return Number(text.replace(/[^\d.]/g, ''));
}

test('the oversubscribed run reads the speedup a stopwatch gives, with a warning', async ({
  app,
}) => {
  test.setTimeout(120_000);
  const threads = await app.evaluate(() => navigator.hardwareConcurrency);
  const many = threads * 4;
  // Before any 1-worker run the figure is an estimate, capped by the hardware threads
  // (the sum of compute over wall would read close to the worker count).
  const first = await runScript(app, WORK, many);
  expect(first.ok).toBe(true);
  await expect(app.getByTestId('summary-speedup')).toHaveText(/^≈/);
  expect(await figure(app, 'summary-speedup')).toBeLessThanOrEqual(threads * 1.1);
  await expect(app.getByTestId('oversubscribed')).toContainText(
    `${many} workers on ${threads} hardware threads`,
  );
  const one = await runScript(app, WORK, 1);
  const again = await runScript(app, WORK, many);
  const stopwatch = one.wall / again.wall;
  const shown = await figure(app, 'summary-speedup');
  test.info().annotations.push({
    type: 'speedup',
    description: `shown ${shown}, stopwatch ${stopwatch.toFixed(3)} (1 worker ${one.wall} ms, ${many} workers ${again.wall} ms)`,
  });
  expect(Math.abs(shown - stopwatch) / stopwatch).toBeLessThan(0.1);
  await expect(app.getByTestId('summary-speedup').locator('..')).toContainText('vs 1 worker');
  // Contention is measured against the same 1-worker run.
  await expect(app.getByTestId('summary-contention')).toHaveText(/^\d+\.\d\d×$/);
  // The toolbar warns before the run too.
  await expect(app.locator('#workers-warning')).toContainText(
    `${many} workers > ${threads} threads`,
  );
});

test('the sweep and the summary give the same speedup', async ({ app }) => {
  test.setTimeout(120_000);
  await app.evaluate((code) => window.fanout.setCode(code), WORK);
  await app.locator('#sweep-max').selectOption('4');
  await app.getByRole('button', { name: 'Scaling sweep', exact: true }).click();
  const sweep = app.getByTestId('sweep');
  const rows = sweep.getByTestId('sweep-points').locator('tbody tr');
  await expect(rows).toHaveCount(3, { timeout: 100_000 });
  await expect(app.getByRole('button', { name: 'Scaling sweep', exact: true })).toBeEnabled();
  const last = await rows.nth(2).locator('td').nth(2).textContent();
  await expect(app.getByTestId('summary-speedup')).toHaveText(last ?? '');
  await expect(sweep.getByTestId('sweep-agree')).toContainText('Speedup vs 1 worker');
  // The legend sits outside the chart, so it covers none of it.
  const legend = await sweep.getByTestId('sweep-legend').boundingBox();
  const chart = await sweep.getByTestId('sweep-chart').boundingBox();
  expect(legend!.y).toBeGreaterThanOrEqual(chart!.y + chart!.height - 1);
});

test('the starter: serial and parallel parts match what the script prints', async ({ app }) => {
  const starter = await readFile(
    new URL('../src/examples/scripts/primality.ts', import.meta.url),
    'utf8',
  );
  const report = await runScript(app, starter, 2);
  expect(report.ok).toBe(true);
  const printed = (prefix: string) =>
    Number(/(\d+) ms/.exec(lines(report).find((l) => l.startsWith(prefix)) ?? '')?.[1]);
  const serialLoop = printed('serial:');
  const parallel = printed('parallel on');
  const ms = async (id: string) => {
    const text = (await app.getByTestId(id).textContent()) ?? '';
    const v = Number(text.replace(/[^\d.]/g, ''));
    return text.endsWith(' s') ? v * 1000 : v;
  };
  // The serial loop is part of the serial part; the parallel part is the parallel calls.
  expect(await ms('summary-serial')).toBeGreaterThanOrEqual(serialLoop * 0.9);
  expect(await ms('summary-parallel')).toBeLessThanOrEqual(parallel * 1.1 + 5);
  // Every figure explains itself on hover.
  const titles = await app
    .locator('#summary .stat')
    .evaluateAll((els) => els.map((e) => (e as HTMLElement).title));
  expect(titles.length).toBeGreaterThanOrEqual(8);
  for (const t of titles) expect(t.length).toBeGreaterThan(20);
  await expect(
    app.locator('#summary .stat').filter({ has: app.getByTestId('summary-serial') }),
  ).toHaveAttribute('title', /script computing on its own for \d/);
});
