import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { CATALOG } from '../src/examples/catalog';
import type { ExampleChecks } from '../src/examples/example';
import type { RunReport } from '../src/protocol/messages';

/** The report the page downloads: the run's report with the run's context. */
interface DownloadedReport extends RunReport {
  requestedWorkers: number | 'auto';
  typeErrors: unknown[];
  browser: { crossOriginIsolated: boolean };
  fanoutVersion: string;
}
import { expect, test } from './fixtures';

/** The script of an example, as the gallery opens it. */
function script(id: string): string {
  return readFileSync(new URL(`../src/examples/scripts/${id}.ts`, import.meta.url), 'utf8');
}

/** Opens the Examples dialog and picks `id` (`'own'` for "My script"). */
async function pick(app: Page, id: string): Promise<void> {
  await app.getByRole('button', { name: 'Examples' }).click();
  const dialog = app.getByRole('dialog', { name: 'Examples' });
  await expect(dialog).toBeVisible();
  await dialog.locator(`[data-example="${id}"]`).click();
  await expect(dialog).toBeHidden();
}

/** Opens an example (or a variant), checks its note and script, runs it and checks its output. */
async function runExample(
  app: Page,
  example: { id: string; title: string; notice: string; checks: ExampleChecks },
): Promise<void> {
  await pick(app, example.id);
  const banner = app.getByRole('region', { name: `Example: ${example.title}` });
  await expect(banner).toBeVisible();
  await expect(banner.getByTestId('notice')).toContainText(example.notice.slice(0, 60));
  expect(await app.evaluate(() => window.fanout.getCode())).toBe(script(example.id));
  // What a student opens has no red squiggles.
  expect(await app.evaluate(() => window.fanout.diagnostics())).toEqual([]);

  await app.getByRole('button', { name: /Run/ }).click();
  await expect(app.locator('#status')).toHaveText(/Done/, { timeout: 100_000 });
  await expect(app.locator('#error')).toBeHidden();
  for (const pattern of example.checks.console)
    await expect(app.getByTestId('console')).toContainText(pattern);
  for (const pattern of example.checks.results ?? [])
    await expect(app.locator('#results')).toContainText(pattern);
}

test.describe('every example runs clean and shows what it says to notice', () => {
  for (const [i, example] of CATALOG.entries()) {
    test(`${i + 1}. ${example.title}`, async ({ app }) => {
      test.setTimeout(120_000);
      await runExample(app, example);
    });
    for (const variant of example.variants ?? []) {
      test(`${i + 1}. ${example.title} (${variant.label})`, async ({ app }) => {
        test.setTimeout(120_000);
        const adapter = await app.evaluate(async () =>
          navigator.gpu ? (await navigator.gpu.requestAdapter()) !== null : false,
        );
        test.skip(
          !adapter,
          'this Chromium has no WebGPU adapter (the GPU variants need --enable-unsafe-webgpu, or a GPU); e2e/gpu-unavailable.spec.ts covers the run without one',
        );
        await runExample(app, {
          ...variant,
          title: `${example.title} (${variant.label})`,
        });
        // The GPU lane shows the calls the console timed.
        await expect(app.getByTestId('timeline-canvas')).toHaveAttribute(
          'data-gpu-calls',
          /^[1-9]\d*$/,
        );
      });
    }
  }
});

test("opening an example keeps the person's own text one click away, across reloads", async ({
  app,
}) => {
  const mine = 'print("my own experiment");\n';
  await app.evaluate((t) => window.fanout.setCode(t), mine);
  await pick(app, 'monte-carlo-pi');
  expect(await app.evaluate(() => window.fanout.getCode())).toContain('estimatePi');

  // Edits to the example stay with the example, even after a reload.
  await app.evaluate(() => window.fanout.setCode(`${window.fanout.getCode()}// tried a change\n`));
  await app.reload();
  await app.waitForFunction(() => window.fanout !== undefined);
  await expect(app.getByRole('region', { name: /Example: Monte Carlo/ })).toBeVisible();
  expect(await app.evaluate(() => window.fanout.getCode())).toMatch(/\/\/ tried a change\n$/);

  await app.getByRole('button', { name: 'Back to my script' }).click();
  await expect(app.locator('#source-banner')).toBeHidden();
  expect(await app.evaluate(() => window.fanout.getCode())).toBe(mine);

  // The starter is an example like the others, and "My script" in the gallery comes back too.
  await pick(app, 'primality');
  expect(await app.evaluate(() => window.fanout.getCode())).toBe(script('primality'));
  await pick(app, 'own');
  expect(await app.evaluate(() => window.fanout.getCode())).toBe(mine);
});

test('"Keep this as my script" makes the example the own script', async ({ app }) => {
  await app.evaluate(() => window.fanout.setCode('print("old");\n'));
  await pick(app, 'tiny-tasks');
  await app.getByRole('button', { name: 'Keep this as my script' }).click();
  await expect(app.locator('#source-banner')).toBeHidden();
  await pick(app, 'bootstrap');
  await app.getByRole('button', { name: 'Back to my script' }).click();
  expect(await app.evaluate(() => window.fanout.getCode())).toBe(script('tiny-tasks'));
});

test('the report of a run downloads as JSON in the command line shape', async ({ app }) => {
  const download = app.getByRole('button', { name: 'Download report (JSON)' });
  await expect(download).toBeDisabled();
  await app.evaluate(() =>
    window.fanout.run({
      code: 'print(await pool.map((x: number) => x * 2, [1, 2, 3]));',
      workers: 2,
    }),
  );
  const [file] = await Promise.all([app.waitForEvent('download'), download.click()]);
  expect(file.suggestedFilename()).toMatch(/^fanout-report-.*\.json$/);
  const report = JSON.parse(readFileSync(await file.path(), 'utf8')) as DownloadedReport;
  expect(report.ok).toBe(true);
  expect(report.workers).toBe(2);
  expect(report.output[0]?.text).toBe('[2, 4, 6]');
  expect(report.calls[0]?.kind).toBe('pool-map');
  expect(report.calls[0]?.tasks.length).toBeGreaterThan(0);
  expect(report.requestedWorkers).toBe(2);
  expect(report.typeErrors).toEqual([]);
  expect(report.browser.crossOriginIsolated).toBe(true);
  expect(report.fanoutVersion).toMatch(/^\d+\.\d+\.\d+/);
});
