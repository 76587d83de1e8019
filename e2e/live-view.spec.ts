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
await c.balanced().map(busy, Array.from({ length: 60 }, () => 80), { chunkSize: 1 });`;
  // Not awaited: the test watches the run in progress. A failed run logs a console error,
  // which fails the test (see fixtures.ts).
  await app.evaluate((code) => {
    window.fanout.run({ code, workers: 2 }).catch((e: unknown) => console.error(e));
  }, code);
  const canvas = app.getByTestId('timeline-canvas');
  await expect
    .poll(async () => {
      const tasks = Number(await canvas.getAttribute('data-tasks'));
      const status = await app.locator('#status').textContent();
      return tasks > 0 && tasks < 60 && status === 'Running…';
    })
    .toBe(true);
  // Sent and done are counted separately while the call runs, with an estimate of time left.
  await expect(app.getByTestId('call-eta').first()).toHaveText(/\d/);
  await expect(app.locator('#status')).toHaveText(/^Done/, { timeout: 20_000 });
  await expect(canvas).toHaveAttribute('data-tasks', '60');
  await expect(app.getByTestId('call-done').first()).toHaveText('60/60');
  await expect(app.getByTestId('call-sent').first()).toHaveText('60/60');
});

test('a 100,000-task run keeps the page responsive', async ({ app }) => {
  test.setTimeout(90_000);
  const code = `const c = await cluster({ workers: 2 });
await c.balanced().map((x: number) => x + 1, Array.from({ length: 100000 }, (_, i) => i), { chunkSize: 1 });`;
  const t0 = Date.now();
  // Record every frame gap in the page for the whole run.
  await app.evaluate(() => {
    const w = window as unknown as { frameGaps: number[] };
    w.frameGaps = [];
    let last = performance.now();
    const tick = (t: number) => {
      w.frameGaps.push(t - last);
      last = t;
      if (document.body.dataset.state !== 'done') requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const done = runScript(app, code, 2);
  await expect(app.locator('#status')).toHaveText('Running…');
  // Input is handled during the run: a toggle responds to the keyboard (a click could
  // miss while the panels above it grow).
  const group = app.getByRole('button', { name: 'Group by source' });
  await group.focus();
  await app.keyboard.press('Space');
  await expect(group).toHaveAttribute('aria-pressed', 'true', { timeout: 1000 });
  const report = await done;
  expect(report.error).toBeUndefined();
  expect(report.calls[0]?.tasks.length).toBe(100000);
  const gaps = await app.evaluate(() => (window as unknown as { frameGaps: number[] }).frameGaps);
  const worst = Math.max(...gaps);
  test.info().annotations.push({
    type: 'frames',
    description: `${gaps.length} frames, worst gap ${worst.toFixed(0)} ms`,
  });
  expect(gaps.length).toBeGreaterThan(20);
  expect(worst).toBeLessThan(500);
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
  const top = Number(await canvas.getAttribute('data-lane-top'));
  const laneH = Number(await canvas.getAttribute('data-lane-height'));
  const tooltip = app.locator('[role=tooltip]');
  // The middle of worker 0's lane (the driver's lane is above it).
  await app.mouse.move(box.x + box.width * 0.6, box.y + top + laneH * 1.5);
  await expect(tooltip).toBeVisible();
  await expect(tooltip).toContainText(/worker\s*0/);
  await expect(tooltip).toContainText('compute');
});

test('keyboard focus moves between tasks and shows the same details', async ({ app }) => {
  await runScript(
    app,
    `const c = await cluster({ workers: 2 });
await c.view().map((x: number) => x * 2, [1, 2, 3, 4]);`,
    2,
  );
  const canvas = app.getByTestId('timeline-canvas');
  await canvas.focus();
  await app.keyboard.press('ArrowDown');
  await app.keyboard.press('ArrowRight');
  const tooltip = app.locator('[role=tooltip]');
  await expect(tooltip).toBeVisible();
  await expect(tooltip).toContainText('map(lambda)');
  await expect(tooltip).toContainText('range');
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
  await expect(sweep.getByTestId('sweep-chart')).toBeVisible();
  await expect(app.locator('#workers')).toHaveValue('auto');
  await expect(app.getByRole('button', { name: 'Scaling sweep', exact: true })).toBeEnabled();
});

test('the last runs sit side by side, so a chunk-size change can be compared', async ({ app }) => {
  const map = (chunk: string) => `const c = await cluster({ workers: 2 });
await c.balanced().map((x: number) => x * 2, Array.from({ length: 2000 }, (_, i) => i), { chunkSize: ${chunk} });`;
  await runScript(app, map('1'));
  await runScript(app, map("'auto'"));
  await app.getByText('Last runs').click();
  const rows = app.getByTestId('history').locator('tbody tr');
  await expect(rows).toHaveCount(2);
  // Newest first: 'auto' batched many items per task; the first run sent one per task.
  await expect(rows.nth(1).locator('td').last()).toHaveText('1.0');
  const autoChunk = Number(await rows.nth(0).locator('td').last().textContent());
  expect(autoChunk).toBeGreaterThan(2);
  // The table stays open while the page redraws.
  await runScript(app, map('10'));
  await expect(rows).toHaveCount(3);
});
