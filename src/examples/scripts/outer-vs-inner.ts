// Outer-loop against inner-loop parallelism, and oversubscription ("Parallelising Python
// code": put the parallelism on the outer loop; never run more at once than there are
// hardware threads).
const threads = navigator.hardwareConcurrency;
const rows = 16;
const cols = 3;

/** One cell of the nested loop: milliseconds of arithmetic, more for larger j. */
function cell(i: number, j: number): number {
  let s = 0;
  for (let k = 0; k < 60_000 * (j + 1); k++) s += Math.sin(i * k + j) * Math.cos(k);
  return s;
}
/** A whole row of the nested loop: the outer loop's unit of work. */
function row(i: number): number[] {
  const out: number[] = [];
  for (let j = 0; j < 3; j++) out.push(cell(i, j));
  return out;
}

const c = await cluster({ workers: threads });
await c.view().push({ cell });
const lv = c.balanced();
const is = Array.from({ length: rows }, (_, i) => i);

// Inner loop in parallel: one parallel call per row, each waiting for its slowest cell
// before the next row starts. The data a cell needs travels with it.
let t = performance.now();
for (const i of is) {
  const pairs = Array.from({ length: cols }, (_, j) => [i, j]);
  await lv.map(([i, j]: number[]) => cell(i, j), pairs, { chunkSize: 1 });
}
const inner = performance.now() - t;
print(`inner loop in parallel: ${inner.toFixed(0)} ms (${rows} calls of ${cols} small tasks)`);

// Outer loop in parallel: one call, each task a whole row.
t = performance.now();
const outerCall = lv.map(row, is, { chunkSize: 1 });
await outerCall;
const outer = performance.now() - t;
print(`outer loop in parallel: ${outer.toFixed(0)} ms (1 call of ${rows} tasks)`);

// Oversubscription: four times as many workers as hardware threads. They take turns on
// the same cores, so the work takes no less time (and switching between them costs some).
const many = await cluster({ workers: 4 * threads });
await many.view().push({ cell });
t = performance.now();
const overCall = many.balanced().map(row, is, { chunkSize: 1 });
await overCall;
const over = performance.now() - t;
print(`outer loop on ${many.size} workers for ${threads} hardware threads: ${over.toFixed(0)} ms`);

// What oversubscription does to each task: workers that share a thread take turns, so
// every row takes longer to compute than it does with one worker per thread.
const perRow = (ar: typeof outerCall) => ar.timing.serial / ar.metadata.length;
print(
  `compute time per row: ${perRow(outerCall).toFixed(0)} ms on ${threads} workers, ` +
    `${perRow(overCall).toFixed(0)} ms on ${many.size} workers (${(perRow(overCall) / perRow(outerCall)).toFixed(1)}x longer)`,
);
table(
  [
    { plan: 'inner loop in parallel', workers: threads, ms: Math.round(inner) },
    { plan: 'outer loop in parallel', workers: threads, ms: Math.round(outer) },
    { plan: 'outer loop, oversubscribed', workers: many.size, ms: Math.round(over) },
  ],
  { title: 'the same nested loop, three ways' },
);
