import { expect, lines, runScript, stopAndTime, test } from './fixtures';

test('a load-balanced map yields results as they arrive', async ({ app }) => {
  const report = await runScript(
    app,
    `
const c = await cluster({ workers: 2 });
const lv = c.balanced();
const slow = (ms: number) => { const end = performance.now() + ms; while (performance.now() < end); return ms; };
const ar = lv.map(slow, [300, 5, 5, 5, 5, 5, 5, 5], { chunkSize: 1, ordered: false });
const seen: string[] = [];
for await (const r of ar) seen.push(\`\${r}@\${ar.progress}\`);
print('order', seen.join(' '));
print('total', ar.total, 'ready', ar.ready());
const full = await ar;
print('result', full.join(','));
print('workers used', new Set(ar.metadata.map((m) => m.worker)).size);
print('speedup > 0', ar.timing.speedup > 0);
`,
  );
  expect(report.error).toBeUndefined();
  const order = lines(report).find((l) => l.startsWith('order'))!;
  // The slow item arrives after the quick ones (one quick item may wait behind it in its
  // worker's prefetch slot), and progress counts up while iterating.
  const seen = order.split(' ').slice(1);
  expect(seen.findIndex((s) => s.startsWith('300@'))).toBeGreaterThanOrEqual(6);
  expect(seen[0]).toMatch(/^5@[1-3]$/);
  expect(lines(report)).toContain('result 300,5,5,5,5,5,5,5');
  expect(lines(report)).toContain('workers used 2');
  expect(lines(report)).toContain('speedup > 0 true');
});

test('Stop ends a runaway loop in the script and the next run works', async ({ app }) => {
  await app.evaluate(() => window.fanout.setCode('print("spinning"); while (true) {}'));
  await app.getByRole('button', { name: /Run/ }).click();
  await expect(app.getByTestId('console')).toContainText('spinning');
  // The bound: any run ends within half a second.
  expect(await stopAndTime(app, 'escape')).toBeLessThan(500);
  await expect(app.getByRole('button', { name: /Run/ })).toBeEnabled();
  const report = await runScript(
    app,
    `const c = await cluster({ workers: 2 }); print(await c.view().apply(() => workerId));`,
  );
  expect(lines(report)).toEqual(['[0, 1]']);
});

test('Stop ends a runaway mapped function on every worker', async ({ app }) => {
  await app.evaluate(() =>
    window.fanout.setCode(`const c = await cluster({ workers: 2 });
print('mapping');
await c.view().map((x: number) => { while (true) {} return x; }, [1, 2]);`),
  );
  await app.getByRole('button', { name: /Run/ }).click();
  await expect(app.getByTestId('console')).toContainText('mapping');
  expect(await stopAndTime(app, 'button')).toBeLessThan(500);
  const report = await runScript(app, `print(await pool.map((x: number) => x + 1, [1, 2, 3]));`);
  expect(lines(report)).toEqual(['[2, 3, 4]']);
});

test('an error in a mapped function is marked at its editor line, grouped over workers', async ({
  app,
}) => {
  const code = `const c = await cluster({ workers: 2 });
const v = c.view();
function risky(x: number) {
  const y = x * 2;
  if (y >= 0) throw new RangeError('bad item ' + (y > 100 ? 'big' : 'small'));
  return y;
}
await v.map(risky, [1, 2, 3, 4]);
`;
  const report = await runScript(app, code);
  expect(report.ok).toBe(false);
  expect(report.error?.line).toBe(5);
  await expect(app.locator('#error')).toContainText('× 2 workers');
  await expect(app.locator('#error')).toContainText('RangeError');
  const markers = await app.evaluate(() => window.fanout.markers());
  expect(markers.map((m) => m.line)).toEqual([5]);
  // The editor keeps the user's text.
  expect(await app.evaluate(() => window.fanout.getCode())).toBe(code);
});

test('a free variable is refused before dispatch with advice', async ({ app }) => {
  const report = await runScript(
    app,
    `const c = await cluster({ workers: 2 });
const scale = 3;
await c.view().map((x: number) => x * scale, [1, 2, 3]);`,
  );
  expect(report.error?.message).toContain('`scale` is not defined on the workers');
  expect(report.error?.hint).toContain('push({ scale })');
  expect(report.error?.line).toBe(3);
  await expect(app.locator('#error')).toContainText('push({ scale })');
});

test('a function argument is refused with a message naming it', async ({ app }) => {
  const report = await runScript(
    app,
    `const c = await cluster({ workers: 2 });
await c.view().apply((o: { f: () => void }) => 1, { f: () => 2 });`,
  );
  expect(report.error?.message).toMatch(/argument 1.*\.f.*function/);
  expect(report.error?.line).toBe(2);
});

test('bad worker counts are clear errors', async ({ app }) => {
  const zero = await runScript(app, `await cluster({ workers: 0 });`);
  expect(zero.error?.message).toContain('0 is not a worker count');
  const tooMany = await runScript(app, `await cluster({ workers: 100000 });`);
  expect(tooMany.error?.message).toMatch(/at most 64/);
  const all = await runScript(
    app,
    `const c = await cluster({ workers: -1 }); print(c.size === navigator.hardwareConcurrency);`,
  );
  expect(lines(all)).toEqual(['true']);
});

test('a script that only parses as a module runs as one, its error lines right either way', async ({
  app,
}) => {
  // `import.meta` and `export` make it a module (imported); plain scripts run at once.
  const asModule = await runScript(
    app,
    `export const answer = 42;
print('module', import.meta.url.startsWith('blob:'), answer);
const c = await cluster({ workers: 2 });
print(await c.view().map((x: number) => x * 2, [1, 2]));

throw new Error('at six');`,
  );
  expect(lines(asModule)).toEqual(['module true 42', '[2, 4]']);
  expect(asModule.error).toMatchObject({ message: 'at six', line: 6 });
  const plain = await runScript(
    app,
    `const c = await cluster({ workers: 2 });
print(typeof this, await c.view().map((x: number) => x * 2, [1, 2]));
const late = () => { throw new Error('at three'); };

late();`,
  );
  expect(lines(plain)).toEqual(['undefined [2, 4]']);
  expect(plain.error).toMatchObject({ message: 'at three', line: 3 });
  // Run again (its compiled body reused): the same.
  const again = await app.evaluate(() => window.fanout.run());
  expect(lines(again)).toEqual(['undefined [2, 4]']);
  expect(again.error).toMatchObject({ message: 'at three', line: 3 });
});

test('an engine goes on answering after the mapped code replaces Promise.prototype.then', async ({
  app,
}) => {
  const report = await runScript(
    app,
    `
const c = await cluster({ workers: 2 });
await c.view([1]).execute('Promise.prototype.then = function () { return this; };');
const ys = await c.balanced().map((x: number) => x * 2, [1, 2, 3, 4, 5, 6], { chunkSize: 1 });
print('mapped', ys.join());
print('applied', (await c.view().apply(async () => workerId)).join());
`,
  );
  expect(report.error).toBeUndefined();
  expect(lines(report)).toEqual(['mapped 2,4,6,8,10,12', 'applied 0,1']);
});
