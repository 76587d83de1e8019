// Tiny tasks: parallel slower than serial, then fixed by chunking
// (Nemmen, part 1; Langford, "overhead"; joblib's automatic batching).
const lv = (await cluster()).balanced();

const xs = Array.from({ length: 10_000 }, (_, i) => i);
const f = (x: number) => Math.sqrt(x) * Math.sin(x); // microseconds of work per item

// Serial: a plain loop here in the script.
const t = performance.now();
const serial = xs.map(f);
print(`serial loop: ${(performance.now() - t).toFixed(1)} ms`);

// One item per task: every item pays a round trip to a worker, far more than the work.
const one = lv.map(f, xs, { chunkSize: 1 });
await one;
print(
  `parallel, 1 item per task: ${one.timing.wall.toFixed(0)} ms in ${one.metadata.length} tasks`,
);

// Chunks: 'auto' grows the chunk until each task computes for a while (joblib's batching).
const auto = lv.map(f, xs, { chunkSize: 'auto' });
const ys = await auto;
print(
  `parallel, chunkSize 'auto': ${auto.timing.wall.toFixed(0)} ms in ${auto.metadata.length} tasks`,
);

print(`chunking made the map ${(one.timing.wall / auto.timing.wall).toFixed(0)}x faster`);
print(`same answer: ${ys.every((y, i) => y === serial[i])}`);
