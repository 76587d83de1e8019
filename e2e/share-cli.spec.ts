import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from './fixtures';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Runs `node bin/fanout.js ...args` from the package root; never rejects on a failing exit. */
function fanout(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('node', ['bin/fanout.js', ...args], { cwd: root }, (e, stdout, stderr) =>
      resolve({ code: e ? Number(e.code ?? -1) : 0, stdout, stderr }),
    );
  });
}

test('`fanout share FILE --base URL` prints a link that opens the file in the app', async ({
  app,
  baseURL,
}) => {
  const file = 'src/examples/scripts/tiny-tasks.ts';
  const { code, stdout, stderr } = await fanout(
    'share',
    file,
    '--base',
    `${baseURL}/`,
    '--workers',
    '-1',
  );
  expect(stderr).toBe('');
  expect(code).toBe(0);
  const link = stdout.trim();
  expect(link).toMatch(new RegExp(`^${baseURL}/#fanout/1/[A-Za-z0-9_-]+$`));

  await app.goto(link);
  await app.waitForFunction(() => window.fanout !== undefined);
  await expect(app.getByRole('region', { name: 'Opened from a share link' })).toBeVisible();
  expect(await app.evaluate(() => window.fanout.getCode())).toBe(
    readFileSync(`${root}/${file}`, 'utf8'),
  );
  await expect(app.locator('#workers')).toHaveValue('-1');
});

test('`fanout share` refuses a bad base URL and a missing file, with exit code 2', async () => {
  const bad = await fanout('share', 'e2e/fixtures/squares.ts', '--base', 'not a url');
  expect(bad.code).toBe(2);
  expect(bad.stderr).toMatch(/^fanout: --base must be a URL/);
  const missing = await fanout('share', 'no-such-file.ts');
  expect(missing.code).toBe(2);
  expect(missing.stderr).toMatch(/^fanout: cannot read no-such-file\.ts/);
  expect(missing.stdout).toBe('');
});
