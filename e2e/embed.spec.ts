import { expect, test } from './fixtures';

test("?embed shows the compact layout and leaves the full app's text alone", async ({ app }) => {
  await app.evaluate(() => window.fanout.setCode('print("my own work");\n'));

  await app.goto('/?embed');
  await app.waitForFunction(() => window.fanout !== undefined);
  for (const id of ['#run', '#stop', '#workers', '#editor', '#console', '#timeline']) {
    await expect(app.locator(id)).toBeVisible();
  }
  for (const id of ['#sweep', '#sweep-max', '#workers-panel']) {
    await expect(app.locator(id)).toBeHidden();
  }
  // The embed starts from the starter, not from the person's autosaved text...
  expect(await app.evaluate(() => window.fanout.getCode())).not.toContain('my own work');
  await app.evaluate(() => window.fanout.setCode('print("from the embed");\n'));
  const report = await app.evaluate(() => window.fanout.run({ workers: 2 }));
  expect(report.ok).toBe(true);
  await expect(app.locator('#console')).toContainText('from the embed');

  // ...and what is typed into it does not overwrite that text.
  await app.goto('/');
  await app.waitForFunction(() => window.fanout !== undefined);
  expect(await app.evaluate(() => window.fanout.getCode())).toBe('print("my own work");\n');
});
