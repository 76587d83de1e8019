import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../bin/chromium.js';
import { expect, lines, runScript, test } from './fixtures';

// Chromium without --enable-unsafe-webgpu: navigator.gpu exists but requestAdapter() gives
// null here, as on machines whose GPU is blocklisted.
test.use({
  launchOptions: {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS.filter((a) => a !== '--enable-unsafe-webgpu'),
  },
});

test('without WebGPU, gpu() is a typed error with advice and CPU scripts still run', async ({
  app,
}) => {
  const failed = await runScript(app, `print('before');\nconst g = await gpu();\nprint('after');`);
  expect(failed.error?.name).toBe('GpuUnavailableError');
  expect(failed.error?.line).toBe(2);
  expect(failed.error?.hint).toMatch(/enable-unsafe-webgpu/);
  expect(lines(failed)).toEqual(['before']);
  await expect(app.locator('#error')).toContainText('GpuUnavailableError');
  await expect(app.locator('#error')).toContainText('--enable-unsafe-webgpu');

  const caught = await runScript(
    app,
    `try {
  await gpu();
} catch (e) {
  print('no GPU:', (e as Error & { reason: string }).reason);
}
const squares = await pool.map((x: number) => x * x, [1, 2, 3]);
print(squares.join());`,
  );
  expect(caught.error).toBeUndefined();
  expect(lines(caught)).toEqual(['no GPU: no-adapter', '1,4,9']);
});

test("the gallery's GPU versions finish without WebGPU: the workers' part, then the advice", async ({
  app,
}) => {
  test.setTimeout(120_000);
  for (const [id, cpuLine] of [
    ['monte-carlo-pi-gpu', /workers: \d+ ms for 20 trials/],
    ['matrix-multiply-gpu', /workers \(\d+\): \d+ ms/],
  ] as const) {
    await app.getByRole('button', { name: 'Examples' }).click();
    await app.getByRole('dialog', { name: 'Examples' }).locator(`[data-example="${id}"]`).click();
    await app.getByRole('button', { name: /Run/ }).click();
    await expect(app.locator('#status')).toHaveText(/Done/, { timeout: 100_000 });
    await expect(app.locator('#error')).toBeHidden();
    const out = app.getByTestId('console');
    await expect(out).toContainText(cpuLine);
    await expect(out).toContainText(/No GPU for this run \(GpuUnavailableError\)/);
    await expect(out).toContainText(/What to do: .*--enable-unsafe-webgpu/);
    await expect(out).not.toContainText(/GPU: upload|GPU: random numbers/);
  }
});
