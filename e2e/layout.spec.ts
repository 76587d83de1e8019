import type { Locator, Page } from '@playwright/test';
import { expect, runScript, test } from './fixtures';

const BUSY = `const busy = (ms: number) => { const end = performance.now() + ms; while (performance.now() < end); return ms; };`;
const LONG_RUN = `${BUSY}
const c = await cluster({ workers: 2 });
await c.balanced().map(busy, Array.from({ length: 4000 }, () => 50), { chunkSize: 1 });`;

/** True when the whole of `locator` is inside the viewport at the current scroll. */
async function fullyVisible(page: Page, locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox();
  const vp = page.viewportSize()!;
  return !!box && box.y >= 0 && box.x >= 0 && box.y + box.height <= vp.height + 1;
}

/** Document width beyond the viewport (sideways scroll), in CSS px. */
function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
}

test('at 760 px, pressing Run shows the timeline working without scrolling', async ({ app }) => {
  await app.setViewportSize({ width: 760, height: 800 });
  await app.evaluate((code) => window.fanout.setCode(code), LONG_RUN);
  await app.getByRole('button', { name: 'Run' }).click();
  const canvas = app.getByTestId('timeline-canvas');
  await expect.poll(async () => Number(await canvas.getAttribute('data-tasks'))).toBeGreaterThan(0);
  expect(await app.evaluate(() => window.scrollY)).toBe(0);
  expect(await fullyVisible(app, canvas)).toBe(true);
  expect(await fullyVisible(app, app.getByRole('button', { name: 'Stop' }))).toBe(true);
  await app.getByRole('button', { name: 'Stop' }).click();
  await expect(app.locator('#status')).toHaveText('Stopped');
});

test('at 400 px the page never scrolls sideways, whatever the run shows', async ({ app }) => {
  await app.setViewportSize({ width: 400, height: 800 });
  const report = await runScript(
    app,
    `const c = await cluster({ workers: 2 });
const r = await c.balanced().map((x: number) => x, Array.from({ length: 3000 }, (_, i) => i), { chunkSize: 10 });
await c.view().scatter('x', r);
table([{ alpha: 1, beta: 2, gamma: 3, delta: 4, epsilon: 5, zeta: 6, eta: 7, theta: 8 }]);
plot.hist(r, { bins: 20 });
print('a long line without spaces: ' + 'x'.repeat(300));`,
  );
  expect(report.ok).toBe(true);
  await expect(app.getByTestId('calls')).toBeVisible();
  expect(await sidewaysOverflow(app)).toBe(0);
});

for (const [width, height] of [
  [1280, 720],
  [1366, 768],
  [1024, 768],
  [768, 1024],
] as const) {
  test(`at ${width}x${height} the editor, Run and the timeline share one screen`, async ({
    app,
  }) => {
    await app.setViewportSize({ width, height });
    await app.evaluate((code) => window.fanout.setCode(code), LONG_RUN);
    await app.getByRole('button', { name: 'Run' }).click();
    const canvas = app.getByTestId('timeline-canvas');
    await expect
      .poll(async () => Number(await canvas.getAttribute('data-tasks')))
      .toBeGreaterThan(0);
    for (const part of [app.locator('#editor'), app.getByRole('button', { name: 'Run' }), canvas])
      expect(await fullyVisible(app, part)).toBe(true);
    expect((await app.locator('#editor').boundingBox())!.height).toBeGreaterThan(200);
    await app.getByRole('button', { name: 'Stop' }).click();
    await expect(app.locator('#status')).toHaveText('Stopped');
  });
}

/** The computed background colour of `selector`. */
function background(page: Page, selector: string): Promise<string> {
  return page.evaluate(
    (s) => getComputedStyle(document.querySelector(s)!).backgroundColor,
    selector,
  );
}

test('the theme follows the system preference, live', async ({ app }) => {
  await app.emulateMedia({ colorScheme: 'light' });
  await expect.poll(() => background(app, 'body')).toBe('rgb(255, 255, 255)');
  await expect
    .poll(() => background(app, '.monaco-editor .monaco-editor-background'))
    .toBe('rgb(255, 255, 255)');
  await app.emulateMedia({ colorScheme: 'dark' });
  await expect.poll(() => background(app, 'body')).toBe('rgb(13, 17, 23)');
  await expect
    .poll(() => background(app, '.monaco-editor .monaco-editor-background'))
    .toBe('rgb(13, 17, 23)');
});

/** Font size (px) of the first element matching `selector`. */
function fontPx(page: Page, selector: string): Promise<number> {
  return page.evaluate(
    (s) => parseFloat(getComputedStyle(document.querySelector(s)!).fontSize),
    selector,
  );
}

test('presentation mode: large type, thick lanes, big figures; ?present keeps it', async ({
  app,
}) => {
  await app.setViewportSize({ width: 1280, height: 720 });
  const code = `const c = await cluster({ workers: 2 });
await c.view().map((x: number) => x, [1, 2, 3, 4]);`;
  expect((await runScript(app, code)).ok).toBe(true);
  const canvas = app.getByTestId('timeline-canvas');
  const normal = {
    editor: await fontPx(app, '.monaco-editor .view-line'),
    figure: await fontPx(app, '[data-testid="summary-wall"]'),
    lane: Number(await canvas.getAttribute('data-lane-height')),
    console: await fontPx(app, '.console-body'),
  };
  const present = app.getByRole('button', { name: 'Present' });
  await present.click();
  await expect(present).toHaveAttribute('aria-pressed', 'true');
  expect(new URL(app.url()).search).toBe('?present');
  await expect.poll(() => fontPx(app, '.monaco-editor .view-line')).toBeGreaterThanOrEqual(22);
  expect(await fontPx(app, '[data-testid="summary-wall"]')).toBeGreaterThanOrEqual(40);
  expect(await fontPx(app, '.console-body')).toBeGreaterThan(normal.console);
  await expect
    .poll(async () => Number(await canvas.getAttribute('data-lane-height')))
    .toBeGreaterThan(normal.lane);
  // Nothing is lost: every panel is still there.
  for (const id of ['#summary', '#workers-panel', '#console', '#timeline', '#sweep'])
    await expect(app.locator(id)).toBeVisible();

  await app.reload();
  await app.waitForFunction(() => window.fanout !== undefined);
  await expect(app.getByRole('button', { name: 'Present' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect.poll(() => fontPx(app, '.monaco-editor .view-line')).toBeGreaterThanOrEqual(22);
  expect((await runScript(app, code)).ok).toBe(true);
  await app.getByRole('button', { name: 'Present' }).click();
  expect(new URL(app.url()).search).toBe('');
  await expect.poll(() => fontPx(app, '.monaco-editor .view-line')).toBe(normal.editor);
  expect(await fontPx(app, '[data-testid="summary-wall"]')).toBe(normal.figure);
});

for (const present of [false, true]) {
  test(`200% zoom of a 1280x720 screen keeps the layout${present ? ' (presentation)' : ''}`, async ({
    browser,
  }) => {
    // Zooming to 200% halves the CSS viewport and doubles the pixel ratio.
    const context = await browser.newContext({
      viewport: { width: 640, height: 360 },
      deviceScaleFactor: 2,
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(present ? '/?present' : '/');
    await page.waitForFunction(() => window.fanout !== undefined);
    const report = await runScript(
      page,
      `const c = await cluster({ workers: 2 });
print(await c.balanced().map((x: number) => x * 2, [1, 2, 3, 4, 5, 6, 7, 8]));`,
    );
    expect(report.ok).toBe(true);
    expect(await sidewaysOverflow(page)).toBe(0);
    // Toolbar controls wrap but never overlap, and each stays inside the page.
    const boxes = await page.evaluate(() =>
      [...document.querySelectorAll('.toolbar > :is(button, label, span, h1)')]
        .filter((e) => (e as HTMLElement).offsetParent !== null && e.getClientRects().length)
        .map((e) => {
          const r = e.getBoundingClientRect();
          return { id: e.id || e.className, x: r.x, y: r.y, r: r.right, b: r.bottom };
        })
        .filter((b) => b.r > b.x),
    );
    for (const a of boxes) {
      expect(a.r, `${a.id} inside the page`).toBeLessThanOrEqual(640.5);
      for (const b of boxes) {
        if (a === b) continue;
        const overlap = a.x < b.r - 0.5 && b.x < a.r - 0.5 && a.y < b.b - 0.5 && b.y < a.b - 0.5;
        expect(overlap, `${a.id} overlaps ${b.id}`).toBe(false);
      }
    }
    expect((await page.locator('#editor').boundingBox())!.height).toBeGreaterThan(150);
    await expect(page.getByTestId('timeline-canvas')).toBeVisible();
    await expect(page.locator('#console')).toContainText('[2, 4, 6, 8, 10, 12, 14, 16]');
    expect(errors).toEqual([]);
    await context.close();
  });
}

/** Counts the frames the timeline paints while tasks are in flight (each fills its canvas). */
async function countTimelineFrames(app: Page): Promise<void> {
  await app.evaluate(() => {
    const w = window as unknown as { frames: number };
    w.frames = 0;
    // The original method, called below with the canvas context as `this`.
    // eslint-disable-next-line @typescript-eslint/unbound-method
    const fill = CanvasRenderingContext2D.prototype.fillRect;
    CanvasRenderingContext2D.prototype.fillRect = function (x, y, width, height) {
      const c = this.canvas;
      const whole = x === 0 && y === 0 && width === c.clientWidth;
      const live =
        c.dataset.testid === 'timeline-canvas' &&
        c.dataset.tasks !== '0' &&
        document.body.dataset.state === 'running';
      if (whole && live) w.frames++;
      fill.call(this, x, y, width, height);
    };
  });
}

/** Runs `code` and returns the timeline frames painted while it ran, and its wall time. */
async function framesOf(app: Page, code: string): Promise<{ frames: number; wall: number }> {
  await app.evaluate(() => ((window as unknown as { frames: number }).frames = 0));
  const report = await runScript(app, code);
  expect(report.ok).toBe(true);
  return {
    frames: await app.evaluate(() => (window as unknown as { frames: number }).frames),
    wall: report.wall,
  };
}

test('prefers-reduced-motion: the live timeline steps about once a second', async ({ app }) => {
  await countTimelineFrames(app);
  // One worker: a hardware thread stays free, so the page draws at its usual rate.
  const code = `${BUSY}
const c = await cluster({ workers: 1 });
await c.balanced().map(busy, Array.from({ length: 20 }, () => 75), { chunkSize: 1 });`;
  await app.emulateMedia({ reducedMotion: 'reduce' });
  const calm = await framesOf(app, code);
  await app.emulateMedia({ reducedMotion: 'no-preference' });
  const live = await framesOf(app, code);
  test.info().annotations.push({
    type: 'frames',
    description: `reduced: ${calm.frames} in ${calm.wall.toFixed(0)} ms; normal: ${live.frames} in ${live.wall.toFixed(0)} ms`,
  });
  // About one frame a second while tasks run.
  expect(calm.frames).toBeGreaterThan(0);
  expect(calm.frames).toBeLessThanOrEqual(Math.ceil(calm.wall / 1000) + 1);
  expect(live.frames).toBeGreaterThan(calm.frames * 2);
});

test('while every hardware thread computes, the page draws about twice a second', async ({
  app,
}) => {
  await countTimelineFrames(app);
  const threads = await app.evaluate(() => navigator.hardwareConcurrency);
  const run = (workers: number) => `${BUSY}
const c = await cluster({ workers: ${workers} });
await c.balanced().map(busy, Array.from({ length: ${workers * 20} }, () => 75), { chunkSize: 1 });`;
  const all = await framesOf(app, run(threads));
  const fewer = await framesOf(app, run(Math.max(1, threads - 1)));
  test.info().annotations.push({
    type: 'frames',
    description: `all ${threads} threads: ${all.frames} in ${all.wall.toFixed(0)} ms; one free: ${fewer.frames} in ${fewer.wall.toFixed(0)} ms`,
  });
  // At most one drawing each 500 ms (plus the first), yet still live.
  expect(all.frames).toBeGreaterThan(0);
  expect(all.frames).toBeLessThanOrEqual(Math.ceil(all.wall / 500) + 1);
  // With a thread free, the usual rate: far more frames for the same length of run.
  expect(fewer.frames / fewer.wall).toBeGreaterThan((2 * all.frames) / all.wall);
});
