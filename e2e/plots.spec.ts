import { expect, runScript, test } from './fixtures';

test('plots and tables from the script and from workers appear in the results panel', async ({
  app,
}) => {
  await expect(app.locator('#results')).toBeHidden();
  const report = await runScript(
    app,
    `
plot.hist(Float64Array.from({ length: 100000 }, Math.random), { bins: 20, title: 'uniform' });
const xs = Array.from({ length: 200 }, (_, i) => i / 10);
plot.scatter(xs, xs.map((x) => Math.sin(x)), { title: 'sine' });
const c = await cluster({ workers: 2 });
await c.view().apply(() => {
  plot.line([1, 4, 9]);
  return 1;
});
table([
  { a: 1, b: 2 },
  { a: 3, b: 4 },
]);
print('done');
`,
  );
  expect(report.error).toBeUndefined();
  const results = app.locator('#results');
  await expect(results).toBeVisible();
  const plots = results.getByTestId('plot');
  await expect(plots).toHaveCount(4);
  const kinds = await plots.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.kind));
  expect(kinds.sort()).toEqual(['hist', 'line', 'line', 'scatter']);
  for (const p of await plots.all()) await expect(p.locator('canvas')).toHaveCount(1);
  await expect(results.getByTestId('plot').filter({ hasText: 'uniform' })).toHaveCount(1);
  await expect(results.getByText('worker 0')).toHaveCount(1);
  await expect(results.getByText('worker 1')).toHaveCount(1);
  const table = results.getByTestId('table');
  await expect(table).toHaveCount(1);
  await expect(table.locator('tbody tr')).toHaveCount(2);
  await expect(table.locator('thead th')).toHaveText(['a', 'b']);
});

test('plot calls with the wrong arguments fail with a clear message', async ({ app }) => {
  const report = await runScript(app, `plot.hist('abc');`);
  expect(report.error?.message).toMatch(/plot\.hist\(values\) must be an array of numbers/);
});
