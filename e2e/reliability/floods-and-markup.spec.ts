import { expect, lines, runScript, test } from '../fixtures';
import { consoleText, expectRecovered, useSharedPage } from './health';

/**
 * Floods (printing in a tight loop, thousands of tiny calls) and markup in every text a
 * script controls: the page stays responsive, keeps its latest lines and says how many it
 * dropped, and shows markup as text without creating a single element from it.
 */

const page = useSharedPage();

test('printing in a tight loop keeps the latest lines and says how many were dropped', async () => {
  const code = `for (let i = 0; i < 200000; i++) print('line', i);
const c = await cluster({ workers: 2 });
await c.view().apply(() => { for (let i = 0; i < 50000; i++) print('w', i); return 0; });
print('end of flood');`;
  const report = await runScript(page(), code);
  expect(report.error).toBeUndefined();
  expect(lines(report)).toContain('end of flood');
  const text = await consoleText(page());
  expect(text).toContain('end of flood');
  expect(text).toMatch(/lines dropped|not kept|earlier lines/);
  expect(text).toContain('w 49999');
  // The page answers at once after the flood.
  expect(await page().evaluate(() => 1 + 1)).toBe(2);
  await expectRecovered(page(), code);
});

test('thousands of tiny calls finish and every result is right', async () => {
  const code = `const c = await cluster({ workers: 2 });
const b = c.balanced();
const rs = await Promise.all(Array.from({ length: 3000 }, (_, i) => b.submit((x: number) => x * 2, i)));
print('sum', rs.reduce((a: number, x: number) => a + x, 0));`;
  const report = await runScript(page(), code);
  expect(report.error).toBeUndefined();
  expect(lines(report)).toContain(`sum ${3000 * 2999}`);
  await expect(page().locator('#status')).toHaveText(/^Done/);
  await expectRecovered(page(), code);
});

const HTML = `<img src=x data-pwned=1><b data-pwned=1>bold</b>`;
const LIT = JSON.stringify(HTML);

test('markup in print, tables, charts, series, call labels and errors stays text', async () => {
  const code = `const c = await cluster({ workers: 2 });
print(${LIT});
console.warn(${LIT});
print({ [${LIT}]: ${LIT} });
table([{ [${LIT}]: ${LIT}, n: 1 }]);
plot.line([1, 2, 3], { title: ${LIT} });
plot.scatter([1, 2], [3, 4], { title: ${LIT}, name: ${LIT} });
plot.line([${LIT}, 'b'], [1, 2], { name: ${LIT} });
plot.bar([${LIT}, 'b'], [1, 2]);
await c.view().apply(() => { print(${LIT}); plot.hist([1, 2, 2], { title: ${LIT} }); return 0; });
const named = { [${LIT}]: (x: number) => x } as Record<string, (x: number) => number>;
await c.view().map(named[${LIT}], [1, 2]);
throw new Error(${LIT});`;
  const report = await runScript(page(), code);
  expect(report.ok).toBe(false);
  await expect(page().locator('#error')).toContainText(HTML);
  await expect(page().getByTestId('console')).toContainText(HTML);
  await expect(page().getByTestId('table')).toContainText(HTML);
  await expect(page().getByTestId('plot').first()).toContainText(HTML);
  expect(await page().locator('[data-pwned]').count()).toBe(0);
  expect(await page().locator('#results img, #console img, #error img, #summary img').count()).toBe(
    0,
  );
  await expectRecovered(page(), code);
  expect(await page().locator('[data-pwned]').count()).toBe(0);
});
