import { expect, test } from './fixtures';

test('the editor documents the API on hover and completes its methods', async ({ app }) => {
  await app.evaluate(() => window.fanout.setCode('const c = await cluster();\n'));
  await app.locator('.view-lines').getByText('cluster', { exact: true }).hover();
  const hover = app.locator('.monaco-hover:not(.hidden)');
  await expect(hover).toContainText('Starts (or reuses) engines');
  await expect(hover).toContainText('cluster({ workers: 4 })');

  await app.locator('.view-lines').click();
  await app.keyboard.press('Control+End');
  await app.keyboard.type('c.');
  const suggest = app.locator('.suggest-widget');
  await expect(suggest).toContainText('view');
  await expect(suggest).toContainText('balanced');
});

test('type errors are marked, and a syntax error stops the run at its line', async ({ app }) => {
  await app.evaluate(() => window.fanout.setCode('const n: number = "text";\nprint(n);\n'));
  // A type error is marked, but it is no reason to refuse the run.
  await expect(app.locator('.squiggly-error')).toHaveCount(1);
  const diagnostics = await app.evaluate(() => window.fanout.diagnostics());
  expect(diagnostics.map((d) => d.line)).toEqual([1]);
  expect(diagnostics[0]?.message).toMatch(/not assignable to type 'number'/);
  const ok = await app.evaluate(() => window.fanout.run());
  expect(ok.ok).toBe(true);

  const code = 'print("a");\nconst x = ;\n';
  const report = await app.evaluate((code) => window.fanout.run({ code }), code);
  expect(report.error?.name).toBe('SyntaxError');
  expect(report.error?.line).toBe(2);
  await expect(app.locator('#error')).toContainText('line 2');
  expect(await app.evaluate(() => window.fanout.getCode())).toBe(code);
});

test('the editor text survives a reload', async ({ app }) => {
  await app.evaluate(() => window.fanout.setCode('print("kept across reloads");\n'));
  await app.reload();
  await app.waitForFunction(() => window.fanout !== undefined);
  expect(await app.evaluate(() => window.fanout.getCode())).toBe('print("kept across reloads");\n');
});

test('the editor types scripts as worker code: performance yes, document no', async ({ app }) => {
  await app.evaluate(() =>
    window.fanout.setCode('const t = performance.now();\ndocument.title = "x";\n'),
  );
  const diagnostics = await app.evaluate(() => window.fanout.diagnostics());
  expect(diagnostics.map((d) => d.line)).toEqual([2]);
  expect(diagnostics[0]?.message).toMatch(/^Cannot find name 'document'/);
});

test('ordinary tutorial JavaScript shows no type errors', async ({ app }) => {
  // Correct JavaScript that strict TypeScript would flag (never[], possibly undefined,
  // unknown in catch, implicit any parameters).
  await app.evaluate(() =>
    window.fanout.setCode(`const rows = [];
rows.push({ n: 1, square: 1 });
rows.push({ n: 2, square: 4 });
const found = rows.find((r) => r.n === 2);
print(found.square);
function double(x) { return x * 2; }
let total;
total = 0;
for (const r of rows) total += double(r.square);
try { JSON.parse('{'); } catch (e) { print(e.message); }
const counts = {};
print(total, counts);
`),
  );
  expect(await app.evaluate(() => window.fanout.diagnostics())).toEqual([]);
  await expect(app.locator('.squiggly-error')).toHaveCount(0);
  const report = await app.evaluate(() => window.fanout.run({ workers: 2 }));
  expect(report.ok).toBe(true);
  // A misspelt API method is still caught.
  await app.evaluate(() => window.fanout.setCode('const c = await cluster();\nc.balnced();\n'));
  const wrong = await app.evaluate(() => window.fanout.diagnostics());
  expect(wrong.map((d) => d.line)).toEqual([2]);
});

test('Run works before the TypeScript worker has loaded, and type checking follows', async ({
  page,
}) => {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  // Hold Monaco's TypeScript worker script until the run has ended.
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  let requested = false;
  await page.context().route(/\/ts\.worker-[^/]*\.js$/, async (route) => {
    requested = true;
    await held;
    await route.continue();
  });
  await page.goto('/');
  await page.waitForFunction(() => window.fanout !== undefined);
  await page.evaluate(() => window.fanout.ready);
  const code = 'enum Kind { A, B }\nconst x: number = 20 + Kind.B;\nprint("typed", x * 2);\n';
  const report = await page.evaluate((code) => window.fanout.run({ code, workers: 2 }), code);
  expect(report.error).toBeUndefined();
  expect(report.output.map((l) => l.text)).toContain('typed 42');

  release();
  await page.evaluate(() => window.fanout.setCode('const n: number = "text";\nprint(n);\n'));
  const lines = await page.evaluate(() =>
    window.fanout.diagnostics().then((ds) => ds.map((d) => d.line)),
  );
  expect(lines).toEqual([1]);
  await expect(page.locator('.squiggly-error')).toHaveCount(1);
  // The held request was the worker's: the run above had no TypeScript worker.
  expect(requested).toBe(true);
  expect(problems).toEqual([]);
});
