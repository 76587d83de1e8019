import { readFileSync } from 'node:fs';
import { expect, lines, runScript, test } from './fixtures';

test('the starter script (primality scatter/gather) runs from the Run button', async ({ app }) => {
  // What a newcomer sees first has no red squiggles.
  expect(await app.evaluate(() => window.fanout.diagnostics())).toEqual([]);
  await app.getByRole('button', { name: /Run/ }).click();
  await expect(app.locator('#status')).toHaveText(/Done/, { timeout: 40_000 });
  await expect(app.getByTestId('console')).toContainText('same answer: true');
  await expect(app.getByTestId('summary-speedup')).toHaveText(/×/);
});

/** A seed lesson's script, shared with the command-line tests. */
function lesson(name: string): string {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
}

test('primality over 10,000 integers: scatter, execute, gather in order (seed 000)', async ({
  app,
}) => {
  const report = await runScript(app, lesson('primes.ts'));
  expect(report.error).toBeUndefined();
  expect(report.ok).toBe(true);
  expect(lines(report)).toEqual(['sizes 5000,5000', 'length 10000 same as serial true']);
  // The editor knows `xs` from its declaration: TypeScript reports no error.
  expect(await app.evaluate(() => window.fanout.diagnostics())).toEqual([]);
  const scatter = report.calls.find((c) => c.kind === 'scatter')!;
  expect(scatter.tasks.map((t) => t.worker).sort()).toEqual([0, 1]);
});

test('parallel_dot: distributed matrix multiply (seed 001)', async ({ app }) => {
  const report = await runScript(app, lesson('parallel-dot.ts'));
  expect(report.error).toBeUndefined();
  expect(lines(report)).toEqual(['allclose true']);
});
