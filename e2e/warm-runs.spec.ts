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

test('the workers of the next Run start before it is pressed, fresh for every run', async ({
  app,
}) => {
  const threads = await app.evaluate(() => navigator.hardwareConcurrency);
  const first = await runScript(app, ORIGINS, 'auto');
  expect(first.ok).toBe(true);
  const pressed = await app.evaluate(() => performance.timeOrigin + performance.now());
  const second = await runScript(app, ORIGINS, 'auto');
  expect(second.ok).toBe(true);
  const before = origins(first);
  const after = origins(second);
  expect(after.map(([id]) => id)).toEqual(Array.from({ length: threads }, (_, i) => i));
  // Started before Run was pressed: nothing of the run waits for a worker to load.
  for (const [, origin] of after) expect(origin).toBeLessThan(pressed);
  // Not the first run's workers: nothing a run leaves on its workers reaches the next one.
  for (const [, origin] of after) expect(before.map(([, o]) => o)).not.toContain(origin);
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
