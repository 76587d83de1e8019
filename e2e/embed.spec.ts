import type { Page } from '@playwright/test';
import type { EmbedEvent } from '../src/protocol/embed';
import { expect, test } from './fixtures';

test("?embed shows the compact layout and leaves the full app's text alone", async ({ app }) => {
  await app.evaluate(() => window.fanout.setCode('print("my own work");\n'));

  await app.goto('/?embed');
  await app.waitForFunction(() => window.fanout !== undefined);
  for (const id of ['#run', '#stop', '#workers', '#editor', '#console', '#timeline']) {
    await expect(app.locator(id)).toBeVisible();
  }
  for (const id of ['#sweep', '#sweep-max', '#workers-panel']) {
    await expect(app.locator(id)).toBeHidden();
  }
  // The embed starts from the starter, not from the person's autosaved text...
  expect(await app.evaluate(() => window.fanout.getCode())).not.toContain('my own work');
  await app.evaluate(() => window.fanout.setCode('print("from the embed");\n'));
  const report = await app.evaluate(() => window.fanout.run({ workers: 2 }));
  expect(report.ok).toBe(true);
  await expect(app.locator('#console')).toContainText('from the embed');

  // ...and what is typed into it does not overwrite that text.
  await app.goto('/');
  await app.waitForFunction(() => window.fanout !== undefined);
  expect(await app.evaluate(() => window.fanout.getCode())).toBe('print("my own work");\n');
});

type Sent = unknown;
/** Opens the demo tutorial page and waits until the embedded playground says it is ready. */
async function openDemo(page: Page): Promise<void> {
  await page.goto('/embed-demo.html');
  await expect(page.locator('body')).toHaveAttribute('data-ready', 'true');
}

/** Records every message the iframe `selector` posts to the page, in `window.embedLog`. */
async function recordMessages(page: Page, selector = '#fanout'): Promise<void> {
  await page.evaluate((selector) => {
    const frame = document.querySelector<HTMLIFrameElement>(selector)!;
    const log: EmbedEvent[] = [];
    (window as unknown as { embedLog: EmbedEvent[] }).embedLog = log;
    window.addEventListener('message', (e: MessageEvent<EmbedEvent>) => {
      if (e.source === frame.contentWindow) log.push(e.data);
    });
  }, selector);
}

/** Posts `data` to the iframe and resolves with its first reply (ready, ack, report or error). */
function ask(page: Page, data: Sent, selector = '#fanout'): Promise<EmbedEvent> {
  return page.evaluate(
    ({ data, selector }) =>
      new Promise<EmbedEvent>((resolve) => {
        const frame = document.querySelector<HTMLIFrameElement>(selector)!;
        const replies = ['fanout:ready', 'fanout:ack', 'fanout:report', 'fanout:error'];
        window.addEventListener('message', function listen(e: MessageEvent<EmbedEvent>) {
          if (e.source !== frame.contentWindow || !replies.includes(e.data.type)) return;
          window.removeEventListener('message', listen);
          resolve(e.data);
        });
        frame.contentWindow!.postMessage(data, '*');
      }),
    { data, selector },
  );
}

const embedLog = (page: Page): Promise<EmbedEvent[]> =>
  page.evaluate(() => (window as unknown as { embedLog: EmbedEvent[] }).embedLog);

test('the tutorial demo drives a run in the embed and shows its report', async ({ app }) => {
  await openDemo(app);
  await recordMessages(app);
  await app.selectOption('#workers', '1');
  await app.getByRole('button', { name: 'Load the example' }).click();
  const playground = app.frameLocator('#fanout');
  await expect(playground.locator('.view-lines')).toContainText('One part per worker');
  await app.getByRole('button', { name: 'Run' }).click();

  await expect(app.locator('#summary')).toContainText(/Finished in [\d.]+ ms on 1 worker\./);
  await expect(app.locator('#calls')).toContainText('scatter(part)');
  await expect(app.locator('#calls')).toContainText('gather(flags)');
  await expect(app.locator('#output')).toContainText('[script] 20000 numbers on 1 workers');
  await expect(app.locator('#output')).toContainText('[script] primes found: 958');
  await expect(playground.locator('#console')).toContainText('primes found: 958');

  // The host saw the run start, its progress, its output and the report, in that order.
  const log = await embedLog(app);
  const types = log.map((m) => m.type);
  expect(types.filter((t) => t === 'fanout:ack')).toHaveLength(2); // set-workers, load
  const start = types.indexOf('fanout:run-start');
  const end = types.indexOf('fanout:report');
  expect(start).toBeGreaterThanOrEqual(0);
  expect(types.slice(start, end)).toContain('fanout:progress');
  expect(types.slice(start, end)).toContain('fanout:output');
  const report = log[end];
  if (report?.type !== 'fanout:report') throw new Error('no report');
  expect(report.report.ok).toBe(true);
  // push, scatter, execute and gather: one task each on the one worker.
  const tasks = report.report.calls.map((c) => c.tasks.length);
  expect(tasks).toEqual([1, 1, 1, 1]);
  const progress = log.filter((m) => m.type === 'fanout:progress').at(-1);
  expect(progress?.type === 'fanout:progress' && progress.tasksDone).toBe(4);
});

test('bad messages get error replies and the embed carries on', async ({ app }) => {
  await openDemo(app);
  expect(await ask(app, { type: 'fanout:get-report', id: 'r' })).toMatchObject({
    type: 'fanout:error',
    id: 'r',
    code: 'no-report',
  });
  expect(await ask(app, 'run please')).toMatchObject({ type: 'fanout:error', code: 'bad-message' });
  expect(await ask(app, { type: 'fanout:explode', id: 1 })).toMatchObject({
    code: 'unknown-type',
    id: 1,
  });
  expect(await ask(app, { type: 'fanout:run', id: 2, workers: 0 })).toMatchObject({
    code: 'bad-message',
    id: 2,
  });
  const badLoad = await ask(app, { type: 'fanout:load', id: 3, code: { toString: 1 } });
  expect(badLoad).toMatchObject({ code: 'bad-message', id: 3 });
  expect(badLoad.type === 'fanout:error' && badLoad.message).toContain('"code" must be a string');

  // Still alive: a good request runs, and a second run while it goes is refused as busy.
  await recordMessages(app);
  const run = ask(app, { type: 'fanout:run', id: 4, code: 'print("still alive")', workers: 1 });
  const report = await run;
  expect(report).toMatchObject({ type: 'fanout:report', id: 4, report: { ok: true } });
  expect(report.type === 'fanout:report' && report.report.output[0]?.text).toBe('still alive');
  expect(await ask(app, { type: 'fanout:get-report', id: 5 })).toMatchObject({
    type: 'fanout:report',
    id: 5,
  });
});

test('the host page stops a run that never ends', async ({ app }) => {
  await openDemo(app);
  await recordMessages(app);
  await app.evaluate(() => {
    const frame = document.querySelector<HTMLIFrameElement>('#fanout')!;
    frame.contentWindow!.postMessage(
      { type: 'fanout:run', id: 'forever', code: 'while (true) {}' },
      '*',
    );
  });
  await expect
    .poll(async () => (await embedLog(app)).map((m) => m.type))
    .toContain('fanout:run-start');
  expect(await ask(app, { type: 'fanout:run', id: 'again' })).toMatchObject({ code: 'busy' });
  await app.getByRole('button', { name: 'Stop' }).click();
  await expect(app.locator('#summary')).toContainText('StoppedError');
  const report = (await embedLog(app)).find((m) => m.type === 'fanout:report');
  expect(report).toMatchObject({ id: 'forever', report: { ok: false } });
});

test('an embed restricted to another origin refuses this page', async ({ app }) => {
  await openDemo(app);
  await app.evaluate(() => {
    const frame = document.createElement('iframe');
    frame.id = 'restricted';
    frame.src = './?embed&origin=https://tutorial.example';
    document.body.append(frame);
  });
  const restricted = app.frameLocator('#restricted');
  await expect(restricted.locator('#status')).toHaveText('Ready');
  const reply = await ask(app, { type: 'fanout:run', code: 'print("no")' }, '#restricted');
  expect(reply).toMatchObject({ type: 'fanout:error', code: 'origin-not-allowed' });
  expect(reply.type === 'fanout:error' && reply.message).toContain('https://tutorial.example');
  await expect(restricted.locator('#status')).toHaveText('Ready');
});
