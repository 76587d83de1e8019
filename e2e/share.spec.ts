import type { Page } from '@playwright/test';
import { encodeLink } from '../src/share/link-codec.js';
import { expect, test } from './fixtures';

const MINE = 'print("my own work, not to be lost");\n';
const SHARED =
  'const ys = await pool.map((x: number) => x * x, [1, 2, 3, 4]);\nprint("squares", ys.join(","));\n';

/** Makes a link with Share and returns it, as the person would copy it. */
async function share(app: Page): Promise<string> {
  await app.getByRole('button', { name: 'Share' }).click();
  const dialog = app.getByRole('dialog', { name: 'Share this script' });
  await expect(dialog.getByTestId('share-status')).toHaveText(/Link copied: [\d,]+ characters/);
  const link = await dialog.getByLabel('Link').inputValue();
  const length = (await dialog.getByTestId('share-status').textContent())!.match(
    /([\d,]+) characters/,
  )![1];
  expect(Number(length!.replace(/,/g, ''))).toBe(link.length);
  expect(await app.evaluate(() => navigator.clipboard.readText())).toBe(link);
  await dialog.getByRole('button', { name: 'Close' }).click();
  return link;
}

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

test('a share link round-trips code and settings, waits for Run, and keeps the own script', async ({
  app,
  context,
}) => {
  await app.evaluate((code) => window.fanout.setCode(code), SHARED);
  await app.locator('#workers').selectOption('4');
  const link = await share(app);
  expect(new URL(link).hash).toMatch(/^#fanout\/1\/[A-Za-z0-9_-]+$/);

  // The receiver has their own script, autosaved.
  const receiver = await context.newPage();
  await receiver.goto('/');
  await receiver.waitForFunction(() => window.fanout !== undefined);
  await receiver.evaluate((code) => window.fanout.setCode(code), MINE);
  await receiver.goto(link);
  await receiver.waitForFunction(() => window.fanout !== undefined);

  const banner = receiver.getByRole('region', { name: 'Opened from a share link' });
  await expect(banner).toContainText('has not run');
  expect(await receiver.evaluate(() => window.fanout.getCode())).toBe(SHARED);
  await expect(receiver.locator('#workers')).toHaveValue('4');
  // Nothing ran: no report, an empty console, the status still says Ready.
  await expect(receiver.locator('#status')).toHaveText('Ready');
  expect(await receiver.evaluate(() => window.fanout.report())).toBeUndefined();

  await receiver.getByRole('button', { name: /Run/ }).click();
  await expect(receiver.getByTestId('console')).toContainText('squares 1,4,9,16');

  await receiver.getByRole('button', { name: 'Back to my script' }).click();
  expect(await receiver.evaluate(() => window.fanout.getCode())).toBe(MINE);
  expect(new URL(receiver.url()).hash).toBe('');
  await receiver.reload();
  await receiver.waitForFunction(() => window.fanout !== undefined);
  expect(await receiver.evaluate(() => window.fanout.getCode())).toBe(MINE);
});

test("the receiver's run is shown beside the sender's", async ({ app, context }) => {
  await app.evaluate((code) => window.fanout.run({ code, workers: 2 }), SHARED);
  const link = await share(app);

  const receiver = await context.newPage();
  await receiver.goto(link);
  await receiver.waitForFunction(() => window.fanout !== undefined);
  await expect(receiver.getByTestId('link-sender')).toContainText(
    /Made on \d+ threads? \(.+\); their run took .+ on 2 workers/,
  );
  await receiver.locator('#workers').selectOption('1');
  await receiver.getByRole('button', { name: /Run/ }).click();
  const compare = receiver.getByTestId('run-compare');
  await expect(compare.getByTestId('compare-theirs')).toHaveText(
    /^Theirs: \d+ threads? \(.+\), 2 workers: [\d.]+ (ms|s)$/,
  );
  await expect(compare.getByTestId('compare-yours')).toHaveText(
    /^Yours: \d+ threads? \(.+\), 1 worker: [\d.]+ (ms|s)$/,
  );
  await compare.getByText('Each call, theirs and yours').click();
  await expect(compare.getByRole('row', { name: /pool\.map/ })).toHaveCount(1);
});

test('corrupt, truncated, unknown-version and oversized links say so and lose nothing', async ({
  app,
}) => {
  await app.evaluate((code) => window.fanout.setCode(code), MINE);
  const good = await encodeLink({ code: SHARED, settings: { workers: 2 } });
  const cases: [string, RegExp][] = [
    [good.slice(0, -10), /incomplete or damaged/],
    [`${good.slice(0, 20)}!!${good.slice(22)}`, /incomplete or damaged/],
    [good.replace('fanout/1/', 'fanout/7/'), /format version 7; this Fanout reads version 1/],
    [`fanout/1/${'A'.repeat(120_000)}`, /Fanout reads links up to/],
  ];
  for (const [hash, message] of cases) {
    await app.goto(`/#${hash}`);
    await app.waitForFunction(() => window.fanout !== undefined);
    await expect(app.locator('#error')).toContainText(message);
    await expect(app.locator('#error')).toContainText('your own script is still in the editor');
    expect(await app.evaluate(() => window.fanout.getCode())).toBe(MINE);
    await expect(app.locator('#source-banner')).toBeHidden();
  }
  // A good link pasted into the open page's address bar opens without a reload.
  await app.evaluate((hash) => (location.hash = hash), good);
  await expect(app.getByRole('region', { name: 'Opened from a share link' })).toBeVisible();
  await expect(app.locator('#error')).toBeHidden();
  expect(await app.evaluate(() => window.fanout.getCode())).toBe(SHARED);
});
