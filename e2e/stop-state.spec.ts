import { expect, stopAndTime, test } from './fixtures';

test('after Stop no worker is busy, walls are final, and Stop is not shown as an error', async ({
  app,
}) => {
  await app.evaluate(() =>
    window.fanout.setCode(`const c = await cluster({ workers: 2 });
print('mapping');
await c.view().map((x: number) => { while (true) {} return x; }, [1, 2]);`),
  );
  await app.getByRole('button', { name: /Run/ }).click();
  await expect(app.getByTestId('console')).toContainText('mapping');
  const workers = app.getByTestId('timeline-summary').locator('tbody tr');
  await expect(workers.first()).toHaveAttribute('data-status', 'busy');
  await stopAndTime(app, 'button');
  await expect(app.locator('#status')).toHaveText('Stopped');
  // Calm: no red alert for the person's own Stop.
  await expect(app.locator('#error')).toBeHidden();
  // Every worker that was computing says "stopped"; none says "busy".
  await expect(workers).toHaveCount(2);
  for (const row of await workers.all())
    await expect(row).toHaveAttribute('data-status', 'stopped');
  // The call's wall time is the time until the stop, not a running clock.
  const wall = app.getByTestId('call-wall').first();
  await expect(wall).toContainText('stopped');
  await expect(wall).not.toContainText('…');
  const before = await wall.textContent();
  await app.evaluate(() => new Promise((r) => setTimeout(r, 300)));
  await expect(wall).toHaveText(before ?? '');
  // The summary's wall stays at the stop too.
  const summaryWall = await app.getByTestId('summary-wall').textContent();
  await app.evaluate(() => new Promise((r) => setTimeout(r, 300)));
  await expect(app.getByTestId('summary-wall')).toHaveText(summaryWall ?? '');
});
