/**
 * What `fanout` is asked to do: its usage text and the parsing of its arguments, kept apart
 * from running so the refusals (and their exit codes) can be tested without a browser.
 */
import { parseArgs } from 'node:util';

/** Seconds `fanout run` waits by default, browser start included. */
export const DEFAULT_TIMEOUT_S = 120;
/**
 * The longest `--timeout`: Node's timers hold a signed 32-bit count of milliseconds and fire
 * at once beyond it (https://nodejs.org/api/timers.html#settimeoutcallback-delay-args).
 */
export const MAX_TIMEOUT_S = Math.floor((2 ** 31 - 1) / 1000);

/** Where `fanout share` points links when there is no `--base`: `npm run preview`'s address. */
export const DEFAULT_BASE = 'http://localhost:4173/';

/** Exit codes, as the README's "Exit status" lists them. */
export const EXIT = { ok: 0, scriptThrew: 1, failed: 2, interrupted: 130 };

export const USAGE = `Usage: fanout run FILE [--workers N|auto] [--json] [--timeout SECONDS]
       fanout share FILE [--base URL] [--workers N|auto] [--timeout SECONDS]

run:   runs a Fanout script (TypeScript) in the built app in headless Chromium and prints
       its output and the timing of each parallel call.
share: prints a share link that opens FILE in Fanout at --base (default ${DEFAULT_BASE}),
       with the worker count when --workers is given.

Options:
  --workers N|auto   workers for cluster() without \`workers\` and for pool: a positive
                     number, a negative one as in joblib (-1 all threads, -2 all but
                     one), or auto (all threads); default: the app's setting
  --json             print one JSON object (the run report) instead of text
  --timeout SECONDS  give up after this long, reading FILE and browser start included
                     (default ${DEFAULT_TIMEOUT_S}, at most ${MAX_TIMEOUT_S}); for share,
                     the limit on reading FILE
  -h, --help         show this text
  --version          print Fanout's version

Environment:
  FANOUT_CHROMIUM, CHROMIUM_PATH   the Chromium binary (default /usr/bin/chromium)

Exit status: 0 the script ran, 1 the script threw, 2 a usage error or the browser,
the page or the time limit failed (what the script printed until then is printed
first), 130 interrupted.
`;

const SEE_HELP = 'Run `fanout --help` for usage.';

/** A failure that ends the command with a message and an exit code. */
export class CliError extends Error {
  /**
   * @param {string} message
   * @param {number} exitCode
   */
  constructor(message, exitCode = EXIT.failed) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}

/**
 * What the command line asks for.
 * @typedef {{ command: 'help' } | { command: 'usage' } | { command: 'version' }
 *   | { command: 'run', file: string, workers?: number | 'auto', json: boolean, timeoutMs: number }
 *   | { command: 'share', file: string, workers?: number | 'auto', base: string, timeoutMs: number }
 * } CommandLine
 */

/** Options whose value may look like a negative number (`--workers -2`, `--timeout -1`). */
const NUMERIC_OPTIONS = new Set(['--workers', '--timeout']);

/**
 * Reads the command line; throws a CliError (exit code 2) on anything it does not understand.
 * @param {string[]} argv Arguments after `node fanout.js`.
 * @returns {CommandLine}
 */
export function parseCommandLine(argv) {
  // parseArgs refuses `--workers -2` as ambiguous; joblib users will type exactly that, and
  // `--timeout -1` deserves the same clear refusal as `--timeout 0`.
  const args = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = /** @type {string} */ (argv[i]);
    const next = argv[i + 1];
    if (NUMERIC_OPTIONS.has(arg) && next !== undefined && /^-[\d.]/.test(next)) {
      args.push(`${arg}=${next}`);
      i++;
    } else {
      args.push(arg);
    }
  }
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        workers: { type: 'string' },
        json: { type: 'boolean', default: false },
        timeout: { type: 'string' },
        base: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', default: false },
      },
    });
  } catch (e) {
    // Node's messages go on with advice about `--`; the first sentence is the useful part.
    const message = (e instanceof Error ? e.message : String(e)).split(/\.\s/)[0];
    throw new CliError(`${message}\n${SEE_HELP}`);
  }
  const { values, positionals } = parsed;
  const [command, file, ...extra] = positionals;
  if (values.help) return { command: 'help' };
  if (values.version) return { command: 'version' };
  if (command === undefined) return { command: 'usage' };
  if (command !== 'run' && command !== 'share')
    throw new CliError(`unknown command '${command}'\n${SEE_HELP}`);
  if (file === undefined) throw new CliError(`${command} needs a FILE\n${SEE_HELP}`);
  if (extra.length > 0) throw new CliError(`unexpected argument '${extra[0]}'\n${SEE_HELP}`);
  const workers = values.workers === undefined ? undefined : parseWorkers(values.workers);
  const timeoutMs =
    values.timeout === undefined ? DEFAULT_TIMEOUT_S * 1000 : parseTimeout(values.timeout);
  if (command === 'share') {
    if (values.json)
      throw new CliError(`share takes --base, --workers and --timeout only\n${SEE_HELP}`);
    return { command, file, workers, base: parseBase(values.base ?? DEFAULT_BASE), timeoutMs };
  }
  if (values.base !== undefined) throw new CliError(`--base is for share\n${SEE_HELP}`);
  return { command, file, workers, json: values.json, timeoutMs };
}

/**
 * `--workers`: `auto`, or a whole number other than 0.
 * @param {string} text
 * @returns {number | 'auto'}
 */
export function parseWorkers(text) {
  if (text === 'auto') return 'auto';
  const n = /^-?\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(n) || n === 0) {
    throw new CliError(
      `--workers must be a positive number, a negative number (-1 all threads, -2 all but one) or auto, not '${text}'`,
    );
  }
  return n;
}

/**
 * The page a share link opens: an http(s) URL, without its own hash.
 * @param {string} text
 */
export function parseBase(text) {
  let url;
  try {
    url = new URL(text);
  } catch {
    throw new CliError(`--base must be a URL like https://example.org/fanout/, not '${text}'`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new CliError(`--base must be an http or https URL, not '${text}'`);
  url.hash = '';
  return url.href;
}

/**
 * `--timeout`: seconds, more than 0 and at most `MAX_TIMEOUT_S`; returns milliseconds.
 * @param {string} text
 */
export function parseTimeout(text) {
  const s = text.trim() === '' ? NaN : Number(text);
  if (!Number.isFinite(s) || s <= 0) {
    throw new CliError(`--timeout must be a positive number of seconds, not '${text}'`);
  }
  if (s > MAX_TIMEOUT_S) {
    throw new CliError(
      `--timeout must be at most ${MAX_TIMEOUT_S} seconds (about 24 days, the longest timer Node keeps), not '${text}'`,
    );
  }
  return Math.max(1, Math.round(s * 1000));
}
