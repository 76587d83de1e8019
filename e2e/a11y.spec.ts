import type { Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { expect, runScript, test } from './fixtures';

/**
 * axe-core on every state a person reaches, in the dark and the light theme: no violation
 * of any impact. The editor's text is real DOM, so its token colours are checked too.
 */

const BUSY = `const busy = (ms: number) => { const end = performance.now() + ms; while (performance.now() < end); return ms; };`;

/** A script that exercises every kind of output: worker console lines, charts, a table. */
const RESULTS = `// Output of every kind, from the script and from the workers
const c = await cluster({ workers: 2 });
/** Squares, with a line printed on the worker. */
const sq = (x: number) => { print(\`item \${x}\`); return x * x; };
const squares = await c.balanced().map(sq, [1, 2, 3, 4, 5, 6], { chunkSize: 1 });
await c.view().apply(() => { plot.line([1, 4, 9], { title: 'on a worker' }); return 0; });
plot.hist(Float64Array.from({ length: 1000 }, Math.random), { bins: 10, title: 'uniform' });
plot.scatter([1, 2, 3], [3, 1, 2], { title: 'points' });
table(squares.map((s, i) => ({ i, square: s, text: 'a\\tb', ok: /^\\d+$/.test(String(s)) })));
console.warn('a warning');
print({ nested: { list: [1, 2, 3] } });
`;

/** Every token kind the editor colours: keywords, types, strings, escapes, regexps, numbers. */
const TOKENS = `/** A doc comment. */
// A line comment
type Row = { n: number; s: string };
const re = /a+\\d{2}[x-z]/gi;
const s = 'single \\n quote' + "double" + \`template \${1 + 2}\`;
const n = [0x1f, 0o17, 0b101, 1.5e3, 42n];
let rows: Row[] = [];
for (const x of n) if (typeof x === 'number' && re.test(s)) rows.push({ n: x, s });
export {};
`;

async function ready(page: Page): Promise<void> {
  await page.evaluate(() => window.fanout.ready);
  await expect(page.locator('.monaco-editor .view-lines')).toBeVisible();
}

for (const scheme of ['dark', 'light'] as const) {
  test.describe(`${scheme} theme`, () => {
    test.use({ colorScheme: scheme });

    test('first load, and the editor with every kind of token', async ({ app }) => {
      await ready(app);
      await expectNoAxeViolations(app, 'first load');
      await app.evaluate((code) => window.fanout.setCode(code), TOKENS);
      await expect(app.locator('.view-lines')).toContainText('template');
      await expectNoAxeViolations(app, 'editor tokens');
    });

    test('during a run, and stopped', async ({ app }) => {
      await ready(app);
      await app.evaluate(
        (code) => window.fanout.setCode(code),
        `${BUSY}
const c = await cluster({ workers: 2 });
await c.balanced().map(busy, Array.from({ length: 4000 }, () => 50), { chunkSize: 1 });`,
      );
      await app.getByRole('button', { name: 'Run' }).click();
      await expect(app.getByTestId('call-progress')).toBeVisible();
      await expect(app.locator('#status')).toHaveText('Running…');
      await expectNoAxeViolations(app, 'during a run');
      await app.getByRole('button', { name: 'Stop' }).click();
      await expect(app.locator('#status')).toHaveText('Stopped');
      await expectNoAxeViolations(app, 'stopped');
    });

    test('results with charts, tables and worker output; the last runs open', async ({ app }) => {
      await ready(app);
      expect((await runScript(app, RESULTS)).ok).toBe(true);
      expect((await runScript(app, RESULTS)).ok).toBe(true);
      await expect(app.getByTestId('plot')).toHaveCount(4);
      await expect(app.getByTestId('table')).toHaveCount(1);
      await expect(app.locator('#console')).toContainText('item 6');
      await app.getByText('Last runs').click();
      await expect(app.getByTestId('history')).toBeVisible();
      await expectNoAxeViolations(app, 'results');
    });

    test('the scaling sweep', async ({ app }) => {
      await ready(app);
      await app.evaluate(
        (code) => window.fanout.setCode(code),
        `${BUSY}
const c = await cluster();
await c.balanced().map(busy, Array.from({ length: 8 }, () => 10), { chunkSize: 1 });`,
      );
      await app.locator('#sweep-max').selectOption('2');
      await app.getByRole('button', { name: 'Scaling sweep', exact: true }).click();
      await expect(app.getByTestId('sweep-fraction')).toContainText('serial fraction', {
        timeout: 40_000,
      });
      await expectNoAxeViolations(app, 'sweep');
    });

    test('errors: on a worker, in the syntax', async ({ app }) => {
      await ready(app);
      const failed = await runScript(
        app,
        `const c = await cluster({ workers: 2 });
await c.view().map((x: number) => { if (x > 1) throw new Error('too big'); return x; }, [1, 2, 3, 4]);`,
      );
      expect(failed.ok).toBe(false);
      await expect(app.locator('#error')).toBeVisible();
      await expect(app.locator('.squiggly-error')).not.toHaveCount(0);
      await expectNoAxeViolations(app, 'worker error');
      const syntax = await runScript(app, 'const x = ;\n');
      expect(syntax.error?.name).toBe('SyntaxError');
      await expectNoAxeViolations(app, 'syntax error');
    });

    test('a GPU run: the GPU lane, panel and generated WGSL', async ({ app }) => {
      await ready(app);
      const report = await runScript(
        app,
        `const g = await gpu();
print(await g.map((x) => x * x + 1, Float32Array.from({ length: 256 }, (_, i) => i)));`,
      );
      expect(report.error).toBeUndefined();
      await app.getByText(/generated WGSL/).click();
      await expect(app.locator('.gpu-wgsl').first()).toBeVisible();
      await expectNoAxeViolations(app, 'GPU run');
    });

    test('the examples gallery and an opened example', async ({ app }) => {
      await ready(app);
      await app.getByRole('button', { name: 'Examples' }).click();
      const dialog = app.getByRole('dialog', { name: 'Examples' });
      await expect(dialog).toBeVisible();
      await expectNoAxeViolations(app, 'examples dialog');
      await dialog.locator('[data-example]').nth(1).click();
      await expect(dialog).toBeHidden();
      await expect(app.locator('#source-banner')).toBeVisible();
      await expectNoAxeViolations(app, 'an example opened');
    });

    test('the share dialog, a share link opened and the two runs compared', async ({
      app,
      context,
    }) => {
      await context.grantPermissions(['clipboard-read', 'clipboard-write']);
      await ready(app);
      const code = `const ys = await pool.map((x: number) => x * x, [1, 2, 3, 4]);\nprint(ys);\n`;
      expect((await runScript(app, code)).ok).toBe(true);
      await app.getByRole('button', { name: 'Share' }).click();
      const dialog = app.getByRole('dialog', { name: 'Share this script' });
      await expect(dialog.getByTestId('share-status')).toHaveText(/Link copied/);
      await expectNoAxeViolations(app, 'share dialog');
      const link = await dialog.getByLabel('Link').inputValue();
      await dialog.getByRole('button', { name: 'Close' }).click();

      await app.goto(link);
      await app.waitForFunction(() => window.fanout !== undefined);
      await ready(app);
      await expect(app.getByRole('region', { name: 'Opened from a share link' })).toBeVisible();
      await expectNoAxeViolations(app, 'share link opened');
      await app.getByRole('button', { name: /Run/ }).click();
      await expect(app.getByTestId('run-compare')).toBeVisible();
      await expect(app.locator('#status')).toHaveText(/^Done/);
      await expectNoAxeViolations(app, 'share link run, compared');
    });

    test('presentation mode after a run', async ({ app }) => {
      await ready(app);
      await app.getByRole('button', { name: 'Present' }).click();
      expect((await runScript(app, RESULTS)).ok).toBe(true);
      await expectNoAxeViolations(app, 'presentation mode');
    });

    test('the embed layout, before and after a run', async ({ app }) => {
      await app.goto('/?embed');
      await app.waitForFunction(() => window.fanout !== undefined);
      await ready(app);
      await expectNoAxeViolations(app, 'embed');
      expect((await runScript(app, RESULTS)).ok).toBe(true);
      await expectNoAxeViolations(app, 'embed after a run');
    });
  });
}

test('a narrow screen (400 px) after a run', async ({ app }) => {
  await app.setViewportSize({ width: 400, height: 800 });
  await ready(app);
  expect((await runScript(app, RESULTS)).ok).toBe(true);
  await expectNoAxeViolations(app, 'narrow');
});
