import { readFile } from 'node:fs/promises';
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

test('axes make room for their labels: 300,000 is shown whole', async ({ app }) => {
  await runScript(
    app,
    `const xs = Array.from({ length: 50 }, (_, i) => i);
plot.line(xs, xs.map((x) => x * 6500), { title: 'big' });`,
  );
  const chart = app.getByTestId('plot').filter({ hasText: 'big' });
  const room = await chart.evaluate((fig) => {
    const over = fig.querySelector('.u-over') as HTMLElement;
    const ctx = document.createElement('canvas').getContext('2d')!;
    ctx.font = '11px system-ui, sans-serif';
    return { left: over.offsetLeft, text: ctx.measureText('300,000').width };
  });
  // Tick marks and a gap take 10 px; the rest must hold the widest label.
  expect(room.left).toBeGreaterThanOrEqual(room.text + 10);
});

test('heatmaps, category labels, text alternatives and downloads', async ({ app }) => {
  await runScript(
    app,
    `const w = 40, h = 30;
plot.image(Float64Array.from({ length: w * h }, (_, i) => i % w), w, h, { title: 'ramp' });
plot.bar(['one', 'two', 'three'], [1, 4, 2], { title: 'bars' });
plot.line(['mon', 'tue', 'wed'], [3, 5, 4], { title: 'days' });
table([{ name: 'a, b', n: 1 }, { name: 'say "hi"', n: 2 }], { title: 'rows' });`,
  );
  const results = app.locator('#results');
  const image = results.locator('[data-kind="image"]');
  await expect(image.locator('canvas')).toHaveAttribute('width', '40');
  // Left column dark (viridis purple), right column bright (yellow).
  const [leftPx, rightPx] = await image.locator('canvas').evaluate((c) => {
    const ctx = (c as HTMLCanvasElement).getContext('2d')!;
    return [
      Array.from(ctx.getImageData(0, 5, 1, 1).data),
      Array.from(ctx.getImageData(39, 5, 1, 1).data),
    ];
  });
  expect(leftPx[2]).toBeGreaterThan(leftPx[1]!);
  expect(rightPx[0]).toBeGreaterThan(200);
  await expect(image).toContainText('39');
  for (const [kind, text] of [
    ['image', 'Heatmap of 40 by 30 values'],
    ['bar', 'one 1, two 4, three 2'],
    ['line', 'categories mon to wed'],
  ] as const) {
    await expect(results.locator(`[data-kind="${kind}"] [role="img"]`)).toHaveAttribute(
      'aria-label',
      new RegExp(text),
    );
  }
  const [csv] = await Promise.all([
    app.waitForEvent('download'),
    results.getByRole('button', { name: /rows.*CSV/ }).click(),
  ]);
  expect(csv.suggestedFilename()).toBe('rows.csv');
  const csvText = await readFile(await csv.path(), 'utf8');
  expect(csvText).toBe('name,n\r\n"a, b",1\r\n"say ""hi""",2\r\n');
  const [png] = await Promise.all([
    app.waitForEvent('download'),
    results.getByRole('button', { name: /bars.*PNG/ }).click(),
  ]);
  expect(png.suggestedFilename()).toBe('bars.png');
  const bytes = await readFile(await png.path());
  expect(bytes.subarray(1, 4).toString()).toBe('PNG');
  expect(bytes.length).toBeGreaterThan(1000);
});
