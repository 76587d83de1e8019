/**
 * The peers each benchmark compares Fanout with, run in the same page: raw postMessage
 * echo workers, a SharedArrayBuffer + Atomics ping-pong, workerpool, and plain serial
 * JavaScript. Each function is passed to `page.evaluate`, so it must be self-contained.
 */

/**
 * Per-message microseconds of a raw echo, pipelined over `workers` workers: every
 * message posted at once, then all replies awaited (the floor for one task per message).
 * @param {{ n: number, workers: number }} o
 */
export async function rawPostMessage({ n, workers }) {
  const url = URL.createObjectURL(
    new Blob(['onmessage = (e) => postMessage(e.data);'], { type: 'text/javascript' }),
  );
  const ws = Array.from({ length: workers }, () => new Worker(url));
  /** @param {number} count */
  const round = (count) =>
    new Promise((resolve) => {
      let left = count;
      for (const w of ws) w.onmessage = () => --left === 0 && resolve(undefined);
      for (let i = 0; i < count; i++) {
        ws[i % workers]?.postMessage({ type: 'map', taskId: i, fnId: 1, seqs: [[i]], index: i });
      }
    });
  await round(500);
  const t0 = performance.now();
  await round(n);
  const ms = performance.now() - t0;
  for (const w of ws) w.terminate();
  URL.revokeObjectURL(url);
  return { ms, perTaskUs: (ms * 1000) / n };
}

/**
 * Per-round-trip microseconds of a SharedArrayBuffer + Atomics ping-pong with one worker
 * (the worker blocks in Atomics.wait, the page wakes on Atomics.waitAsync).
 * @param {{ n: number }} o
 */
export async function atomicsPingPong({ n }) {
  const src = `onmessage = (e) => {
    const f = new Int32Array(e.data);
    let seen = 0;
    for (;;) {
      Atomics.wait(f, 0, seen);
      seen = Atomics.load(f, 0);
      if (seen < 0) return;
      Atomics.store(f, 1, seen);
      Atomics.notify(f, 1);
    }
  };`;
  const url = URL.createObjectURL(new Blob([src], { type: 'text/javascript' }));
  const w = new Worker(url);
  const f = new Int32Array(new SharedArrayBuffer(8));
  w.postMessage(f.buffer);
  /** @param {number} from @param {number} to */
  const round = async (from, to) => {
    for (let i = from; i < to; i++) {
      Atomics.store(f, 0, i);
      Atomics.notify(f, 0);
      // @ts-expect-error Atomics.waitAsync is ES2024; Chromium has it
      const r = Atomics.waitAsync(f, 1, i - 1);
      if (r.async) await r.value;
    }
  };
  await round(1, 200);
  const t0 = performance.now();
  await round(200, 200 + n);
  const ms = performance.now() - t0;
  Atomics.store(f, 0, -1);
  Atomics.notify(f, 0);
  w.terminate();
  URL.revokeObjectURL(url);
  return { ms, perTaskUs: (ms * 1000) / n };
}

/**
 * workerpool (the most used worker pool on npm, loaded into the page as its browser
 * build): `n` one-item tasks, all submitted at once.
 * @param {{ n: number, workers: number }} o
 */
export async function workerpoolTasks({ n, workers }) {
  // @ts-expect-error the page has workerpool as a global (added by the runner)
  const pool = window.workerpool.pool({ maxWorkers: workers });
  /** @param {number} count */
  const round = (count) =>
    Promise.all(
      Array.from({ length: count }, (_, i) => pool.exec((/** @type {number} */ x) => x + 1, [i])),
    );
  await round(200);
  const t0 = performance.now();
  const ys = await round(n);
  const ms = performance.now() - t0;
  await pool.terminate();
  if (ys[n - 1] !== n) throw new Error('workerpool: wrong result');
  return { ms, perTaskUs: (ms * 1000) / n };
}

/**
 * A serial loop in the page against workerpool running the same kernel, one task per
 * job (pi: one task per seed; primes: `jobs` contiguous parts).
 * @param {{ kernel: string, call: string, jobs: unknown[][], workers: number }} o
 */
export async function workerpoolSpeedup({ kernel, call, jobs, workers }) {
  const fn = new Function(`${kernel}; return (${call});`)();
  // @ts-expect-error the page has workerpool as a global (added by the runner)
  const pool = window.workerpool.pool({ maxWorkers: workers });
  const job = `function (...args) { ${kernel}; return (${call})(...args); }`;
  const remote = new Function(`return ${job}`)();
  await Promise.all(Array.from({ length: workers }, () => pool.exec(remote, jobs[0] ?? [])));
  let t0 = performance.now();
  const serial = jobs.map((args) => fn(...args));
  const serialMs = performance.now() - t0;
  t0 = performance.now();
  const parallel = await Promise.all(jobs.map((args) => pool.exec(remote, args)));
  const parallelMs = performance.now() - t0;
  await pool.terminate();
  if (parallel.join() !== serial.join()) throw new Error('workerpool: results differ');
  return { serialMs, parallelMs, speedup: serialMs / parallelMs };
}

/**
 * The hardware's ceiling for a kernel: bare Web Workers and no library, each worker given
 * the kernel once, then one message per job (round-robin, all posted at once) and one
 * reply each. The serial loop runs in the page, as workerpool's does.
 * @param {{ kernel: string, call: string, jobs: unknown[][], workers: number }} o
 */
export async function bareWorkersSpeedup({ kernel, call, jobs, workers }) {
  const fn = new Function(`${kernel}; return (${call});`)();
  const src = `${kernel}; const f = (${call}); onmessage = (e) => postMessage([e.data[0], f(...e.data[1])]);`;
  const url = URL.createObjectURL(new Blob([src], { type: 'text/javascript' }));
  const ws = Array.from({ length: workers }, () => new Worker(url));
  /** @param {unknown[][]} list @returns {Promise<unknown[]>} */
  const runAll = (list) =>
    new Promise((resolve) => {
      const out = new Array(list.length);
      let left = list.length;
      for (const w of ws) {
        w.onmessage = (/** @type {MessageEvent<[number, unknown]>} */ e) => {
          out[e.data[0]] = e.data[1];
          if (--left === 0) resolve(out);
        };
      }
      list.forEach((args, i) => ws[i % workers]?.postMessage([i, args]));
    });
  // Started and warm as workerpool's are: each worker runs the kernel once first.
  await runAll(ws.map(() => jobs[0] ?? []));
  let t0 = performance.now();
  const serial = jobs.map((args) => fn(...args));
  const serialMs = performance.now() - t0;
  t0 = performance.now();
  const parallel = await runAll(jobs);
  const parallelMs = performance.now() - t0;
  for (const w of ws) w.terminate();
  URL.revokeObjectURL(url);
  if (parallel.join() !== serial.join()) throw new Error('bare workers: results differ');
  return { serialMs, parallelMs, speedup: serialMs / parallelMs };
}
