import { expect, lines, runScript, test } from './fixtures';

const SPIN = `const spin = (ms: number) => { const end = performance.now() + ms; while (performance.now() < end); return ms; };`;

test("no quick task waits behind a slow one while another worker is idle (the issue's case)", async ({
  app,
}) => {
  const report = await runScript(
    app,
    `${SPIN}
const c = await cluster({ workers: 2 });
const arrived: number[] = [];
for await (const y of c.balanced().map(spin, [400, 10, 11, 12], { ordered: false })) arrived.push(y);
print('arrived', arrived.join(','));`,
  );
  expect(report.error).toBeUndefined();
  expect(lines(report)).toContain('arrived 10,11,12,400');
});

test('an idle worker takes back a task queued behind a slow one (recall)', async ({ app }) => {
  // Short tasks first, so workers prefetch; then the slow task with quick ones behind it.
  const report = await runScript(
    app,
    `${SPIN}
const c = await cluster({ workers: 2 });
const items = [...Array.from({ length: 40 }, () => 0.2), 400, 10, 11, 12];
const ar = c.balanced().map(spin, items, { chunkSize: 1, ordered: false });
const arrived: number[] = [];
for await (const y of ar) arrived.push(y);
print('last', arrived[arrived.length - 1]);
const slow = ar.metadata.find((m) => m.items === 1 && m.completed - m.started > 300)!;
const quick = ar.metadata.filter((m) => m.completed - m.started >= 9 && m.completed - m.started < 100);
// A quick task may run on the slow one's worker before it, never queued behind it.
print('no quick task behind the slow one', quick.every((m) => m.worker !== slow.worker || m.completed <= slow.started));
print('quick done before the slow one', quick.every((m) => m.completed < slow.completed));
print('crossOriginIsolated', crossOriginIsolated);`,
  );
  expect(report.error).toBeUndefined();
  expect(lines(report)).toContain('crossOriginIsolated true');
  expect(lines(report)).toContain('last 400');
  expect(lines(report)).toContain('no quick task behind the slow one true');
  expect(lines(report)).toContain('quick done before the slow one true');
  // Every task shows once on the timeline, recalled or not.
  const tasks = report.calls[0]!.tasks;
  expect(tasks).toHaveLength(44);
});
