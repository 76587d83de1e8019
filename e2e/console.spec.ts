import { expect, lines, runScript, test } from './fixtures';

test('printed objects are shown shortened and expand on click', async ({ app }) => {
  await runScript(
    app,
    `print('result', { total: 3, parts: [1, 2], typed: new Float64Array(1000) });
const c = await cluster({ workers: 2 });
await c.view().apply(() => print({ worker: workerId }));`,
  );
  const consoleBody = app.getByTestId('console');
  await expect(consoleBody).toContainText('Float64Array(1000) [0, 0');
  const value = consoleBody.locator('details.value').first();
  await value.locator('summary').click();
  await expect(value.locator('.entry')).toHaveCount(3);
  await expect(value).toContainText('parts:');
  // Values printed on workers expand too.
  await expect(consoleBody.locator('[data-source="1"] details.value')).toHaveCount(1);
});

test('an expanded value stays open while new lines arrive', async ({ app }) => {
  await app.evaluate(() => window.fanout.ready);
  const code = `print('state', { total: 3, parts: [1, 2] });
for (let i = 0; i < 400; i++) { print('tick', i); await sleep(25); }`;
  const finished = app.evaluate(
    (code) => window.fanout.run({ code, workers: 1 }).then((r) => r.ok),
    code,
  );
  const consoleBody = app.getByTestId('console');
  await expect(consoleBody).toContainText('tick 2');
  const value = consoleBody.locator('details.value').first();
  await value.locator('summary').click();
  await expect(value.locator('.entry')).toHaveCount(2);
  const ticks = consoleBody.locator('.line', { hasText: 'tick' });
  const before = await ticks.count();
  // Lines keep arriving (the panel redraws about 8 times a second) ...
  await expect.poll(() => ticks.count()).toBeGreaterThan(before + 10);
  // ... and the value the person opened is the same element, still open.
  await expect(value).toHaveAttribute('open', '');
  await expect(value.locator('.entry')).toHaveCount(2);
  await app.evaluate(() => window.fanout.stop());
  expect(await finished).toBe(false);
});

test('a flood of output is rate limited with a visible count of dropped lines', async ({ app }) => {
  const report = await runScript(
    app,
    `for (let i = 0; i < 20000; i++) print('line', i); print('end');`,
  );
  const text = lines(report);
  expect(text.at(-1)).toBe('end');
  expect(text.some((l) => /lines dropped/.test(l))).toBe(true);
  expect(text.length).toBeLessThan(20000);
  await expect(app.getByTestId('console')).toContainText('lines dropped');
});

test('each call shows a progress bar that ends full', async ({ app }) => {
  await runScript(
    app,
    `const c = await cluster({ workers: 2 });
await c.balanced().map((x: number) => x * 2, Array.from({ length: 50 }, (_, i) => i), { chunkSize: 5 });`,
  );
  const bar = app.getByTestId('call-progress').first();
  await expect(bar).toHaveAttribute('aria-valuenow', '50');
  await expect(bar).toHaveAttribute('aria-valuemax', '50');
});

test('errors nobody caught, on a worker or in the script, reach the console', async ({ app }) => {
  await runScript(
    app,
    `const c = await cluster({ workers: 2 });
await c.view(1).apply(() => { setTimeout(() => { throw new Error('late failure'); }, 0); return 1; });
Promise.reject(new Error('forgotten promise'));
await sleep(200);
print('still running');`,
  );
  const consoleBody = app.getByTestId('console');
  await expect(consoleBody.locator('[data-source="1"]')).toContainText('late failure');
  await expect(consoleBody).toContainText('forgotten promise');
  await expect(consoleBody).toContainText('still running');
});

test('a flood on a worker keeps the latest lines, its dropped note filed under that worker', async ({
  app,
}) => {
  const report = await runScript(
    app,
    `const c = await cluster({ workers: 2 });
await c.view(1).apply(() => { for (let i = 0; i < 5000; i++) print('w-line', i); });`,
  );
  const text = lines(report);
  expect(text).toContain('w-line 4999');
  expect(text).not.toContain('w-line 0');
  const note = report.output.find((l) => /lines dropped/.test(l.text));
  expect(note?.source).toBe(1);
  // The note counts every line not shown: 5,000 printed, the latest few hundred kept.
  const dropped = Number(/… (\d+) /.exec(note?.text ?? '')?.[1]);
  expect(dropped + text.filter((l) => l.startsWith('w-line')).length).toBe(5000);
  const consoleBody = app.getByTestId('console');
  await expect(consoleBody).toContainText('w-line 4999');
  await expect(consoleBody.locator('[data-source="1"]', { hasText: 'lines dropped' })).toHaveCount(
    1,
  );
  await expect(consoleBody.locator('[data-source="driver"]', { hasText: 'dropped' })).toHaveCount(
    0,
  );
});
