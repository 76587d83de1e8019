import type { Page } from '@playwright/test';
import { expect, runScript, test } from './fixtures';

const BUSY = `const busy = (ms: number) => { const end = performance.now() + ms; while (performance.now() < end); return ms; };`;

/** True when keyboard focus is inside the Monaco editor. */
function focusInEditor(page: Page): Promise<boolean> {
  return page.evaluate(() => !!document.activeElement?.closest('.monaco-editor'));
}

test('Tab indents in the editor; Escape then Tab, or Ctrl+M, leaves it', async ({ app }) => {
  await app.evaluate(() => window.fanout.setCode('let x = 1;\n'));
  const hint = app.locator('#editor-hint');
  await expect(hint).toContainText('press Esc then Tab');
  await app.locator('.view-lines').click();
  await app.keyboard.press('Control+End');
  await app.keyboard.press('Tab');
  expect(await focusInEditor(app)).toBe(true);
  const indented = await app.evaluate(() => window.fanout.getCode());
  expect(indented).toMatch(/\n\s+$/);

  await app.keyboard.press('Escape');
  await app.keyboard.press('Tab');
  expect(await focusInEditor(app)).toBe(false);
  expect(await app.evaluate(() => window.fanout.getCode())).toBe(indented);

  // Back in the editor, Tab indents again until Ctrl+M switches it to moving focus.
  await app.locator('.view-lines').click();
  await app.keyboard.press('Tab');
  expect(await focusInEditor(app)).toBe(true);
  await app.keyboard.press('Control+m');
  await expect(hint).toContainText('Tab now moves focus');
  await app.keyboard.press('Tab');
  expect(await focusInEditor(app)).toBe(false);
  await app.locator('.view-lines').click();
  await app.keyboard.press('Tab');
  expect(await focusInEditor(app)).toBe(false);
  await app.locator('.view-lines').click();
  await app.keyboard.press('Control+m');
  await expect(hint).toContainText('Tab indents');
});

test('the whole page works from the keyboard, with visible focus', async ({ app }) => {
  await app.evaluate(() => window.fanout.ready);
  await app.evaluate(
    (code) => window.fanout.setCode(code),
    `const c = await cluster({ workers: 2 });
print(await c.balanced().map((x: number) => x * 2, [1, 2, 3, 4], { chunkSize: 1 }));
table([{ a: 1 }]);`,
  );
  // The first Tab offers a way past the editor.
  await app.keyboard.press('Tab');
  const skip = app.getByRole('link', { name: 'Skip to the results' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await app.keyboard.press('Tab');
  await expect(app.getByRole('button', { name: 'Run' })).toBeFocused();
  await app.keyboard.press('Enter');
  await expect(app.locator('#status')).toHaveText(/^Done/);

  // Walk the whole page with Tab (Escape first when the editor has focus): every control
  // is reached and shows where focus is.
  const reached = new Set<string>();
  for (let i = 0; i < 40; i++) {
    if (await focusInEditor(app)) {
      reached.add('editor');
      await app.keyboard.press('Escape');
      await app.keyboard.press('Tab');
      continue;
    }
    const info = await app.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return undefined;
      const css = getComputedStyle(el);
      const ring =
        (css.outlineStyle !== 'none' && parseFloat(css.outlineWidth) >= 2) ||
        css.boxShadow !== 'none';
      const name =
        el.id ||
        el.dataset.testid ||
        el.getAttribute('aria-label') ||
        el.textContent?.trim().slice(0, 30) ||
        el.tagName;
      return { name, ring };
    });
    if (info) {
      expect(info.ring, `visible focus on ${info.name}`).toBe(true);
      reached.add(info.name);
    }
    await app.keyboard.press('Tab');
  }
  for (const name of ['run', 'workers', 'sweep', 'present', 'editor', 'Calls', 'timeline-canvas'])
    expect([...reached], `reached ${name}`).toContain(name);
  expect([...reached].some((n) => n.startsWith('Fit'))).toBe(true);

  // The skip link lands on the results, past the editor.
  await skip.focus();
  await app.keyboard.press('Enter');
  await expect(app.locator('#results-pane')).toBeFocused();
});

/** Records every text the polite announcer region takes. */
async function recordAnnouncements(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const w = window as unknown as { said: string[] };
    w.said = [];
    const region = document.getElementById('announcer')!;
    new MutationObserver(() => {
      if (region.textContent) w.said.push(region.textContent);
    }).observe(region, { childList: true, characterData: true, subtree: true });
  });
  return () => page.evaluate(() => (window as unknown as { said: string[] }).said);
}

test('run started, calls finished, errors and Stop are announced once, politely', async ({
  app,
}) => {
  await expect(app.locator('#announcer')).toHaveAttribute('aria-live', 'polite');
  const said = await recordAnnouncements(app);
  const report = await runScript(
    app,
    `${BUSY}
const c = await cluster({ workers: 2 });
await c.balanced().map(busy, Array.from({ length: 60 }, () => 10), { chunkSize: 1 });
await c.view().apply(() => 1);`,
  );
  expect(report.ok).toBe(true);
  await expect.poll(async () => (await said()).join(' ')).toMatch(/Done in/);
  const ok = await said();
  expect(ok[0]).toMatch(/^Running/);
  expect(ok.join(' ')).toMatch(/map\(busy\) finished in|2 calls finished/);
  // 60 tasks, two calls: a handful of announcements, not one per task.
  expect(ok.length).toBeLessThanOrEqual(4);
  expect(ok.filter((t) => t.includes('Done in'))).toHaveLength(1);

  await runScript(
    app,
    `const c = await cluster({ workers: 2 });
await c.view().map((x: number) => { throw new Error('no luck ' + x); }, [1, 2]);`,
  );
  await expect.poll(async () => (await said()).join(' ')).toMatch(/Failed\. [\s\S]*no luck/);

  await app.evaluate(
    (code) => window.fanout.setCode(code),
    `${BUSY}
const c = await cluster({ workers: 2 });
await c.balanced().map(busy, Array.from({ length: 4000 }, () => 50), { chunkSize: 1 });`,
  );
  await app.getByRole('button', { name: 'Run' }).click();
  await expect(app.locator('#status')).toHaveText('Running…');
  await app.getByRole('button', { name: 'Stop' }).click();
  await expect.poll(async () => (await said()).at(-1)).toMatch(/Stopped/);
  // Nothing of the page's own interrupts: no assertive regions (Monaco keeps two empty
  // alert regions of its own, for the editor's commands, in .monaco-aria-container).
  const assertive = app.locator(
    ':is([role="alert"], [aria-live="assertive"]):not(.monaco-aria-container *)',
  );
  await expect(assertive).toHaveCount(0);
});
