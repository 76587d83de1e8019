import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, expect } from '@playwright/test';
import type { Page } from '@playwright/test';
import { serveStatic, type StaticServer } from '../bin/static-server.js';

/**
 * The built dist/ as static hosts serve it: under a sub-path (a GitHub Pages project site),
 * with the isolation headers, and without them (where the service worker steps in).
 */
const DIST = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');

const SCRIPT = `
const c = await cluster({ workers: 2 });
const squares = await c.view().map((x: number) => x * x, [1, 2, 3, 4]);
print('squares', squares.join(','), 'isolated', crossOriginIsolated);
`;

/** Fails the test on any page or console error, as e2e/fixtures.ts does. */
const test = base.extend<{ problems: string[] }>({
  problems: async ({ page }, use) => {
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console.error: ${m.text()}`);
    });
    await use(problems);
    expect(problems, 'page errors').toEqual([]);
  },
});

let withHeaders: StaticServer;
let withoutHeaders: StaticServer;
test.beforeAll(async () => {
  withHeaders = await serveStatic(DIST, { basePath: '/courses/fanout/' });
  withoutHeaders = await serveStatic(DIST, { basePath: '/fanout/', isolated: false });
});
test.afterAll(async () => {
  await withHeaders.close();
  await withoutHeaders.close();
});

/** Opens the app at `url`, runs the script and returns what it printed. */
async function openAndRun(page: Page, url: string): Promise<string[]> {
  await page.goto(url);
  await page.waitForFunction(() => window.fanout !== undefined);
  const report = await page.evaluate((code) => window.fanout.run({ code }), SCRIPT);
  expect(report.error).toBeUndefined();
  return report.output.map((l) => l.text);
}

test('under a sub-path with COOP/COEP headers the build is isolated and runs', async ({
  page,
  problems,
}) => {
  expect(problems).toEqual([]);
  const root = new URL('/', withHeaders.url).href;
  expect((await page.request.get(`${root}index.html`)).status()).toBe(404);
  const output = await openAndRun(page, withHeaders.url);
  expect(output).toContain('squares 1,4,9,16 isolated true');
  await expect(page.locator('#isolation')).toHaveText('cross-origin isolated');
  // The tutorial demo works from the same sub-path.
  await page.goto(`${withHeaders.url}embed-demo.html`);
  await expect(page.locator('body')).toHaveAttribute('data-ready', 'true');
  await page.getByRole('button', { name: 'Run' }).click();
  await expect(page.locator('#summary')).toContainText('Finished in');
});

test('without headers the service worker isolates the page after one reload', async ({
  page,
  problems,
}) => {
  expect(problems).toEqual([]);
  const response = await page.request.get(withoutHeaders.url);
  expect(response.headers()['cross-origin-embedder-policy']).toBeUndefined();
  const output = await openAndRun(page, withoutHeaders.url);
  expect(output).toContain('squares 1,4,9,16 isolated true');
  await expect(page.locator('#isolation')).toHaveText('cross-origin isolated (service worker)');
  const worker = await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL);
  expect(worker).toBe(`${withoutHeaders.url}coi-sw.js`);
});

test('without headers or service workers the app runs and the badge says what is slower', async ({
  browser,
}) => {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  const output = await openAndRun(page, withoutHeaders.url);
  expect(output).toContain('squares 1,4,9,16 isolated false');
  const badge = page.locator('#isolation');
  await expect(badge).toHaveText('not isolated: coarse timers, slower balancing');
  await expect(badge).toHaveAttribute('title', /timers are coarse/);
  await expect(badge).toHaveAttribute('title', /service worker could not be installed/);
  expect(problems).toEqual([]);
  await context.close();
});
