import type { Page } from '@playwright/test';
import { expect, runScript, test } from './fixtures';

/**
 * Share of each worker lane's pixels painted at least half-way to `rgb` (a call's solid
 * colour) over the lane background: what reads as "computing" on the canvas.
 */
function strongShare(page: Page, rgb: [number, number, number]): Promise<number[]> {
  return page.getByTestId('timeline-canvas').evaluate((el, rgb) => {
    const canvas = el as HTMLCanvasElement;
    const ctx = canvas.getContext('2d')!;
    const dpr = canvas.width / canvas.clientWidth;
    const top = Number(canvas.dataset.laneTop);
    const laneH = Number(canvas.dataset.laneHeight);
    const lanes = Number(canvas.dataset.lanes);
    const left = Math.ceil(80 * dpr);
    const shares: number[] = [];
    for (let lane = 1; lane < lanes; lane++) {
      const y0 = Math.round((top + lane * laneH + 3) * dpr);
      const h = Math.max(1, Math.round((laneH - 6) * dpr));
      const w = canvas.width - left - Math.ceil(10 * dpr);
      const data = ctx.getImageData(left, y0, w, h).data;
      // The lane's background: the first pixel of the lane, left of the plot area.
      const bg = ctx.getImageData(2, y0 + 1, 1, 1).data;
      const full = Math.hypot(rgb[0] - bg[0]!, rgb[1] - bg[1]!, rgb[2] - bg[2]!);
      let strong = 0;
      for (let i = 0; i < data.length; i += 4) {
        const d = Math.hypot(rgb[0] - data[i]!, rgb[1] - data[i + 1]!, rgb[2] - data[i + 2]!);
        if (d < full / 2) strong++;
      }
      shares.push(strong / (data.length / 4));
    }
    return shares;
  }, rgb);
}

/** Utilisation per worker as the workers table states it, as fractions. */
async function utilisation(page: Page): Promise<number[]> {
  const cells = page.getByTestId('timeline-summary').locator('tbody tr td:nth-child(5)');
  return (await cells.evaluateAll((tds) => tds.map((td) => (td as HTMLElement).dataset.value))).map(
    (v) => Number(v) / 100,
  );
}

test('before the first run the timeline says what will appear; a legend names the phases', async ({
  app,
}) => {
  const empty = app.getByTestId('timeline-empty');
  await expect(empty).toBeVisible();
  await expect(empty).toContainText('one lane per worker');
  const legend = app.getByTestId('timeline-legend');
  for (const phase of ['queued / in transit', 'computing', 'result returning', 'script computing'])
    await expect(legend).toContainText(phase);
  await runScript(app, `await pool.map((x: number) => x, [1, 2]);`);
  await expect(empty).toBeHidden();
  await expect(legend).toBeVisible();
});

test('zoomed out, thousands of tiny tasks do not look busy; long tasks look full', async ({
  app,
}) => {
  // Call 1 is drawn in the palette's second colour (#f28e2b).
  const orange: [number, number, number] = [0xf2, 0x8e, 0x2b];
  await runScript(
    app,
    `const c = await cluster({ workers: 2 });
await c.balanced().map((x: number) => x + 1, Array.from({ length: 20000 }, (_, i) => i), { chunkSize: 1 });`,
  );
  const util = await utilisation(app);
  expect(Math.max(...util)).toBeLessThan(0.3);
  const tiny = await strongShare(app, orange);
  expect(tiny).toHaveLength(2);
  for (const [i, share] of tiny.entries()) expect(share).toBeLessThan(util[i]! + 0.1);

  await runScript(
    app,
    `const c = await cluster({ workers: 2 });
const spin = (ms: number) => { const end = performance.now() + ms; while (performance.now() < end); return ms; };
await c.view().map(spin, [400, 400]);`,
  );
  // The solid share of each lane follows its utilisation, busy or not.
  const busy = await utilisation(app);
  const long = await strongShare(app, orange);
  for (const [i, share] of long.entries()) {
    expect(busy[i]).toBeGreaterThan(0.25);
    expect(Math.abs(share - busy[i]!)).toBeLessThan(0.15);
  }
});

test('the script computing on its own shows on the driver lane and in the summary', async ({
  app,
}) => {
  await runScript(
    app,
    `const t = performance.now();
while (performance.now() - t < 300);
await pool.map((x: number) => x, [1, 2]);`,
  );
  // The driver lane holds a striped "script" stretch of about 300 ms.
  const grey = await app.getByTestId('timeline-canvas').evaluate((el) => {
    const canvas = el as HTMLCanvasElement;
    const ctx = canvas.getContext('2d')!;
    const dpr = canvas.width / canvas.clientWidth;
    const top = Number(canvas.dataset.laneTop);
    const laneH = Number(canvas.dataset.laneHeight);
    const y = Math.round((top + laneH / 2 + 8) * dpr);
    const left = Math.ceil(80 * dpr);
    const row = ctx.getImageData(left, y, canvas.width - left - 20, 1).data;
    let striped = 0;
    for (let i = 0; i < row.length; i += 4) {
      const [r, g, b] = [row[i]!, row[i + 1]!, row[i + 2]!];
      if (Math.abs(r - g) < 12 && Math.abs(g - b) < 16 && r > 50 && r < 130) striped++;
    }
    return striped / (row.length / 4);
  });
  expect(grey).toBeGreaterThan(0.4);
  // The summary counts it in the serial part, and says how much of it the script computed.
  await expect(
    app.locator('#summary .stat').filter({ has: app.getByTestId('summary-serial') }),
  ).toHaveAttribute(
    'title',
    /script computing on its own for ((2[5-9]\d|[3-9]\d\d) ms|\d+(\.\d+)? s)/,
  );
});

test('calls with the same label are told apart, and push() calls are listed', async ({ app }) => {
  await runScript(
    app,
    `const c = await cluster({ workers: 2 });
const v = c.view();
const darts = (n: number) => n * 2;
await v.push({ darts });
for (const chunkSize of [1, 10, 100]) await c.balanced().map(darts, Array.from({ length: 300 }, (_, i) => i), { chunkSize });`,
  );
  const rows = app.getByTestId('calls').locator('tbody tr');
  await expect(rows).toHaveCount(4);
  await expect(rows.nth(0)).toContainText('push(darts)');
  await expect(rows.nth(1)).toContainText('map(darts) #1');
  await expect(rows.nth(2)).toContainText('map(darts) #2');
  await expect(rows.nth(3)).toContainText('map(darts) #3');
  // The chunk column tells the three maps apart too.
  await expect(rows.nth(3).locator('td').last()).toHaveText('100');
});
