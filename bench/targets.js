/**
 * The benchmark cases, one function per group of the issue's targets. Each returns result
 * rows (see report.js); `ctx` gives the pages, the sizes and the measuring helpers.
 */
import * as peers from './peers.js';
import * as scripts from './scripts.js';

/**
 * @typedef {object} Ctx
 * @property {import('playwright-core').Page} page the app, cross-origin isolated, with workerpool loaded
 * @property {import('playwright-core').Page} plain the app without isolation
 * @property {number} workers
 * @property {number} threads
 * @property {{ tasks: number, items: number, darts: number, primes: number, mib: number, random: number }} N sizes
 * @property {(name: string, variants: Record<string, () => Promise<any>>, reps?: number) => Promise<Record<string, any[]>>} alternate
 * @property {number} speedupReps rounds of the speedup comparison (more than the others: its ratios are the noisiest)
 * @property {(page: import('playwright-core').Page, code: string) => Promise<any>} fanout
 * @property {any} loading page-load figures
 */

/** @param {number[]} xs */
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
/** @param {any[] | undefined} runs @param {string} key */
const med = (runs, key) => median((runs ?? []).map((r) => r[key]));

/**
 * Targets 1 and 2: per-task overhead, unbatched and auto-batched.
 * @param {Ctx} ctx
 */
export async function overhead(ctx) {
  const { page, workers, N, alternate, fanout } = ctx;
  /** @type {any[]} */
  const rows = [];
  const tasks = await alternate('one-item tasks', {
    fanout: () => fanout(page, scripts.unbatched(N.tasks)),
    raw: () => page.evaluate(peers.rawPostMessage, { n: N.tasks, workers }),
    atomics: () => page.evaluate(peers.atomicsPingPong, { n: Math.min(N.tasks, 5000) }),
    workerpool: () => page.evaluate(peers.workerpoolTasks, { n: N.tasks, workers }),
  });
  const fanoutTask = med(tasks.fanout, 'perTaskUs');
  const rawTask = med(tasks.raw, 'perTaskUs');
  const poolTask = med(tasks.workerpool, 'perTaskUs');
  rows.push({
    target: 1,
    what: `${N.tasks.toLocaleString('en')} one-item tasks (chunkSize 1), µs per task`,
    fanout: fanoutTask,
    peers: {
      'raw postMessage': rawTask,
      'SAB + Atomics ping-pong': med(tasks.atomics, 'perTaskUs'),
      workerpool: poolTask,
    },
    ratios: { 'Fanout / raw': fanoutTask / rawTask, 'workerpool / Fanout': poolTask / fanoutTask },
    goal: 'Fanout / raw ≤ 1.5, workerpool / Fanout ≥ 3',
    met: fanoutTask / rawTask <= 1.5 && poolTask / fanoutTask >= 3,
  });
  const batched = await alternate('auto-batched items', {
    fanout: () => fanout(page, scripts.batched(N.items)),
  });
  const fanoutItem = med(batched.fanout, 'perItemUs');
  rows.push({
    target: 2,
    what: `balanced().map(x => x + 1) over ${N.items.toLocaleString('en')} items (chunkSize 'auto'), µs per item`,
    fanout: fanoutItem,
    peers: { 'workerpool, one call per item': poolTask },
    ratios: { 'workerpool / Fanout': poolTask / fanoutItem },
    goal: '< 1 µs per item, workerpool / Fanout ≥ 50',
    met: fanoutItem < 1 && poolTask / fanoutItem >= 50,
  });

  return rows;
}

/** Parts of the primality job for workerpool (its best split here) and for bare workers. */
const PRIME_PARTS_POOL = 8;
const PRIME_PARTS_BARE = 40;

/**
 * Target 3: speedup as a stopwatch sees it, against workerpool on the same kernels.
 * @param {Ctx} ctx
 */
export async function speedup(ctx) {
  const { page, workers, threads, N, alternate, fanout, speedupReps } = ctx;
  /** @type {any[]} */
  const rows = [];
  const piJobs = Array.from({ length: 8 }, (_, i) => [N.darts, i + 1]);
  const primeXs = Array.from({ length: N.primes }, (_, i) => 100_000 + i);
  /** @param {number} parts */
  const primeParts = (parts) =>
    Array.from({ length: parts }, (_, p) => [
      primeXs.slice(Math.floor((p * N.primes) / parts), Math.floor(((p + 1) * N.primes) / parts)),
    ]);
  // workerpool gets 8 contiguous parts, its best split here (40 measured worse: a round trip
  // per task); the bare workers, as the ceiling, 40 (dealt alternately, so both workers get
  // as many primes: with 8 parts they measured 1.68-1.77 where 40 gave 1.83-1.87).
  const primeJobs = primeParts(PRIME_PARTS_POOL);
  const primeJobsBare = primeParts(PRIME_PARTS_BARE);
  const speed = await alternate(
    'speedup',
    {
      pi: () => fanout(page, scripts.piSpeedup(8, N.darts)),
      piPool: () =>
        page.evaluate(peers.workerpoolSpeedup, {
          kernel: scripts.PI_KERNEL,
          call: 'piDarts',
          jobs: piJobs,
          workers,
        }),
      piBare: () =>
        page.evaluate(peers.bareWorkersSpeedup, {
          kernel: scripts.PI_KERNEL,
          call: 'piDarts',
          jobs: piJobs,
          workers,
        }),
      primes: () => fanout(page, scripts.primeSpeedup(N.primes)),
      primesBare: () =>
        page.evaluate(peers.bareWorkersSpeedup, {
          kernel: scripts.PRIME_KERNEL,
          call: '(xs) => xs.filter(isPrime).length',
          jobs: primeJobsBare,
          workers,
        }),
      primesPool: () =>
        page.evaluate(peers.workerpoolSpeedup, {
          kernel: scripts.PRIME_KERNEL,
          call: '(xs) => xs.filter(isPrime).length',
          jobs: primeJobs,
          workers,
        }),
    },
    speedupReps,
  );
  /** @type {[string, string][]} */
  const kernels = [
    ['pi', `Monte Carlo pi, 8 tasks of ${N.darts.toExponential(0)} darts`],
    [
      'primes',
      `primality of ${N.primes.toLocaleString('en')} integers (trial division; workerpool gets ${PRIME_PARTS_POOL} parts, bare workers ${PRIME_PARTS_BARE})`,
    ],
  ];
  for (const [key, what] of kernels) {
    const ours = med(speed[key], 'speedup');
    const theirs = med(speed[`${key}Pool`], 'speedup');
    const bare = med(speed[`${key}Bare`], 'speedup');
    rows.push({
      target: 3,
      what: `${what}: serial loop / parallel wall (stopwatch speedup)`,
      fanout: ours,
      peers: {
        workerpool: theirs,
        'bare Web Workers (no library: the ceiling)': bare,
        ideal: threads,
      },
      ratios: { 'Fanout / bare workers': ours / bare, 'Fanout / hardware threads': ours / threads },
      goal: `≥ ${(0.95 * threads).toFixed(2)} and above workerpool`,
      met: ours >= 0.95 * threads && ours > theirs,
    });
  }
  // The same comparison by the parallel walls alone: each ratio above divides by its own
  // serial loop (Fanout's runs in the script's worker, the peers' in the page).
  for (const [key, what] of kernels) {
    const ours = med(speed[key], 'parallelMs');
    const theirs = med(speed[`${key}Pool`], 'parallelMs');
    const bare = med(speed[`${key}Bare`], 'parallelMs');
    rows.push({
      target: 3,
      what: `${what}: parallel wall, ms (serial loop: Fanout ${med(speed[key], 'serialMs').toFixed(0)}, peers ${med(speed[`${key}Pool`], 'serialMs').toFixed(0)})`,
      fanout: ours,
      peers: { workerpool: theirs, 'bare Web Workers': bare },
      ratios: { 'Fanout / workerpool': ours / theirs, 'Fanout / bare workers': ours / bare },
      goal: 'reported (the stopwatch ratios above are the target)',
      met: true,
    });
  }

  return rows;
}

/**
 * Target 4: scheduling.
 * @param {Ctx} ctx
 */
export async function scheduling(ctx) {
  const { page, N, alternate, fanout } = ctx;
  /** @type {any[]} */
  const rows = [];
  const order = await fanout(page, scripts.stealing);
  rows.push({
    target: 4,
    what: 'balanced().map(spin, [400, 10, 11, 12], { ordered: false }): arrival order',
    fanout: order.arrived.join(', '),
    peers: { 'best schedule': '10, 11, 12, 400' },
    ratios: {},
    goal: '10, 11, 12, 400',
    met: order.arrived.join(',') === '10,11,12,400',
  });
  const random = await alternate('random durations', {
    fanout: () => fanout(page, scripts.randomDurations(N.random, 40)),
  });
  const overBound = med(random.fanout, 'ratio');
  const overRequested = med(random.fanout, 'requestedRatio');
  rows.push({
    target: 4,
    what: `map of ${N.random} items of random durations (1-40 ms): wall / best possible schedule for the item times as they ran`,
    fanout: overBound,
    peers: { 'lower bound': 1, 'wall / bound for the requested times': overRequested },
    ratios: {},
    goal: '≤ 1.05',
    met: overBound <= 1.05,
  });

  return rows;
}

/**
 * Target 5: scatter then gather a Float64Array, with and without isolation.
 * @param {Ctx} ctx
 */
export async function data(ctx) {
  const { page, plain, workers, N, alternate, fanout } = ctx;
  /** @type {any[]} */
  const rows = [];
  const data = await alternate('scatter/gather', {
    shared: () => fanout(page, scripts.scatterGather(N.mib, 'sharedArray')),
    copiedOnce: () => fanout(page, scripts.scatterGather(N.mib, 'plain')),
    copied: () => fanout(plain, scripts.scatterGather(N.mib, 'plain')),
  });
  const sharedGb = med(data.shared, 'gbPerS');
  const onceGb = med(data.copiedOnce, 'gbPerS');
  const copiedGb = med(data.copied, 'gbPerS');
  rows.push({
    target: 5,
    what: `scatter then gather a ${N.mib} MiB Float64Array on ${workers} workers, GB/s moved (both ways); isolated, the array made with sharedArray (no copy)`,
    fanout: sharedGb,
    peers: {
      'isolated, a plain Float64Array (copied once into shared memory)': onceGb,
      'without isolation (transferables)': copiedGb,
      'issue baseline (copies)': 0.85,
    },
    ratios: { 'isolated / baseline': sharedGb / 0.85, 'plain isolated / baseline': onceGb / 0.85 },
    goal: 'isolated ≥ 10× baseline, without isolation ≥ 1 GB/s',
    met: sharedGb >= 8.5 && copiedGb >= 1,
    notes: {
      sharedMemory: data.shared?.[0]?.shared,
      copiedOnceSharedMemory: data.copiedOnce?.[0]?.shared,
      copiedSharedMemory: data.copied?.[0]?.shared,
    },
  });

  return rows;
}

/**
 * Target 6: a warm second run; target 7: the page before the first Run.
 * @param {Ctx} ctx
 */
export async function startup(ctx) {
  const { page, alternate, loading } = ctx;
  /** @type {any[]} */
  const rows = [];
  const warm = await alternate('warm run', {
    // Timed from the call in the page (as a click would start it) to the task's start.
    fanout: async () => {
      const r = await page.evaluate(async (code) => {
        const t0 = performance.timeOrigin + performance.now();
        const report = await window.fanout.run({ code, workers: 'auto' });
        const line = report.output.find((l) => l.text.startsWith('bench '));
        return { t0, ...JSON.parse(line?.text.slice('bench '.length) ?? '{}') };
      }, scripts.firstTask);
      if (typeof r.firstTaskAt !== 'number') throw new Error('the warm run printed no time');
      return { ms: r.firstTaskAt - r.t0 };
    },
  });
  const warmMs = med(warm.fanout, 'ms');
  rows.push({
    target: 6,
    what: 'a second Run: run request to its first task starting, ms',
    fanout: warmMs,
    peers: {},
    ratios: {},
    goal: '≤ 20 ms',
    met: warmMs <= 20,
  });
  // "Workers ready within 150 ms of page load": the page has loaded when Run works
  // (`fanout.ready`); what is measured is from then to a Run's first task starting.
  rows.push({
    target: 6,
    what: 'page loaded (Run works, fanout.ready) to the first task of a Run pressed then, ms',
    fanout: loading.readyToFirstTaskMs,
    peers: { 'navigation to that first task (page loading included), ms': loading.enginesReadyMs },
    ratios: {},
    goal: '≤ 150 ms',
    met: loading.readyToFirstTaskMs <= 150,
  });
  rows.push({
    target: 7,
    what: 'bytes loaded before the first Run (gzip), KB; navigation to a page that runs, ms',
    fanout: loading.gzipKb,
    peers: {
      'time to interactive, ms': loading.interactiveMs,
      'loaded during or after the first run (TypeScript worker...), KB': loading.laterGzipKb,
    },
    ratios: {},
    goal: '≤ 1,536 KB',
    met: loading.gzipKb <= 1536,
    notes: { files: loading.files, laterFiles: loading.laterFiles },
  });

  return rows;
}
