import { expect, lines, runScript, test } from '../fixtures';
import { consoleText, expectRecovered, runFromPage, useSharedPage } from './health';

/**
 * A person's own mistakes with the controls and the page: Run twice, Stop at the wrong
 * moment, a reload mid-run, a damaged autosave, worker counts the API refuses.
 */

const page = useSharedPage();

/** Starts `code` with the Run button and waits until the status says it runs and it printed `mark`. */
async function startRun(code: string, mark: string): Promise<void> {
  const p = page();
  await p.evaluate((c) => window.fanout.setCode(c), code);
  await p.getByRole('button', { name: /Run/ }).click();
  await expect(p.locator('#status')).toHaveText(/Running/);
  await expect.poll(() => consoleText(p)).toContain(mark);
}

test('Run pressed twice quickly starts one run that finishes', async () => {
  const p = page();
  const code = `print('once'); await sleep(300); print('finished');`;
  await p.evaluate((c) => window.fanout.setCode(c), code);
  const before = (await p.evaluate(() => window.fanout.snapshot()?.runId)) ?? 0;
  await p.getByRole('button', { name: /Run/ }).dblclick();
  await expect(p.locator('#status')).toHaveText(/^Done/);
  expect(await p.evaluate(() => window.fanout.snapshot()?.runId)).toBe(before + 1);
  expect(lines(await p.evaluate(() => window.fanout.report()!))).toEqual(['once', 'finished']);
  await expectRecovered(p, code);
});

test('Stop when nothing runs changes nothing', async () => {
  const p = page();
  const code = `print('idle check');`;
  await runFromPage(p, code);
  const status = await p.locator('#status').innerText();
  await p.keyboard.press('Escape');
  await p.evaluate(() => window.fanout.stop());
  await expect(p.locator('#status')).toHaveText(status);
  await expect(p.getByTestId('console')).toContainText('idle check');
  await expectRecovered(p, code);
});

test('Stop in the middle of a scatter stops at once and the next Run works', async () => {
  const p = page();
  const code = `const c = await cluster({ workers: 2 }); const v = c.view();
print('scattering');
for (let i = 0; ; i++) await v.scatter('big', new Float64Array(2_000_000).fill(i));`;
  await startRun(code, 'scattering');
  await p.getByRole('button', { name: /Stop/ }).click();
  await expect(p.locator('#status')).toHaveText('Stopped');
  await expectRecovered(p, code);
});

test('a reload during a run brings back the text and a working page', async () => {
  const p = page();
  const code = `print('spinning'); for (;;) {}`;
  await startRun(code, 'spinning');
  await p.reload();
  await p.waitForFunction(() => window.fanout !== undefined);
  await expect(p.locator('#status')).not.toHaveText(/Running|Loading/);
  expect(await p.evaluate(() => window.fanout.getCode())).toBe(code);
  await expectRecovered(p, code);
});

test('a damaged autosave leaves a working page', async () => {
  const p = page();
  await p.evaluate(() => {
    localStorage.setItem('fanout:source', '{"kind":"link","hash":');
    localStorage.setItem('fanout:visit', '\u0000\uffff not json');
    localStorage.setItem('fanout:script', '\u0000garbage <script>alert(1)</script>');
    localStorage.setItem('fanout:settings', '{{{{');
  });
  await p.reload();
  await p.waitForFunction(() => window.fanout !== undefined);
  await expect(p.locator('#status')).toHaveText(/Ready/);
  expect(await p.locator('script:not([src])').count()).toBe(0);
  // The person's own text is never thrown away, however odd: it is shown, and runs as code.
  const code = await p.evaluate(() => window.fanout.getCode());
  expect(code).toBe('\u0000garbage <script>alert(1)</script>');
  await runFromPage(p, code);
  await expect(p.locator('#status')).toHaveText('Syntax error');
  await expectRecovered(p, code);
});

for (const bad of ['NaN', "'lots'", '1.5', 'Infinity']) {
  test(`cluster({ workers: ${bad} }) fails with advice`, async () => {
    const p = page();
    const code = `await cluster({ workers: ${bad} as any });`;
    const report = await runScript(p, code);
    expect(report.ok).toBe(false);
    expect(report.error?.name).toBe('UsageError');
    await expect(p.locator('#error')).toContainText('workers');
    await expect(p.locator('#status')).toHaveText('Failed');
    await expectRecovered(p, code);
  });
}
