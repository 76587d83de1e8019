#!/usr/bin/env node
/**
 * Fanout's command line: runs a script file in the real app (the built `dist/`) in headless
 * Chromium and prints what it printed and how long each parallel call took, or the whole
 * run report as JSON. Exit codes: 0 the script ran, 1 the script threw, 2 usage error or
 * the browser, the page or the time limit failed, 130 interrupted.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.js';
import { formatError, formatText } from './format-report.js';
import { serveStatic } from './static-server.js';
import { encodeLink } from '../src/share/link-codec.js';

/** @typedef {import('../src/protocol/messages').RunReport} RunReport */
/** @typedef {Window & { fanout: import('../src/protocol/messages').AutomationApi }} FanoutWindow */
/**
 * The `--json` output: the page's report plus where and how it ran.
 * @typedef {RunReport & {
 *   file: string,
 *   requestedWorkers: number | 'auto' | null,
 *   typeErrors: { line: number, message: string }[],
 *   browser: { version: string, crossOriginIsolated: boolean },
 *   fanoutVersion: string,
 * }} JsonReport
 */

const PACKAGE_ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = path.join(PACKAGE_ROOT, 'dist');
const DEFAULT_TIMEOUT_S = 120;
/** How long a loaded page may take to define `window.fanout` before it is deemed not the app. */
const API_WAIT_MS = 30_000;

/** Where `fanout share` points links when there is no `--base`: `npm run preview`'s address. */
const DEFAULT_BASE = 'http://localhost:4173/';

const USAGE = `Usage: fanout run FILE [--workers N|auto] [--json] [--timeout SECONDS]
       fanout share FILE [--base URL] [--workers N|auto]

run:   runs a Fanout script (TypeScript) in the built app in headless Chromium and prints
       its output and the timing of each parallel call.
share: prints a share link that opens FILE in Fanout at --base (default ${DEFAULT_BASE}),
       with the worker count when --workers is given.

Options:
  --workers N|auto   workers for cluster() without \`workers\` and for pool: a positive
                     number, a negative one as in joblib (-1 all threads, -2 all but
                     one), or auto (all threads); default: the app's setting
  --json             print one JSON object (the run report) instead of text
  --timeout SECONDS  give up after this long, browser start included (default ${DEFAULT_TIMEOUT_S})
  -h, --help         show this text
  --version          print Fanout's version

Environment:
  FANOUT_CHROMIUM, CHROMIUM_PATH   the Chromium binary (default /usr/bin/chromium)

Exit status: 0 the script ran, 1 the script threw, 2 a usage error or the browser,
the page or the time limit failed, 130 interrupted.
`;

const SEE_HELP = 'Run `fanout --help` for usage.';

/** A failure that ends the command with a message and an exit code. */
class CliError extends Error {
  /**
   * @param {string} message
   * @param {number} exitCode
   */
  constructor(message, exitCode = 2) {
    super(message);
    this.exitCode = exitCode;
  }
}

/**
 * What the command line asks for.
 * @typedef {{ command: 'help' } | { command: 'usage' } | { command: 'version' }
 *   | { command: 'run', file: string, workers?: number | 'auto', json: boolean, timeoutMs: number }
 *   | { command: 'share', file: string, workers?: number | 'auto', base: string }
 * } CommandLine
 */

/**
 * Reads the command line; throws a CliError on anything it does not understand.
 * @param {string[]} argv
 * @returns {CommandLine}
 */
function parseCommandLine(argv) {
  // parseArgs refuses `--workers -2` as ambiguous; joblib users will type exactly that.
  const args = [];
  for (let i = 0; i < argv.length; i++) {
    const next = argv[i + 1];
    if (argv[i] === '--workers' && next !== undefined && /^-\d+$/.test(next)) {
      args.push(`--workers=${next}`);
      i++;
    } else {
      args.push(/** @type {string} */ (argv[i]));
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
  if (command === 'share') {
    if (values.json || values.timeout !== undefined)
      throw new CliError(`share takes --base and --workers only\n${SEE_HELP}`);
    return { command, file, workers, base: parseBase(values.base ?? DEFAULT_BASE) };
  }
  if (values.base !== undefined) throw new CliError(`--base is for share\n${SEE_HELP}`);
  return {
    command,
    file,
    workers: values.workers === undefined ? undefined : parseWorkers(values.workers),
    json: values.json,
    timeoutMs:
      values.timeout === undefined ? DEFAULT_TIMEOUT_S * 1000 : parseTimeout(values.timeout),
  };
}

/**
 * @param {string} text
 * @returns {number | 'auto'}
 */
function parseWorkers(text) {
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
function parseBase(text) {
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

/** @param {string} text */
function parseTimeout(text) {
  const s = Number(text);
  if (text.trim() === '' || !Number.isFinite(s) || s <= 0) {
    throw new CliError(`--timeout must be a positive number of seconds, not '${text}'`);
  }
  return s * 1000;
}

/**
 * Runs `code` in the app in headless Chromium, within `timeoutMs`.
 * @param {{ code: string, workers?: number | 'auto', timeoutMs: number }} options
 * @returns {Promise<{ report: RunReport, browser: JsonReport['browser'], typeErrors: JsonReport['typeErrors'] }>}
 */
async function runInBrowser({ code, workers, timeoutMs }) {
  if (!(await stat(path.join(DIST, 'index.html')).catch(() => undefined))) {
    throw new CliError('the app is not built; run `npm run build` first');
  }
  let stage = 'starting Chromium';
  /** @type {(error: CliError) => void} */
  let fail = () => {};
  /** @type {Promise<never>} Rejects on the first thing that ends the run from outside. */
  const failed = new Promise((_, reject) => (fail = reject));
  failed.catch(() => {});
  /** @type {<T>(p: Promise<T>) => Promise<T>} */
  const race = (p) => Promise.race([p, failed]);
  /** @type {string[]} */
  const pageErrors = [];
  const timer = setTimeout(
    () => fail(new CliError(`timed out after ${timeoutMs / 1000} s while ${stage}`)),
    timeoutMs,
  );
  const onSignal = () => fail(new CliError('interrupted', 130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  /** @type {import('./static-server.js').StaticServer | undefined} */
  let server;
  /** @type {Promise<import('playwright-core').Browser> | undefined} */
  let launching;
  /** @type {import('playwright-core').Browser | undefined} */
  let browser;
  try {
    server = await race(serveStatic(DIST));
    const { chromium } = await race(import('playwright-core'));
    launching = chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
      headless: true,
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      timeout: timeoutMs,
    });
    browser = await race(launching);
    browser.on('disconnected', () => fail(new CliError(`Chromium exited while ${stage}`)));
    const page = await race(browser.newPage());
    page.setDefaultTimeout(timeoutMs);
    page.on('crash', () => fail(new CliError(`the page crashed while ${stage}`)));
    page.on('pageerror', (e) =>
      fail(new CliError(`the page threw while ${stage}: ${e.stack || e.message || e.name}`)),
    );
    // Kept to explain a failure; the console's "Failed to load resource" has no URL, so
    // failed responses are recorded with theirs instead (a missing favicon is no failure).
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) {
        pageErrors.push(m.text());
      }
    });
    page.on('response', (r) => {
      if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) {
        pageErrors.push(`${r.status()} ${r.url()}`);
      }
    });

    stage = 'loading the app';
    await race(page.goto(server.url));
    await race(
      page
        .waitForFunction(() => 'fanout' in window, undefined, {
          timeout: Math.min(timeoutMs, API_WAIT_MS),
        })
        .catch(() => {
          throw new CliError('the page has no automation API (window.fanout); rebuild the app');
        }),
    );
    const crossOriginIsolated = await race(
      page.evaluate(() =>
        /** @type {FanoutWindow} */ (window).fanout.ready.then(() => window.crossOriginIsolated),
      ),
    );

    stage = 'checking types';
    // Type errors do not stop a run (the script is JavaScript once emitted), but a grader
    // or an author wants to see them.
    const typeErrors = await race(
      page.evaluate((code) => {
        const fanout = /** @type {FanoutWindow} */ (window).fanout;
        fanout.setCode(code);
        return fanout.diagnostics();
      }, code),
    );

    stage = 'running the script';
    const report = await race(
      page.evaluate(
        (request) => /** @type {FanoutWindow} */ (window).fanout.run(request),
        workers === undefined ? { code } : { code, workers },
      ),
    );
    return { report, browser: { version: browser.version(), crossOriginIsolated }, typeErrors };
  } catch (e) {
    if (e instanceof CliError) {
      if (pageErrors.length > 0 && e.exitCode === 2) {
        e.message += `\nthe page also reported:\n  ${pageErrors.slice(-10).join('\n  ')}`;
      }
      throw e;
    }
    const message = e instanceof Error ? e.message : String(e);
    throw new CliError(`failed while ${stage}: ${message}`);
  } finally {
    clearTimeout(timer);
    fail = () => {};
    if (browser) await browser.close().catch(() => {});
    // A launch cut short by the time limit or a signal still ends in a browser: close it
    // when it arrives (Node exits after that) rather than wait for it here.
    else launching?.then((b) => b.close()).catch(() => {});
    await server?.close();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/** @returns {Promise<string>} */
async function readVersion() {
  /** @type {unknown} */
  const pkg = JSON.parse(await readFile(path.join(PACKAGE_ROOT, 'package.json'), 'utf8'));
  const version = typeof pkg === 'object' && pkg !== null && 'version' in pkg ? pkg.version : '';
  return String(version);
}

/**
 * Runs the command line and returns the exit code.
 * @param {string[]} argv Arguments after `node fanout.js`.
 * @returns {Promise<number>}
 */
async function main(argv) {
  const options = parseCommandLine(argv);
  if (options.command === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  if (options.command === 'usage') {
    process.stderr.write(USAGE);
    return 2;
  }
  if (options.command === 'version') {
    process.stdout.write(`${await readVersion()}\n`);
    return 0;
  }
  const { file } = options;
  const code = await readFile(file, 'utf8').catch((/** @type {Error} */ e) => {
    throw new CliError(`cannot read ${file}: ${e.message}`);
  });
  if (options.command === 'share') {
    const hash = await encodeLink({ code, settings: { workers: options.workers ?? 'auto' } }).catch(
      (/** @type {Error & { hint?: string }} */ e) => {
        throw new CliError(`${file}: ${e.message} ${e.hint ?? ''}`.trim());
      },
    );
    process.stdout.write(`${options.base}#${hash}\n`);
    return 0;
  }
  const { report, browser, typeErrors } = await runInBrowser({
    code,
    workers: options.workers,
    timeoutMs: options.timeoutMs,
  });
  if (options.json) {
    /** @type {JsonReport} */
    const out = {
      ...report,
      file,
      requestedWorkers: options.workers ?? null,
      typeErrors,
      browser,
      fanoutVersion: await readVersion(),
    };
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  } else {
    for (const t of typeErrors) process.stderr.write(`warning: line ${t.line}: ${t.message}\n`);
    process.stdout.write(formatText(report));
    if (report.error) process.stderr.write(formatError(report.error));
    else if (!report.ok) process.stderr.write('Error: the run ended without finishing\n');
  }
  return report.ok ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (/** @type {unknown} */ e) => {
    const message = e instanceof Error ? e.message : String(e);
    const stack = e instanceof Error ? e.stack : undefined;
    process.stderr.write(`fanout: ${e instanceof CliError ? message : (stack ?? message)}\n`);
    process.exitCode = e instanceof CliError ? e.exitCode : 2;
  },
);
