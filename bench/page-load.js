/**
 * What loading the app costs: the bytes fetched before the page can run a script
 * (gzip-compressed, as a static host would send them: everything requested until
 * `fanout.ready` resolves, when Run works), the bytes fetched by the end of that first run
 * (what loads while or after it, such as the editor's TypeScript worker), the time from
 * navigation to a page that runs, and to the first task of a Run pressed as soon as it can be.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * @param {import('playwright-core').Browser} browser
 * @param {string} url the app's address
 * @param {string} dist the folder the server serves
 * @param {number} reps page loads (medians are reported)
 * @param {string} firstTaskCode a script that prints `bench {"firstTaskAt": ...}`
 */
export async function measurePage(browser, url, dist, reps, firstTaskCode) {
  /** @type {number[]} */
  const interactive = [];
  /** @type {number[]} */
  const firstTask = [];
  /** @type {number[]} */
  const afterReady = [];
  /** @type {Map<string, number>} */
  let files = new Map();
  /** @type {Map<string, number>} */
  let later = new Map();
  for (let r = 0; r < reps; r++) {
    const context = await browser.newContext();
    /** @type {Map<string, number>} when each file arrived (workers' requests included) */
    const fetched = new Map();
    context.on('response', (res) => {
      const p = new URL(res.url()).pathname;
      if (res.url().startsWith(url) && !fetched.has(p)) fetched.set(p, Date.now());
    });
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction(() => 'fanout' in window);
    const ready = await page.evaluate(async () => {
      await window.fanout.ready;
      return performance.now();
    });
    // What arrived until the page said it could run (a little after: counted as before).
    const readyAt = Date.now();
    const times = await page.evaluate(async (code) => {
      const report = await window.fanout.run({ code, workers: 'auto' });
      const line = report.output.find((l) => l.text.startsWith('bench '));
      const at = line ? JSON.parse(line.text.slice(6)).firstTaskAt : NaN;
      return { firstTask: at - performance.timeOrigin };
    }, firstTaskCode);
    interactive.push(ready);
    firstTask.push(times.firstTask);
    afterReady.push(times.firstTask - ready);
    files = new Map();
    later = new Map();
    for (const [p, at] of fetched) {
      const body = await readFile(path.join(dist, p === '/' ? 'index.html' : p)).catch(
        () => undefined,
      );
      if (body) (at <= readyAt ? files : later).set(p, gzipSync(body).length);
    }
    await context.close();
  }
  /** @param {number[]} xs */
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
  const total = [...files.values()].reduce((a, b) => a + b, 0);
  const afterwards = [...later.values()].reduce((a, b) => a + b, 0);
  return {
    interactiveMs: median(interactive),
    enginesReadyMs: median(firstTask),
    readyToFirstTaskMs: median(afterReady),
    gzipKb: total / 1024,
    laterGzipKb: afterwards / 1024,
    files: Object.fromEntries(
      [...files].sort((a, b) => b[1] - a[1]).map(([p, b]) => [p, Math.round(b / 1024)]),
    ),
    laterFiles: Object.fromEntries(
      [...later].sort((a, b) => b[1] - a[1]).map(([p, b]) => [p, Math.round(b / 1024)]),
    ),
  };
}
