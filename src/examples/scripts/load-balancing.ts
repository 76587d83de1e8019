// Tasks of random length: a direct (static) split against load balancing
// (IPython parallel lecture, LoadBalancedView; Berkeley SCF, "load-balanced view").
// Watch the timeline: one call leaves a worker idle, the other keeps every lane busy.
const c = await cluster();

/** Keeps a worker busy for `ms` milliseconds, like the tutorial's sleep_and_return. */
function work(ms: number): number {
  const end = performance.now() + ms;
  while (performance.now() < end);
  return ms;
}

// 48 tasks of random length; later tasks tend to be longer (as when the cost grows
// along a parameter grid), so splitting the list into equal halves is unfair.
const durations = Array.from({ length: 48 }, (_, i) => 2 + Math.random() * 60 * (i / 48));
const total = durations.reduce((a, b) => a + b, 0);
print(`${durations.length} tasks, ${total.toFixed(0)} ms of work in all`);

// Direct view: the list is cut into one contiguous part per worker, decided up front.
const direct = c.view().map(work, durations);
await direct;
print(
  `direct (static split): wall ${direct.timing.wall.toFixed(0)} ms, efficiency ${(100 * direct.timing.efficiency).toFixed(0)}%`,
);

// Load-balanced view: each task goes to whichever worker is free.
const balanced = c.balanced().map(work, durations, { chunkSize: 1 });
await balanced;
print(
  `load-balanced: wall ${balanced.timing.wall.toFixed(0)} ms, efficiency ${(100 * balanced.timing.efficiency).toFixed(0)}%`,
);

// How long each worker computed in the direct split: the last one got the long tasks.
const busy = new Map<number, number>();
for (const m of direct.metadata)
  busy.set(m.worker, (busy.get(m.worker) ?? 0) + m.completed - m.started);
table(
  [...busy]
    .sort(([a], [b]) => a - b)
    .map(([worker, ms]) => ({ worker, 'busy in the direct split (ms)': Math.round(ms) })),
  { title: 'direct split: work per worker' },
);
