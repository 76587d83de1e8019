import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect } from '@playwright/test';

/**
 * The command line's faults, each with the exit code README "Exit status" documents: bad
 * arguments (2, before any browser starts), runaway scripts and unreadable files (2, after
 * printing what the script printed), a script that throws (1).
 */

const root = fileURLToPath(new URL('../..', import.meta.url));

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `node bin/fanout.js ...args` from the package root; never rejects on a failing exit. */
function fanout(...args: string[]): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile('node', ['bin/fanout.js', ...args], { cwd: root }, (e, stdout, stderr) =>
      resolve({ code: e ? Number(e.code ?? -1) : 0, stdout, stderr }),
    );
  });
}

const BAD_ARGUMENTS: [string[], RegExp][] = [
  [['--timeout', '-1'], /^fanout: --timeout must be a positive number of seconds, not '-1'$/m],
  [['--timeout', '0'], /--timeout must be a positive number of seconds, not '0'/],
  [['--timeout', '3000000'], /--timeout must be at most 2147483 seconds/],
  [['--timeout', 'soon'], /--timeout must be a positive number of seconds, not 'soon'/],
  [['--workers', '0'], /--workers must be a positive number, a negative number/],
  [['--workers', 'lots'], /not 'lots'/],
  [['--frobnicate'], /Unknown option '--frobnicate'/],
  [['--base', 'http://example.org/'], /--base is for share/],
];

test.describe('fanout run refuses bad arguments with exit code 2', () => {
  for (const [args, message] of BAD_ARGUMENTS) {
    test(args.join(' '), async () => {
      const out = await fanout('run', 'e2e/fixtures/squares.ts', ...args);
      expect(out.code).toBe(2);
      expect(out.stderr).toMatch(message);
      expect(out.stdout).toBe('');
    });
  }
});

test('no command prints the usage with exit code 2, --help with 0', async () => {
  const none = await fanout();
  expect(none.code).toBe(2);
  expect(none.stderr).toContain('Exit status: 0 the script ran, 1 the script threw, 2');
  const help = await fanout('--help');
  expect(help.code).toBe(0);
  expect(help.stdout).toContain('at most 2147483');
});

test('a missing FILE and a folder exit 2 and say why', async () => {
  const missing = await fanout('run', 'e2e/fixtures/no-such.ts');
  expect(missing.code).toBe(2);
  expect(missing.stderr).toMatch(/^fanout: cannot read e2e\/fixtures\/no-such.ts: ENOENT/);
  const folder = await fanout('run', 'e2e/fixtures', '--timeout', '20');
  expect(folder.code).toBe(2);
  expect(folder.stderr).toMatch(/cannot read e2e\/fixtures: EISDIR/);
});

test.describe('with a FIFO', () => {
  let dir: string;
  let fifo: string;
  test.beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'fanout-fifo-'));
    fifo = path.join(dir, 'script.ts');
    await new Promise<void>((resolve, reject) =>
      execFile('mkfifo', [fifo], (e) => (e ? reject(new Error(e.message)) : resolve())),
    );
  });
  test.afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('that no one writes to, --timeout ends the wait with exit code 2', async () => {
    const out = await fanout('run', fifo, '--timeout', '1');
    expect(out.code).toBe(2);
    expect(out.stderr).toBe(`fanout: timed out after 1 s while reading ${fifo}\n`);
  });

  test('that no one writes to, share ends the wait at --timeout with exit code 2', async () => {
    const out = await fanout('share', fifo, '--timeout', '1');
    expect(out.code).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr).toBe(`fanout: timed out after 1 s while reading ${fifo}\n`);
  });

  test('that a writer fills, the script runs', async () => {
    const running = fanout('run', fifo, '--timeout', '45', '--workers', '2');
    const writer = spawn('sh', ['-c', `cat e2e/fixtures/squares.ts > '${fifo}'`], { cwd: root });
    const out = await running;
    writer.kill();
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toContain('[driver] squares 1,4,9,16');
  });
});

test('a runaway script times out with exit code 2 after printing what it printed', async () => {
  const out = await fanout('run', 'e2e/fixtures/runaway.ts', '--timeout', '20');
  expect(out.code).toBe(2);
  expect(out.stdout).toBe('[driver] before the loop 2,3\n[driver] warning: about to spin\n');
  expect(out.stderr).toMatch(/^fanout: timed out after 20 s while running the script$/m);
});

test('with --json, a timed-out run keeps stdout for reports and prints its lines on stderr', async () => {
  const out = await fanout('run', 'e2e/fixtures/runaway.ts', '--timeout', '20', '--json');
  expect(out.code).toBe(2);
  expect(out.stdout).toBe('');
  expect(out.stderr).toContain('[driver] before the loop 2,3\n[driver] warning: about to spin\n');
  expect(out.stderr).toMatch(/fanout: timed out after 20 s while running the script/);
});

test('a script that throws a string exits 1 and shows the value', async () => {
  const out = await fanout('run', 'e2e/fixtures/throws-string.ts', '--timeout', '45');
  expect(out.code, out.stderr).toBe(1);
  expect(out.stdout).toContain('[driver] about to throw');
  expect(out.stderr).toMatch(/plain <b>string<\/b>/);
  // Named once: not "Error: Error: ...".
  expect(out.stderr).not.toMatch(/Error: Error/);
});
