// A model mapped over a grid of parameters (Nemmen, "Parallel Computing with Python", part 1).
// The model: draw N normal samples with mean mu and standard deviation sigma, and sum them.
const N = 20_000; // samples per model evaluation
const n = 400; // parameter pairs in the grid

function model([mu, sigma]: [number, number]): number {
  const N = 20_000; // functions travel as source text: they cannot see the script's `N`
  let sum = 0;
  for (let i = 0; i < N; i++) {
    // Box-Muller: two uniform numbers give one normal one.
    const z = Math.sqrt(-2 * Math.log(1 - Math.random())) * Math.cos(2 * Math.PI * Math.random());
    sum += mu + sigma * z;
  }
  return sum;
}

// The grid: mu from -1 to 1, sigma from 0.1 to 1, one pair per point (like np.linspace).
const grid = Array.from({ length: n }, (_, i): [number, number] => [
  -1 + (2 * i) / (n - 1),
  0.1 + (0.9 * i) / (n - 1),
]);

// Serial: here in the script, one pair after another.
let t = performance.now();
const serial = grid.map(model);
const serialMs = performance.now() - t;
print(`serial: ${serialMs.toFixed(0)} ms`);

// Parallel: pool.map hands chunks of the grid to every worker (multiprocessing's Pool.map).
t = performance.now();
const sums = await pool.map(model, grid);
const parallelMs = performance.now() - t;
print(`parallel on ${pool.workers} workers: ${parallelMs.toFixed(0)} ms`);
print(`speedup against the serial loop: ${(serialMs / parallelMs).toFixed(2)}x`);

// Each sum should be N * mu, give or take a few sigma * sqrt(N).
const worst = Math.max(
  ...sums.map((s, i) => Math.abs(s - N * grid[i][0]) / (grid[i][1] * Math.sqrt(N))),
);
print(`every sum within 6 standard errors of N·mu: ${worst < 6}`);
print(`results in grid order: ${sums.length === serial.length}`);
plot.line(
  grid.map(([mu]) => mu),
  sums,
  { title: 'sum of samples against mu', name: 'sum' },
);
