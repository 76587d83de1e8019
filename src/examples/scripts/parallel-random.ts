// Random numbers in parallel: the same seed on every worker (wrong) and independent
// streams (right). (Berkeley SCF, 5: parallel random number generation, numpy's
// SeedSequence.spawn; Langford's pi_mc seeded each task by hand.)
const c = await cluster();
const v = c.view();
const perWorker = 1000; // numbers each worker draws

/** How many different numbers there are among all the workers' draws. */
const distinct = (parts: number[][]) => new Set(parts.flat()).size;

// Wrong: every worker makes its generator from the same seed, so every worker draws the
// very same "random" numbers: a simulation on 4 workers is one simulation done 4 times.
const same: number[][] = await v.apply((k: number) => Array.from(rng(42).random(k)), perWorker);
print(`same seed on every worker: ${distinct(same)} distinct numbers out of ${c.size * perWorker}`);
print(
  `worker 0 and worker ${c.size - 1} drew the same numbers: ${same[0].join() === same[c.size - 1].join()}`,
);

// Right: spawn one independent stream per worker from one seed (numpy's SeedSequence.spawn).
// A generator sent to a worker arrives as plain data; rng(state) continues it there.
const streams = rng(42).spawn(c.size);
const spawned: number[][] = await v.map((s: RngState) => Array.from(rng(s).random(1000)), streams);
print(`spawned streams: ${distinct(spawned)} distinct numbers out of ${c.size * perWorker}`);

// Also right, and reproducible: one stream per item, keyed by the item's index. Item i gets
// the same numbers whichever worker computes it, so the answer does not depend on how many
// workers there are.
const darts = (i: number) => {
  const r = rng(7).stream(i);
  let inside = 0;
  for (let k = 0; k < 20_000; k++) if (r.random() ** 2 + r.random() ** 2 < 1) inside++;
  return inside;
};
const items = Array.from({ length: 64 }, (_, i) => i);
const one = await (await cluster({ workers: 1 })).balanced().map(darts, items);
const all = await c.balanced().map(darts, items);
const pi = (hits: number[]) => (4 * hits.reduce((a, b) => a + b, 0)) / (items.length * 20_000);
print(
  `streams keyed by item: π ≈ ${pi(one).toFixed(5)} on 1 worker, ${pi(all).toFixed(5)} on ${c.size}`,
);
print(`the same answer on 1 and ${c.size} workers: ${one.join() === all.join()}`);

table(
  [
    { plan: 'rng(42) on every worker', draws: c.size * perWorker, distinct: distinct(same) },
    { plan: 'rng(42).spawn(workers)', draws: c.size * perWorker, distinct: distinct(spawned) },
  ],
  { title: 'distinct numbers drawn' },
);
