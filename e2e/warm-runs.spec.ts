import { expect, lines, runScript, test } from './fixtures';

/** Each worker says when its thread started (its time origin) and its id. */
const ORIGINS = `const c = await cluster();
const origins = await c.view().apply(() => [workerId, performance.timeOrigin]);
print('origins', JSON.stringify(origins));`;

/** The engines' start times of a run, by worker id. */
function origins(report: Awaited<ReturnType<typeof runScript>>): [number, number][] {
  const line = lines(report).find((l) => l.startsWith('origins '));
  expect(line).toBeDefined();
  return JSON.parse(line!.slice('origins '.length)) as [number, number][];
}

test('the next Run reuses the warm workers of a run that left nothing behind', async ({ app }) => {
  const threads = await app.evaluate(() => navigator.hardwareConcurrency);
  const first = await runScript(
    app,
    `${ORIGINS}
await c.view().push({ secret: 42 });
await c.view().execute('globalThis.alsoSecret = 1');
const lv = c.balanced();
print('sum', (await lv.map((x: number) => x * 2, [1, 2, 3, 4], { chunkSize: 1 })).join());`,
    'auto',
  );
  expect(first.ok).toBe(true);
  const second = await runScript(
    app,
    `${ORIGINS}
const g = (name: string) => typeof (globalThis as Record<string, unknown>)[name];
await c.view().push({ g });
print('left', JSON.stringify(await c.view().apply(() => [g('secret'), g('alsoSecret')])));
print('sum', (await c.balanced().map((x: number) => x * 2, [1, 2, 3, 4], { chunkSize: 1 })).join());`,
    'auto',
  );
  expect(second.error).toBeUndefined();
  const before = origins(first);
  const after = origins(second);
  expect(after.map(([id]) => id)).toEqual(Array.from({ length: threads }, (_, i) => i));
  // The same workers, warm...
  expect(after).toEqual(before);
  // ...with nothing of the first run's names left on them, and working as before.
  const gone = JSON.stringify(Array(threads).fill(['undefined', 'undefined']));
  expect(lines(second)).toContain(`left ${gone}`);
  expect(lines(second)).toContain('sum 2,4,6,8');
});

/**
 * Runs that leave something on a worker, and what the browser's console says of it (the
 * next run must not see it).
 */
const LEAVERS: [string, string, string][] = [
  ['a timer that keeps firing', `setInterval(() => print('tick'), 20);`, 'timer(s) still pending'],
  [
    'a global of the script',
    `(globalThis as Record<string, unknown>).leak = 1;`,
    'driver: self.leak was changed',
  ],
  [
    'a built-in changed on a worker',
    `await c.view().execute('Array.prototype.total = function () { return 1; }');`,
    'Array.prototype.total was changed',
  ],
  [
    'a global that cannot be deleted',
    `await c.view().execute("Object.defineProperty(globalThis, 'stuck', { value: 1 })");`,
    "the global 'stuck' could not be deleted",
  ],
  [
    'a listener on a worker',
    `await c.view().execute("addEventListener('message', () => print('heard'))");`,
    "a 'message' listener was added",
  ],
  [
    'a task of the browser scheduled for later',
    `await c.view().execute("scheduler.postTask(() => print('tick'), { delay: 100 })");`,
    '1 request(s) still in flight',
  ],
  [
    "a prototype of Fanout's own changed",
    `(Object.getPrototypeOf(c.view()) as Record<string, unknown>).extra = 1;`,
    'driver: DirectView.prototype.extra was changed',
  ],
  [
    'a listener added through EventTarget.prototype',
    `await c.view().execute("EventTarget.prototype.addEventListener.call(self, 'message', () => print('heard'))");`,
    "a 'message' listener was added",
  ],
  [
    "a worker opened through its prototype's constructor",
    `await c.view().execute("new Worker.prototype.constructor(URL.createObjectURL(new Blob(['setInterval(() => postMessage(1), 20)'])))");`,
    'a Worker was opened',
  ],
  [
    'an object behind a getter changed',
    `((globalThis as unknown as { scheduler: Record<string, unknown> }).scheduler).stash = 42;`,
    'driver: scheduler.stash was changed',
  ],
  [
    'an API global made read-only',
    `Object.defineProperty(globalThis, 'sleep', { value: sleep, writable: false });`,
    'driver: self.sleep was changed',
  ],
];

for (const [what, code, why] of LEAVERS) {
  test(`a run that leaves ${what} gets fresh workers next time`, async ({ app }) => {
    const said: string[] = [];
    app.on('console', (m) => said.push(m.text()));
    const first = await runScript(app, `${ORIGINS}\n${code}`);
    expect(first.ok).toBe(true);
    const pressed = await app.evaluate(() => performance.timeOrigin + performance.now());
    const second = await runScript(
      app,
      `${ORIGINS}
await sleep(150);
print('seen', JSON.stringify(await c.view().apply(() => [typeof ([] as unknown as { total?: unknown }).total, typeof (globalThis as Record<string, unknown>).stuck])), typeof (globalThis as Record<string, unknown>).leak);`,
    );
    expect(second.ok).toBe(true);
    const before = origins(first).map(([, o]) => o);
    // Fresh workers, started before Run was pressed, and nothing of the first run seen.
    for (const [, origin] of origins(second)) {
      expect(before).not.toContain(origin);
      expect(origin).toBeLessThan(pressed);
    }
    expect(lines(second)).toContain(
      'seen [["undefined","undefined"],["undefined","undefined"]] undefined',
    );
    expect(lines(second).filter((l) => l === 'tick' || l === 'heard')).toEqual([]);
    expect(said.find((t) => t.startsWith('Fanout: the next run gets fresh workers'))).toContain(
      why,
    );
  });
}

test('after Stop the next Run gets fresh workers', async ({ app }) => {
  const first = await runScript(app, ORIGINS);
  expect(first.ok).toBe(true);
  await app.evaluate(() => window.fanout.setCode('while (true) {}'));
  await app.getByRole('button', { name: /Run/ }).click();
  await app.getByRole('button', { name: /Stop/ }).click();
  await expect(app.getByRole('button', { name: /Run/ })).toBeEnabled();
  const second = await runScript(app, ORIGINS);
  const before = origins(first).map(([, o]) => o);
  for (const [, origin] of origins(second)) expect(before).not.toContain(origin);
});

test('a Run after an edit runs the edited text, and running it again gives the same', async ({
  app,
}) => {
  const a = await runScript(app, `print('version', 1);`);
  expect(lines(a)).toContain('version 1');
  // Edited and run at once, before the editor's emit after a pause in typing.
  const b = await runScript(app, `print('version', 2);`);
  expect(lines(b)).toContain('version 2');
  const again = await app.evaluate(() => window.fanout.run());
  expect(lines(again)).toContain('version 2');
});

test('a function changed on a worker is compiled afresh for the next run', async ({ app }) => {
  const code = (change: boolean) => `${ORIGINS}
function tally(x: number) { return x; }
await c.view().push({ tally });
print('before', JSON.stringify(await c.view().apply(() => (tally as unknown as { calls?: number }).calls ?? 0)));
${change ? `await c.view().execute('tally.calls = 7');` : ''}`;
  const first = await runScript(app, code(true));
  const second = await runScript(app, code(false));
  expect(lines(first)).toContain('before [0,0]');
  // The same warm workers (nothing else was left), and the function as its text defines it.
  expect(origins(second)).toEqual(origins(first));
  expect(lines(second)).toContain('before [0,0]');
});

test('a name defined again is known again: after clear(), and on the next run of reused workers', async ({
  app,
}) => {
  // The engines list their globals in a reply only when the list changed since the last
  // reply; a namespace forgotten between runs must list them anew, or the free-variable
  // check refuses a function that uses them. The names are set where only the engines see
  // them (the driver reads execute's declarations itself).
  const code = `const c = await cluster();
const v = c.view();
await v.apply(() => { (globalThis as Record<string, unknown>).total = 41; });
print('first', JSON.stringify(await v.apply(() => total + 1)));
await v.clear();
await v.apply(() => { (globalThis as Record<string, unknown>).total = 1; });
print('after clear', JSON.stringify(await v.apply(() => total + 1)));
await v.apply(() => { (globalThis as Record<string, unknown>).total = 2; });
const origins = await c.view().apply(() => [workerId, performance.timeOrigin]);
print('origins', JSON.stringify(origins));
await v.apply(() => { (globalThis as Record<string, unknown>).total = 41; });`;
  const first = await runScript(app, code);
  expect(first.error).toBeUndefined();
  const second = await runScript(app, code);
  expect(second.error).toBeUndefined();
  expect(origins(second)).toEqual(origins(first));
  const threads = origins(first).length;
  for (const report of [first, second]) {
    expect(lines(report)).toContain(`first ${JSON.stringify(Array(threads).fill(42))}`);
    expect(lines(report)).toContain(`after clear ${JSON.stringify(Array(threads).fill(2))}`);
  }
});
