import { expect, lines, runScript, test } from './fixtures';

test('the starter script (primality scatter/gather) runs from the Run button', async ({ app }) => {
  // What a newcomer sees first has no red squiggles.
  expect(await app.evaluate(() => window.fanout.diagnostics())).toEqual([]);
  await app.getByRole('button', { name: /Run/ }).click();
  await expect(app.locator('#status')).toHaveText(/Done/, { timeout: 40_000 });
  await expect(app.getByTestId('console')).toContainText('same answer: true');
  await expect(app.getByTestId('summary-speedup')).toHaveText(/×/);
});

test('primality over 10,000 integers: scatter, execute, gather in order (seed 000)', async ({
  app,
}) => {
  const report = await runScript(
    app,
    `
const c = await cluster();
const v = c.view();
function isprime(n: number) {
  if (n < 2) return false;
  for (let i = 2; i < n; i++) if (n % i === 0) return false;
  return true;
}
const x = Int32Array.from({ length: 10_000 }, (_, i) => (i * 7919) % 100_000);
declare const xs: Int32Array; // the engines' part, defined by scatter
await v.scatter('xs', x);
const sizes = await v.apply(() => xs.length);
print('sizes', sizes.join(','));
await v.push({ isprime });
await v.execute('const y = Array.from(xs, isprime)');
const y = await v.gather('y');
const expected = Array.from(x, isprime);
print('length', y.length, 'equal', y.every((p: boolean, i: number) => p === expected[i]));
print('primes', y.filter(Boolean).length);
`,
  );
  expect(report.error).toBeUndefined();
  expect(report.ok).toBe(true);
  expect(lines(report)).toContain('sizes 5000,5000');
  expect(lines(report)).toContain('length 10000 equal true');
  // The editor knows `xs` from its declaration: TypeScript reports no error.
  expect(await app.evaluate(() => window.fanout.diagnostics())).toEqual([]);
  const scatter = report.calls.find((c) => c.kind === 'scatter')!;
  expect(scatter.tasks.map((t) => t.worker).sort()).toEqual([0, 1]);
});

test('parallel_dot: distributed matrix multiply (seed 001)', async ({ app }) => {
  const report = await runScript(
    app,
    `
const c = await cluster({ workers: 2 });
const dview = c.view();
function dot(A: number[][], B: number[][]) {
  return A.map((row) => B[0].map((_, j) => row.reduce((s, a, k) => s + a * B[k][j], 0)));
}
async function parallel_dot(A: number[][], B: number[][]) {
  await dview.scatter('A', A);
  await dview.push({ B, dot });
  await dview.execute('const C = dot(A, B)');
  return dview.gather('C');
}
const A = Array.from({ length: 10 }, () => Array.from({ length: 3 }, () => Math.random()));
const B = Array.from({ length: 3 }, () => Array.from({ length: 5 }, () => Math.random()));
const C = await parallel_dot(A, B);
const D = dot(A, B);
const close = C.length === 10 && C.every((row: number[], i: number) => row.every((v, j) => Math.abs(v - D[i][j]) < 1e-12));
print('allclose', close);
`,
  );
  expect(report.error).toBeUndefined();
  expect(lines(report)).toContain('allclose true');
});
