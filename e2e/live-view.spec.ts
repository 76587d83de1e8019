import { readFile } from 'node:fs/promises';
import { expect, lines, runScript, test } from './fixtures';

const BUSY = `const busy = (ms: number) => { const end = performance.now() + ms; while (performance.now() < end); return ms; };`;

test('lanes equal the worker count', async ({ app }) => {
  const report = await runScript(
    app,
    `const c = await cluster({ workers: 2 });
print(await c.view().map((x: number) => x * 2, [1, 2, 3, 4]));`,
    2,
  );
  expect(lines(report)).toEqual(['[2, 4, 6, 8]']);
  const canvas = app.getByTestId('timeline-canvas');
  await expect(canvas).toHaveAttribute('data-lanes', '3');
  await expect(app.getByTestId('timeline-summary').locator('tbody tr')).toHaveCount(2);
});

test('the timeline and the calls table update live during a run', async ({ app }) => {
  const code = `${BUSY}
const c = await cluster({ workers: 2 });
await c.balanced().map(busy, Array.from({ length: 40 }, () => 50), { chunkSize: 1 });`;
  await app.evaluate((code) => void window.fanout.run({ code, workers: 2 }), code);
  const canvas = app.getByTestId('timeline-canvas');
  await expect
    .poll(async () => {
      const tasks = Number(await canvas.getAttribute('data-tasks'));
      const status = await app.locator('#status').textContent();
      return tasks > 0 && tasks < 40 && status === 'Running…';
    })
    .toBe(true);
  // Sent and done are counted separately while the call runs, with an estimate of time left.
  await expect(app.getByTestId('call-eta').first()).toHaveText(/\d/);
  await expect(app.locator('#status')).toHaveText(/^Done/, { timeout: 20_000 });
  await expect(canvas).toHaveAttribute('data-tasks', '40');
  await expect(app.getByTestId('call-done').first()).toHaveText('40/40');
  await expect(app.getByTestId('call-sent').first()).toHaveText('40/40');
});

test('a 100,000-task run keeps the page responsive', async ({ app }) => {
  test.setTimeout(90_000);
  const code = `const c = await cluster({ workers: 2 });
await c.balanced().map((x: number) => x + 1, Array.from({ length: 100000 }, (_, i) => i), { chunkSize: 1 });`;
  const t0 = Date.now();
  const done = runScript(app, code, 2);
  await expect(app.locator('#status')).toHaveText('Running…');
  const frames: number[] = [];
  for (let i = 0; i < 5; i++) {
    const gap = await app.evaluate(
      () =>
        new Promise<number>((r) => {
          const t = performance.now();
          requestAnimationFrame(() => r(performance.now() - t));
        }),
    );
    frames.push(gap);
    await app.waitForTimeout(200);
  }
  for (const gap of frames) expect(gap).toBeLessThan(500);
  const report = await done;
  expect(report.error).toBeUndefined();
  expect(report.calls[0]?.tasks.length).toBe(100000);
  await expect(app.getByTestId('timeline-canvas')).toHaveAttribute('data-tasks', '100000');
  // Tiny tasks cost more to send than to compute: the summary says so.
  await expect(app.getByTestId('overhead-hint')).toContainText('chunkSize');
  test.info().annotations.push({ type: 'duration', description: `${Date.now() - t0} ms` });
});

test('hovering a task shows its details', async ({ app }) => {
  await runScript(
    app,
    `${BUSY}
const c = await cluster({ workers: 2 });
await c.balanced().map(busy, Array.from({ length: 8 }, () => 40), { chunkSize: 1 });`,
    2,
  );
  const canvas = app.getByTestId('timeline-canvas');
  await app.getByRole('button', { name: 'Fit' }).click();
  const box = (await canvas.boundingBox())!;
  // Layout: 4 px top margin, three lanes (driver, worker 0, worker 1) above a 24 px axis.
  const laneH = Math.max(6, Math.min(36, Math.floor((box.height - 28) / 3)));
  const tooltip = app.locator('[role=tooltip]');
  await app.mouse.move(box.x + box.width * 0.6, box.y + 4 + laneH * 1.5);
  try {
    await expect(tooltip).toBeVisible({ timeout: 3000 });
  } catch {
    // Keyboard focus shows the same tooltip.
    await canvas.focus();
    await app.keyboard.press('ArrowDown');
    await app.keyboard.press('ArrowRight');
    await expect(tooltip).toBeVisible();
  }
  await expect(tooltip).toContainText('worker');
});

test('Export trace downloads Chrome trace events', async ({ app }) => {
  await runScript(
    app,
    `const c = await cluster({ workers: 2 });
await c.view().map((x: number) => x * 2, [1, 2, 3, 4]);`,
    2,
  );
  const download = app.waitForEvent('download');
  await app.getByRole('button', { name: 'Export trace' }).click();
  const file = await (await download).path();
  const trace = JSON.parse(await readFile(file, 'utf8')) as {
    traceEvents: { ph: string; name: string }[];
  };
  expect(trace.traceEvents.filter((e) => e.ph === 'X').length).toBeGreaterThan(0);
});

test('a scaling sweep fits the serial fraction', async ({ app }) => {
  test.setTimeout(60_000);
  await app.evaluate(
    (code) => window.fanout.setCode(code),
    `${BUSY}
const c = await cluster();
await c.balanced().map(busy, Array.from({ length: 8 }, () => 20), { chunkSize: 1 });`,
  );
  await app.locator('#workers').selectOption('auto');
  await app.locator('#sweep-max').selectOption('2');
  await app.getByRole('button', { name: 'Scaling sweep', exact: true }).click();
  const sweep = app.getByTestId('sweep');
  await expect(sweep.getByTestId('sweep-fraction')).toContainText('serial fraction', {
    timeout: 40_000,
  });
  await expect(sweep.getByTestId('sweep-points').locator('tbody tr')).toHaveCount(2);
  await expect(sweep.locator('canvas')).toBeVisible();
  await expect(app.locator('#workers')).toHaveValue('auto');
  await expect(app.getByRole('button', { name: 'Scaling sweep', exact: true })).toBeEnabled();
});
