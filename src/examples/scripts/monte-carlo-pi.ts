// Monte Carlo pi with a load-balanced map (IPython parallel lecture, exercise; Langford, example 1).
// Throw darts at a 2x2 board: the share that land inside the unit circle is pi / 4.
const lv = (await cluster()).balanced();

function estimatePi(darts: number): number {
  let inside = 0;
  for (let i = 0; i < darts; i++) {
    const x = Math.random() * 2 - 1;
    const y = Math.random() * 2 - 1;
    if (x * x + y * y <= 1) inside++;
  }
  return (4 * inside) / darts;
}

const trials = 40; // independent estimates
const dartsPerTrial = 400_000;

// Serial: one trial after another, here in the script.
let t = performance.now();
for (let i = 0; i < trials; i++) estimatePi(dartsPerTrial);
print(`serial: ${(performance.now() - t).toFixed(0)} ms`);

// Parallel: the load-balanced view hands each trial to whichever worker is free.
t = performance.now();
const ar = lv.map(estimatePi, new Array(trials).fill(dartsPerTrial), { chunkSize: 1 });
const estimates = await ar;
print(
  `parallel: ${(performance.now() - t).toFixed(0)} ms, speedup ${ar.timing.speedup.toFixed(2)}x`,
);

const pi = estimates.reduce((a, b) => a + b, 0) / trials;
const darts = trials * dartsPerTrial;
print(
  `π ≈ ${pi.toFixed(5)} from ${darts.toLocaleString('en-US')} darts (error ${Math.abs(pi - Math.PI).toExponential(1)})`,
);
plot.hist(estimates, { bins: 15, title: 'the 40 estimates of π' });
