import { expect, lines, runScript, test } from '../fixtures';
import { expectRecovered } from './health';

const WHO = `print('engines', (await pool.map(() => workerId, [1, 2, 3, 4, 5, 6])).length >= 0); print('n', (await cluster()).ids.length);`;

test('run({ workers: 3 }) uses three workers and shows 3 in the toolbar', async ({ app }) => {
  const report = await runScript(app, WHO, 3);
  expect(report.error).toBeUndefined();
  expect(lines(report)).toContain('n 3');
  await expect(app.getByLabel('Worker count', { exact: true })).toHaveValue('3');
  await expectRecovered(app, WHO);
});

test('run({ workers: 5 }) then the toolbar keeps working for other counts', async ({ app }) => {
  expect(lines(await runScript(app, WHO, 5))).toContain('n 5');
  expect(lines(await runScript(app, WHO, 1))).toContain('n 1');
  await expect(app.getByLabel('Worker count', { exact: true })).toHaveValue('1');
});

for (const bad of [1e9, -5, 0]) {
  test(`run({ workers: ${bad} }) fails with advice and leaves the toolbar as it was`, async ({
    app,
  }) => {
    const before = await app.getByLabel('Worker count', { exact: true }).inputValue();
    const report = await runScript(app, WHO, bad);
    expect(report.ok).toBe(false);
    expect(report.error?.name).toBe('UsageError');
    expect(report.error?.message).toMatch(/too many|leaves no workers|0 is not a worker count/);
    await expect(app.locator('#error')).toContainText('workers:');
    await expect(app.getByLabel('Worker count', { exact: true })).toHaveValue(before);
    await expect(app.locator('#status')).toHaveText('Failed');
    await expectRecovered(app, WHO);
  });
}
