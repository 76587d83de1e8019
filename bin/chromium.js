/**
 * How every Fanout tool starts Chromium: the command line, the end-to-end tests, the
 * benchmarks and the screenshot script.
 */

/**
 * The browser binary: `$FANOUT_CHROMIUM`, else `$CHROMIUM_PATH`, else Debian's Chromium.
 * Playwright's own browser downloads are not needed (and not reachable everywhere).
 */
export const CHROMIUM_PATH =
  process.env.FANOUT_CHROMIUM || process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/**
 * Flags: no sandbox (CI runs as root), WebGPU on (a software adapter where there is no
 * GPU), memory measured at once (so the page's memory budget for workers reacts within a
 * fraction of a second: see src/host/memory-watch.ts), and none of the background
 * connections a closed network refuses.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--enable-blink-features=ForceEagerMeasureMemory',
  '--enable-unsafe-webgpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/**
 * The benchmarks' flags: a browser as people run it. The tests' eager memory measurement is
 * left out: it makes every measurement of the page's memory (Fanout's memory budget, every
 * 250 ms during a run) collect garbage in every worker at once, where a person's browser
 * measures at its next collection anyway (src/host/memory-watch.ts); with it, runs in the
 * benchmark paid pauses no user pays.
 */
export const BENCH_CHROMIUM_ARGS = CHROMIUM_ARGS.filter(
  (a) => a !== '--enable-blink-features=ForceEagerMeasureMemory',
);
