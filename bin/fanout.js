#!/usr/bin/env node
/**
 * Fanout's command line: runs a script file in the real app (the built `dist/`) in headless
 * Chromium and prints what it printed and how long each parallel call took, or the whole
 * run report as JSON. Exit codes (README "Exit status"): 0 the script ran, 1 the script
 * threw, 2 usage error or the browser, the page or the time limit failed (after printing
 * what the script printed until then), 130 interrupted.
 */
import { constants as fsConstants, openSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { Socket } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.js';
import { CliError, EXIT, USAGE, parseCommandLine } from './command-line.js';
import { formatError, formatLines, formatText } from './format-report.js';
import { serveStatic } from './static-server.js';
import { encodeLink } from '../src/share/link-codec.js';

/** @typedef {import('../src/protocol/messages').RunReport} RunReport */
/** @typedef {import('../src/protocol/messages').RunSnapshot} RunSnapshot */
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
/** How long a loaded page may take to define `window.fanout` before it is deemed not the app. */
const API_WAIT_MS = 30_000;
/** How often the lines printed so far are copied out of the page, to survive a crash. */
const POLL_MS = 250;
/** How long a failed run's page gets to hand over its last lines. */
const LAST_LINES_WAIT_MS = 2_000;

/**
 * A failure that ends a run from outside (time limit, crash, Ctrl+C), with the lines the
 * script printed until then and how many of them the page no longer kept.
 */
class RunFailure extends CliError {
  /**
   * @param {CliError} cause
   * @param {RunReport['output']} printed
   * @param {number} dropped
   */
  constructor(cause, printed, dropped) {
    super(cause.message, cause.exitCode);
    this.printed = printed;
    this.dropped = dropped;
  }
}

/**
 * The time limit and the signals of one command: `race` ends any wait at the first of them,
 * and the timeout message names the stage it cut short.
 * @param {number} timeoutMs
 */
function startDeadline(timeoutMs) {
  /** @type {(error: CliError) => void} */
  let reject = () => {};
  /** @type {Promise<never>} */
  const failed = new Promise((_, r) => (reject = r));
  failed.catch(() => {});
  const deadline = {
    stage: 'starting',
    failed,
    /** @param {CliError} error */
    fail: (error) => reject(error),
    /** @type {<T>(p: Promise<T>) => Promise<T>} */
    race: (p) => Promise.race([p, failed]),
    /** Ends the timer and the signal handlers; later failures are ignored. */
    stop: () => {
      clearTimeout(timer);
      reject = () => {};
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
  const timer = setTimeout(
    () => reject(new CliError(`timed out after ${timeoutMs / 1000} s while ${deadline.stage}`)),
    timeoutMs,
  );
  const onSignal = () => reject(new CliError('interrupted', EXIT.interrupted));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return deadline;
}
/** @typedef {ReturnType<typeof startDeadline>} Deadline */

/**
 * Copies the lines a run prints out of the page as it goes, so they can be shown when the
 * run ends from outside (a crashed page cannot be asked afterwards).
 * @param {import('playwright-core').Page} page
 */
function watchOutput(page) {
  /** @type {RunReport['output']} */
  const printed = [];
  let cursor = 0;
  let dropped = 0;
  /** @type {Promise<void> | undefined} */
  let pending;
  const collect = () => {
    pending ??= page
      .evaluate((since) => /** @type {FanoutWindow} */ (window).fanout.snapshot(since), cursor)
      .then((snap) => {
        if (!snap) return;
        printed.push(...snap.lines);
        dropped += snap.dropped;
        cursor = snap.next;
      })
      .catch(() => {})
      .finally(() => (pending = undefined));
    return pending;
  };
  const timer = setInterval(() => {
    collect().catch(() => {});
  }, POLL_MS);
  return {
    /** Stops copying; with `last`, first asks the page (briefly) for the lines not yet copied. */
    stop: async (/** @type {boolean} */ last) => {
      clearInterval(timer);
      if (last) {
        await Promise.race([
          (pending ?? Promise.resolve()).then(collect),
          new Promise((resolve) => setTimeout(resolve, LAST_LINES_WAIT_MS)),
        ]);
      }
      return { printed, dropped };
    },
  };
}

/**
 * Starts headless Chromium for a run; signals are the command line's to handle.
 * @param {import('playwright-core').BrowserType} chromium @param {number} timeoutMs
 */
function launchChromium(chromium, timeoutMs) {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true,
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    timeout: timeoutMs,
  });
}

/**
 * Ends the run on a crash or an uncaught page error, and keeps the page's console errors and
 * failed responses in `pageErrors` to explain a failure.
 * @param {import('playwright-core').Page} page @param {Deadline} deadline @param {string[]} pageErrors
 */
function watchPage(page, deadline, pageErrors) {
  const { fail } = deadline;
  page.on('crash', () => fail(new CliError(`the page crashed while ${deadline.stage}`)));
  page.on('pageerror', (e) =>
    fail(new CliError(`the page threw while ${deadline.stage}: ${e.stack || e.message || e.name}`)),
  );
  // The console's "Failed to load resource" has no URL, so failed responses are recorded
  // with theirs instead (a missing favicon is no failure).
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
}

/**
 * Loads the app at `url` and waits for its automation API and its workers.
 * @param {import('playwright-core').Page} page @param {string} url @param {Deadline} deadline
 * @param {number} timeoutMs
 * @returns {Promise<boolean>} whether the page is cross-origin isolated
 */
async function openApp(page, url, { race }, timeoutMs) {
  await race(page.goto(url));
  await race(
    page
      .waitForFunction(() => 'fanout' in window, undefined, {
        timeout: Math.min(timeoutMs, API_WAIT_MS),
      })
      .catch(() => {
        throw new CliError('the page has no automation API (window.fanout); rebuild the app');
      }),
  );
  return race(
    page.evaluate(() =>
      /** @type {FanoutWindow} */ (window).fanout.ready.then(() => window.crossOriginIsolated),
    ),
  );
}

/**
 * Runs `code` in the app in headless Chromium, before `deadline` ends it.
 * @param {{ code: string, workers?: number | 'auto', timeoutMs: number, deadline: Deadline }} options
 * @returns {Promise<{ report: RunReport, browser: JsonReport['browser'], typeErrors: JsonReport['typeErrors'] }>}
 */
async function runInBrowser({ code, workers, timeoutMs, deadline }) {
  if (!(await stat(path.join(DIST, 'index.html')).catch(() => undefined))) {
    throw new CliError('the app is not built; run `npm run build` first');
  }
  const { race, fail } = deadline;
  deadline.stage = 'starting Chromium';
  /** @type {string[]} */
  const pageErrors = [];
  /** @type {import('./static-server.js').StaticServer | undefined} */
  let server;
  /** @type {Promise<import('playwright-core').Browser> | undefined} */
  let launching;
  /** @type {import('playwright-core').Browser | undefined} */
  let browser;
  /** @type {ReturnType<typeof watchOutput> | undefined} */
  let output;
  try {
    server = await race(serveStatic(DIST));
    const { chromium } = await race(import('playwright-core'));
    launching = launchChromium(chromium, timeoutMs);
    browser = await race(launching);
    browser.on('disconnected', () => fail(new CliError(`Chromium exited while ${deadline.stage}`)));
    const page = await race(browser.newPage());
    page.setDefaultTimeout(timeoutMs);
    watchPage(page, deadline, pageErrors);

    deadline.stage = 'loading the app';
    const crossOriginIsolated = await openApp(page, server.url, deadline, timeoutMs);

    deadline.stage = 'checking types';
    // Type errors do not stop a run (the script is JavaScript once emitted), but a grader
    // or an author wants to see them.
    const typeErrors = await race(
      page.evaluate((code) => {
        const fanout = /** @type {FanoutWindow} */ (window).fanout;
        fanout.setCode(code);
        return fanout.diagnostics();
      }, code),
    );

    deadline.stage = 'running the script';
    output = watchOutput(page);
    const report = await race(
      page.evaluate(
        (request) => /** @type {FanoutWindow} */ (window).fanout.run(request),
        workers === undefined ? { code } : { code, workers },
      ),
    );
    await output.stop(false);
    return { report, browser: { version: browser.version(), crossOriginIsolated }, typeErrors };
  } catch (e) {
    const error =
      e instanceof CliError
        ? e
        : new CliError(
            `failed while ${deadline.stage}: ${e instanceof Error ? e.message : String(e)}`,
          );
    if (pageErrors.length > 0 && error.exitCode === EXIT.failed) {
      error.message += `\nthe page also reported:\n  ${pageErrors.slice(-10).join('\n  ')}`;
    }
    if (!output) throw error;
    const { printed, dropped } = await output.stop(true);
    throw new RunFailure(error, printed, dropped);
  } finally {
    deadline.stop();
    if (browser) await browser.close().catch(() => {});
    // A launch cut short by the time limit or a signal still ends in a browser: close it
    // when it arrives (Node exits after that) rather than wait for it here.
    else launching?.then((b) => b.close()).catch(() => {});
    await server?.close();
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
 * Reads the script within the time limit. A FIFO is read without blocking (through the event
 * loop, as a socket), so one that no one writes to ends at the time limit instead of
 * holding a thread that would keep Node alive after it.
 * @param {string} file
 * @param {Deadline} deadline
 * @returns {Promise<string>}
 */
async function readScript(file, deadline) {
  deadline.stage = `reading ${file}`;
  /** @param {Error} e */
  const cannotRead = (e) => new CliError(`cannot read ${file}: ${e.message}`);
  const info = await deadline.race(stat(file)).catch((/** @type {Error} */ e) => {
    throw e instanceof CliError ? e : cannotRead(e);
  });
  if (!info.isFIFO()) {
    return deadline.race(
      readFile(file, 'utf8').catch((/** @type {Error} */ e) => Promise.reject(cannotRead(e))),
    );
  }
  const pipe = new Socket({
    fd: openSync(file, fsConstants.O_RDONLY | fsConstants.O_NONBLOCK),
    readable: true,
    writable: false,
  });
  /** @type {Buffer[]} */
  const chunks = [];
  /** @type {Promise<string>} */
  const reading = new Promise((resolve, reject) => {
    pipe.on('data', (c) => chunks.push(/** @type {Buffer} */ (c)));
    pipe.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    pipe.on('error', (e) => reject(cannotRead(e)));
  });
  try {
    return await deadline.race(reading);
  } finally {
    pipe.destroy();
  }
}

/**
 * Prints the share link of the script in `options.file`, read within the time limit.
 * @param {Extract<import('./command-line.js').CommandLine, { command: 'share' }>} options
 * @returns {Promise<number>}
 */
async function share({ file, workers, base, timeoutMs }) {
  const deadline = startDeadline(timeoutMs);
  let code;
  try {
    code = await readScript(file, deadline);
  } finally {
    deadline.stop();
  }
  const hash = await encodeLink({ code, settings: { workers: workers ?? 'auto' } }).catch(
    (/** @type {Error & { hint?: string }} */ e) => {
      throw new CliError(`${file}: ${e.message} ${e.hint ?? ''}`.trim());
    },
  );
  process.stdout.write(`${base}#${hash}\n`);
  return EXIT.ok;
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
    return EXIT.ok;
  }
  if (options.command === 'usage') {
    process.stderr.write(USAGE);
    return EXIT.failed;
  }
  if (options.command === 'version') {
    process.stdout.write(`${await readVersion()}\n`);
    return EXIT.ok;
  }
  const { file } = options;
  if (options.command === 'share') return share(options);
  const deadline = startDeadline(options.timeoutMs);
  let ran;
  try {
    const code = await readScript(file, deadline);
    ran = await runInBrowser({
      code,
      workers: options.workers,
      timeoutMs: options.timeoutMs,
      deadline,
    });
  } finally {
    deadline.stop();
  }
  const { report, browser, typeErrors } = ran;
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
  return report.ok ? EXIT.ok : EXIT.scriptThrew;
}

/**
 * Says why the command failed. What the script printed before a run was ended from outside
 * comes first (on stdout, or on stderr with `--json`, whose stdout is only ever a report):
 * it is what a person needs to debug runaway code.
 * @param {unknown} e
 * @param {boolean} json
 */
function reportFailure(e, json) {
  if (e instanceof RunFailure && (e.printed.length > 0 || e.dropped > 0)) {
    const note = e.dropped > 0 ? `… ${e.dropped} earlier lines were not kept by the page\n` : '';
    (json ? process.stderr : process.stdout).write(note + formatLines(e.printed));
  }
  const message = e instanceof Error ? e.message : String(e);
  const text =
    e instanceof CliError ? message : e instanceof Error ? (e.stack ?? message) : message;
  process.stderr.write(`fanout: ${text}\n`);
  return e instanceof CliError ? e.exitCode : EXIT.failed;
}

const argv = process.argv.slice(2);
main(argv).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.exitCode = reportFailure(e, argv.includes('--json'));
  },
);
