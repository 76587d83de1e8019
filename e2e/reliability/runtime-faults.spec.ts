import { expect, lines, runScript, test } from '../fixtures';
import { consoleText, expectRecovered, runFromPage } from './health';

/**
 * Faults of the runtime: an item that never ends (a call's timeoutMs), a worker that lost
 * its tasks (its built-ins broken), and wrong answers in the records. Each case checks
 * what the person sees, then that the page still answers and the next Run works.
 */

test('timeoutMs ends only the stuck item with a TimeoutError naming it; the others go on', async ({
  app,
}) => {
  const code = `const c = await cluster({ workers: 2 });
const ar = c.view().map((x: number) => {
  if (x === 3) while (true) {}
  return x * 2;
}, [0, 1, 2, 3], { timeoutMs: 400 });
try {
  await ar;
} catch (e) {
  print('caught', e.name, e.message);
}
print('kept', ar.metadata.filter((m) => m.ok).map((m) => m.worker).join(','));
print('after', (await c.view().map((x: number) => x + workerId, [10, 20])).join(','));`;
  const report = await runScript(app, code);
  expect(report.ok).toBe(true);
  const out = lines(report);
  expect(out.find((l) => l.startsWith('caught'))).toMatch(
    /^caught TimeoutError map\(lambda\): item 3 on worker 1 \(task \d+\) ran longer than its timeoutMs of 400 ms$/,
  );
  expect(out).toContain('kept 0');
  expect(out).toContain('after 10,21');
  expect(out.join('\n')).toContain('Worker 1 was restarted: item 3');
  await expect(app.getByTestId('console')).toContainText('Worker 1 was restarted');
  await expectRecovered(app, code);
});

test('an uncaught timeout ends the run with the TimeoutError in the error box', async ({ app }) => {
  const code = `const c = await cluster({ workers: 2 });
const lv = c.balanced().timeout(300);
await lv.submit((n: number) => { while (n > 0) {} return n; }, 1);`;
  await runFromPage(app, code);
  await expect(app.locator('#status')).toHaveText(/Failed|Error/);
  await expect(app.locator('#error')).toContainText('TimeoutError');
  await expect(app.locator('#error')).toContainText('ran longer than its timeoutMs of 300 ms');
  await expectRecovered(app, code);
});

test('a worker whose built-ins were broken loses its tasks: WorkerCrashedError, respawned', async ({
  app,
}) => {
  // Balanced tasks carry a claim the engine must win with Atomics (on an isolated page);
  // a worker whose Atomics were replaced skips every task and stays idle, not busy.
  const code = `const c = await cluster({ workers: 2 });
await c.view(1).execute('Atomics.compareExchange = () => 2;');
const ar = c.balanced().map((x: number) => x * 2, Array.from({ length: 40 }, (_, i) => i), { chunkSize: 1 });
try {
  await ar;
} catch (e) {
  print('caught', e.name, e.worker, e.message);
}
print('received', ar.progress > 0);
print('fresh', (await c.view().apply(() => typeof Atomics.compareExchange(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1))).join(','));`;
  expect(
    await app.evaluate(() => crossOriginIsolated),
    'the preview server isolates the page',
  ).toBe(true);
  const report = await runScript(app, code);
  expect(report.ok).toBe(true);
  const out = lines(report);
  expect(out.find((l) => l.startsWith('caught'))).toMatch(
    /^caught WorkerCrashedError 1 map\(lambda\): worker 1 stopped answering: it lost task \d+/,
  );
  expect(out).toContain('received true');
  expect(out).toContain('fresh number,number');
  expect(await consoleText(app)).toContain('Worker 1 was restarted: it lost task');
  await expectRecovered(app, code);
});

test('taskIndex() is right after an await and inside submit; workers is what the script used', async ({
  app,
}) => {
  const code = `const c = await cluster({ workers: 1 });
const pairs = await c.view().map(async (x: number) => {
  const before = taskIndex();
  await new Promise((r) => setTimeout(r, 2));
  return before === taskIndex() ? taskIndex() : -1;
}, [5, 5, 5, 5]);
print('map', pairs.join(','));
const lv = c.balanced();
print('submit', (await Promise.all([0, 1, 2].map(() => lv.submit(() => taskIndex())))).join(','));`;
  const report = await runScript(app, code, 2);
  expect(report.error).toBeUndefined();
  expect(lines(report)).toEqual(['map 0,1,2,3', 'submit 0,1,2']);
  expect(report.workers).toBe(1);
  await expect(app.locator('#summary')).toContainText('Run summary (1 workers');
  await expectRecovered(app, code);
});

test("scatter('Array') and pull(null) are refused with a typed error and advice", async ({
  app,
}) => {
  const scatter = `const c = await cluster({ workers: 2 });
await c.view().scatter('Array', [1, 2, 3]);`;
  await runFromPage(app, scatter);
  await expect(app.locator('#error')).toContainText('UsageError');
  await expect(app.locator('#error')).toContainText(
    "'Array' is one of the workers' built-in names",
  );
  await expect(app.locator('#error')).toContainText('line 2');
  const pull = `const c = await cluster({ workers: 2 });
try {
  await c.view().pull(null as unknown as string);
} catch (e) {
  print(e.name, e.message, '|', e.hint);
}
print('Array intact', (await c.view().apply(() => Array.isArray([]))).join(','));`;
  const report = await runScript(app, pull);
  expect(lines(report)).toEqual([
    "UsageError pull: expected a variable name or a list of names, got null | Name the globals to read, e.g. pull('total') or pull(['a', 'b']).",
    'Array intact true,true',
  ]);
  await expectRecovered(app, pull);
});
