import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test, expect } from '@playwright/test';
import type { RunReport } from '../src/protocol/messages';

/** The `--json` output of `fanout run` (documented in the README). */
interface CliReport extends RunReport {
  file: string;
  requestedWorkers: number | 'auto' | null;
  typeErrors: { line: number; message: string }[];
  browser: { version: string; crossOriginIsolated: boolean };
  fanoutVersion: string;
}

const root = fileURLToPath(new URL('..', import.meta.url));
const { version } = JSON.parse(
  readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
) as {
  version: string;
};

/** Runs `node bin/fanout.js ...args` from the package root; never rejects on a failing exit. */
function fanout(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // The command line launches its own Chromium; its time limit stays under the test's.
    execFile(
      'node',
      ['bin/fanout.js', ...args, '--timeout', '45'],
      { cwd: root },
      (e, stdout, stderr) => resolve({ code: e ? Number(e.code ?? -1) : 0, stdout, stderr }),
    );
  });
}

test.describe('fanout run', () => {
  test('--json includes the GPU adapter and the GPU calls with their phases', async () => {
    const { code, stdout } = await fanout('run', 'e2e/fixtures/gpu-squares.ts', '--json');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as CliReport;
    expect(report.output.map((l) => l.text)).toEqual(['sum of squares within f32 rounding true']);
    expect(report.gpu?.adapter?.fallback).toBe(true);
    expect(report.gpu?.calls.map((c) => c.kind)).toEqual(['map', 'upload', 'reduce']);
    for (const c of report.gpu?.calls ?? []) {
      for (const phase of [c.upload, c.compute, c.readback])
        expect(phase).toBeGreaterThanOrEqual(0);
    }
    expect(report.gpu?.calls[0]?.kernelMs).toBeGreaterThan(0);
  });

  test('text output labels the software adapter and lists GPU phases', async () => {
    const { code, stdout } = await fanout('run', 'e2e/fixtures/gpu-squares.ts');
    expect(code).toBe(0);
    expect(stdout).toMatch(/GPU: .*software adapter: times below are not GPU times/);
    expect(stdout).toMatch(
      /gpu map\(fn\): upload [\d.]+ ms, compute [\d.]+ ms \(kernel [\d.]+ ms\), readback/,
    );
  });

  test('--json prints the run report of a script', async () => {
    const { code, stdout, stderr } = await fanout(
      'run',
      'e2e/fixtures/squares.ts',
      '--json',
      '--workers',
      '2',
    );
    expect(code, stderr).toBe(0);
    const report = JSON.parse(stdout) as CliReport;
    expect(report.ok).toBe(true);
    expect(report.error).toBeUndefined();
    expect(report.output).toContainEqual({
      source: 'driver',
      level: 'log',
      text: 'squares 1,4,9,16',
    });
    expect(report.calls).toHaveLength(1);
    const [call] = report.calls;
    expect(call?.kind).toBe('map');
    expect(call?.line).toBe(2);
    expect([...new Set(call?.tasks.map((t) => t.worker))].sort()).toEqual([0, 1]);
    expect(call?.tasks.reduce((n, t) => n + t.items, 0)).toBe(4);
    expect(report.workers).toBe(2);
    expect(report.file).toBe('e2e/fixtures/squares.ts');
    expect(report.requestedWorkers).toBe(2);
    expect(report.typeErrors).toEqual([]);
    expect(report.fanoutVersion).toBe(version);
    expect(report.browser.version).toMatch(/^\d+\./);
    expect(report.browser.crossOriginIsolated).toBe(true);
  });

  test('prints output lines, one summary per call and the total time', async () => {
    const { code, stdout, stderr } = await fanout(
      'run',
      'e2e/fixtures/squares.ts',
      '--workers',
      '2',
    );
    expect(code, stderr).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toContain('[driver] squares 1,4,9,16');
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^map\(.*\): 4 items in 2 tasks, wall [\d.]+ ms, serial [\d.]+ ms, speedup [\d.]+x on 2 workers$/,
      ),
    );
    expect(lines.at(-1)).toMatch(/^done in [\d.]+ ms$/);
  });

  test('a script that throws exits 1 and reports the line', async () => {
    const json = await fanout('run', 'e2e/fixtures/fails.ts', '--json');
    expect(json.code, json.stderr).toBe(1);
    const report = JSON.parse(json.stdout) as CliReport;
    expect(report.ok).toBe(false);
    expect(report.error).toMatchObject({
      name: 'RangeError',
      message: 'fixture failure',
      line: 10,
    });
    expect(report.output).toContainEqual({
      source: 'driver',
      level: 'log',
      text: 'before the failure 42',
    });

    const text = await fanout('run', 'e2e/fixtures/fails.ts');
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('[driver] before the failure 42\n');
    expect(text.stdout).not.toContain('done in');
    expect(text.stderr).toContain('Error at line 10: RangeError: fixture failure');
  });

  test('reports type errors as warnings and still runs', async () => {
    const text = await fanout('run', 'e2e/fixtures/type-error.ts', '--workers', '1');
    expect(text.code, text.stderr).toBe(0);
    expect(text.stderr).toMatch(
      /warning: line 3: Type 'number' is not assignable to type 'string'/,
    );
    expect(text.stdout).toContain('[driver] ran anyway 3');
  });

  test('the seed lessons give correct answers through the command line', async () => {
    const primes = await fanout('run', 'e2e/fixtures/primes.ts', '--workers', '2');
    expect(primes.code, primes.stderr).toBe(0);
    expect(primes.stdout).toContain('[driver] length 10000 same as serial true');
    expect(primes.stdout).toMatch(/^execute: .* on 2 workers$/m);
    const dot = await fanout('run', 'e2e/fixtures/parallel-dot.ts');
    expect(dot.code, dot.stderr).toBe(0);
    expect(dot.stdout).toContain('[driver] allclose true');
  });

  test('rejects bad arguments with exit code 2', async () => {
    const zero = await fanout('run', 'e2e/fixtures/squares.ts', '--workers', '0');
    expect(zero.code).toBe(2);
    expect(zero.stderr).toContain('--workers must be');
    const unknown = await fanout('run', 'e2e/fixtures/squares.ts', '--frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("Unknown option '--frobnicate'");
    const missing = await fanout('run', 'e2e/fixtures/no-such-file.ts');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read e2e/fixtures/no-such-file.ts');
  });
});
