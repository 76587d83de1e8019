import { describe, expect, it } from 'vitest';
import { CliError, DEFAULT_TIMEOUT_S, MAX_TIMEOUT_S, parseCommandLine } from './command-line.js';

/** The refusal `argv` gets: its message and exit code. */
function refusal(argv: string[]) {
  try {
    parseCommandLine(argv);
  } catch (e) {
    if (e instanceof CliError) return { message: e.message, exitCode: e.exitCode };
    throw e;
  }
  throw new Error(`accepted ${argv.join(' ')}`);
}

describe(parseCommandLine, () => {
  it('reads run with its options', () => {
    expect(parseCommandLine(['run', 'f.ts'])).toEqual({
      command: 'run',
      file: 'f.ts',
      workers: undefined,
      json: false,
      timeoutMs: DEFAULT_TIMEOUT_S * 1000,
    });
    expect(
      parseCommandLine(['run', 'f.ts', '--workers', '-2', '--timeout', '0.5', '--json']),
    ).toEqual({ command: 'run', file: 'f.ts', workers: -2, json: true, timeoutMs: 500 });
    expect(parseCommandLine(['run', 'f.ts', `--timeout=${MAX_TIMEOUT_S}`])).toMatchObject({
      timeoutMs: MAX_TIMEOUT_S * 1000,
    });
  });

  it('keeps the longest timeout within what a Node timer can hold', () => {
    expect(MAX_TIMEOUT_S * 1000).toBeLessThanOrEqual(2 ** 31 - 1);
    const { message, exitCode } = refusal(['run', 'f.ts', '--timeout', String(MAX_TIMEOUT_S + 1)]);
    expect(message).toMatch(/^--timeout must be at most 2147483 seconds/);
    expect(exitCode).toBe(2);
  });

  it.each([
    [
      ['run', 'f.ts', '--timeout', '-1'],
      "--timeout must be a positive number of seconds, not '-1'",
    ],
    [
      ['run', 'f.ts', '--timeout', '-.5'],
      "--timeout must be a positive number of seconds, not '-.5'",
    ],
    [['run', 'f.ts', '--timeout', '0'], "--timeout must be a positive number of seconds, not '0'"],
    [['run', 'f.ts', '--timeout', 'soon'], "not 'soon'"],
    [['run', 'f.ts', '--timeout', 'Infinity'], "not 'Infinity'"],
    [['run', 'f.ts', '--timeout', ''], "not ''"],
    [['run', 'f.ts', '--workers', '0'], '--workers must be a positive number'],
    [['run', 'f.ts', '--workers', '2.5'], "not '2.5'"],
    [['run', 'f.ts', '--workers', '-'], '--workers must be a positive number'],
    [['run', 'f.ts', '--frobnicate'], "Unknown option '--frobnicate'"],
    [['run'], 'run needs a FILE'],
    [['walk', 'f.ts'], "unknown command 'walk'"],
    [['run', 'a.ts', 'b.ts'], "unexpected argument 'b.ts'"],
    [['run', 'f.ts', '--base', 'http://x/'], '--base is for share'],
    [['share', 'f.ts', '--json'], 'share takes --base, --workers and --timeout only'],
    [['share', 'f.ts', '--base', 'ftp://x/'], '--base must be an http or https URL'],
  ])('refuses %j with exit code 2', (argv, message) => {
    const { message: said, exitCode } = refusal(argv);
    expect(exitCode).toBe(2);
    expect(said).toContain(message);
  });
});
