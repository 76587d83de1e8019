import type { CDPSession, Page } from '@playwright/test';
import { expect, openApp, test } from '../fixtures';

/**
 * Out of memory in a loop that never yields: the run sandbox (a sandboxed frame with a
 * process of its own, src/host/sandbox-host.ts) dies, and the page does not. Playwright
 * counts the frame's crash as the page's and refuses to touch the page afterwards, so
 * these tests read the page through a DevTools session of their own, as a second observer.
 */

/** Evaluates `expression` in the page through `cdp`, awaiting a promise it returns. */
async function inPage<T>(cdp: CDPSession, expression: string): Promise<T> {
  const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
    expression,
    awaitPromise: true,
    returnByValue: true,
  });
  if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? 'threw');
  return result.value as T;
}

/** Presses Run on `code` and waits (up to `ms`) until the status leaves "Running". */
async function runAndWait(cdp: CDPSession, code: string, ms: number): Promise<string> {
  await inPage(
    cdp,
    `window.fanout.setCode(${JSON.stringify(code)}); document.getElementById('run').click(); 1`,
  );
  await expect
    .poll(() => inPage<string>(cdp, `document.getElementById('status').textContent`), {
      timeout: ms,
      intervals: [250],
    })
    .not.toMatch(/Running|Ready/);
  return inPage<string>(cdp, `document.getElementById('status').textContent`);
}

/** What the person sees after the crash, and that the next Run works. */
async function expectContained(cdp: CDPSession, code: string, who: RegExp): Promise<void> {
  const error = await inPage<string>(cdp, `document.getElementById('error').textContent`);
  expect(error).toContain('WorkerCrashedError');
  expect(error).toMatch(who);
  expect(error).toContain('most likely out of memory');
  // Printed before the crash, kept.
  expect(
    await inPage<string>(cdp, `document.querySelector('[data-testid=console]').textContent`),
  ).toContain('before the leak');
  expect(await inPage<string>(cdp, `window.fanout.getCode()`)).toBe(code);
  // The page answered all along; the next Run gets a fresh sandbox and works.
  const next = await inPage<{ ok: boolean; output: { text: string }[] }>(
    cdp,
    `window.fanout.run({ code: "const c = await cluster({ workers: 2 }); print('next', (await c.view().map((x) => x * 2, [1, 2, 3])).join(','));", workers: 2 })`,
  );
  expect(next.ok).toBe(true);
  expect(next.output.map((l) => l.text)).toEqual(['next 2,4,6']);
}

async function open(page: Page): Promise<CDPSession> {
  const problems: string[] = [];
  await openApp(page, problems);
  await page.evaluate(() => window.fanout.ready);
  expect(problems).toEqual([]);
  return page.context().newCDPSession(page);
}

test.describe('out of memory in a loop that never yields', () => {
  test.setTimeout(120_000);

  test('in a mapped function: the run ends with a WorkerCrashedError naming the worker; the page lives', async ({
    page,
  }) => {
    const cdp = await open(page);
    const code = `print('before the leak');
const c = await cluster({ workers: 2 });
await c.balanced().map((x: number) => {
  const kept: number[][] = [];
  for (;;) kept.push(new Array(1e6).fill(x));
}, [1]);`;
    expect(await runAndWait(cdp, code, 90_000)).toBe('Failed');
    await expectContained(cdp, code, /worker [01] was computing/);
  });

  test("in the script itself: the run ends with a WorkerCrashedError naming the script's worker", async ({
    page,
  }) => {
    const cdp = await open(page);
    const code = `print('before the leak');
const kept: number[][] = [];
for (;;) kept.push(new Array(1e6).fill(1));`;
    expect(await runAndWait(cdp, code, 90_000)).toBe('Failed');
    await expectContained(cdp, code, /the script's own worker was computing/);
  });
});

test('where the run sandbox cannot start, the page runs its workers itself', async ({ page }) => {
  // A host that does not serve the sandbox's page: the frame never says it is ready.
  await page.route('**/sandbox.html', (route) => route.fulfill({ status: 404, body: 'missing' }));
  const notes: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'info') notes.push(m.text());
  });
  const problems: string[] = [];
  await openApp(page, problems);
  const report = await page.evaluate(() =>
    window.fanout.run({
      code: "const c = await cluster({ workers: 2 }); print('ran', (await c.view().map((x) => x + 1, [1, 2])).join(','), typeof SharedArrayBuffer);",
      workers: 2,
    }),
  );
  expect(report.ok).toBe(true);
  expect(report.output.map((l) => l.text)).toEqual(['ran 2,3 function']);
  expect(notes.join('\n')).toMatch(/workers run in the page \(the run sandbox/);
  expect(problems.filter((p) => !p.includes('404'))).toEqual([]);
});

test('?no-sandbox runs the workers in the page, and a run there works as before', async ({
  page,
}) => {
  const problems: string[] = [];
  await openApp(page, problems);
  await page.goto('/?no-sandbox');
  await page.waitForFunction(() => window.fanout !== undefined);
  expect(page.frames().some((f) => f.url().includes('sandbox.html'))).toBe(false);
  const report = await page.evaluate(() =>
    window.fanout.run({ code: "print('in the page', crossOriginIsolated);", workers: 2 }),
  );
  expect(report.output.map((l) => l.text)).toEqual(['in the page true']);
  expect(problems).toEqual([]);
});
