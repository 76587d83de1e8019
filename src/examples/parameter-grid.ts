import type { ExampleInfo } from './example';

/** Lesson 1: a model mapped over a parameter grid, serial against parallel. */
export const example: ExampleInfo = {
  id: 'parameter-grid',
  title: 'A model over a parameter grid',
  description:
    'Map a function of (mu, sigma) over 400 grid points with pool.map, serial against parallel.',
  notice:
    'Every grid point is independent, so pool.map can hand chunks of the grid to every worker: this is an ' +
    '"embarrassingly parallel" problem. Compare the serial and parallel lines in the console: each point does ' +
    'tens of milliseconds of work, enough to pay for the trip to a worker, so the parallel map is faster when ' +
    'the workers have cores to themselves. The results come back in grid order, and each sum sits near N·mu, as ' +
    'the plot shows. The timeline shows the chunks of pool.map filling every lane.',
  source: 'Nemmen, "Parallel Computing with Python", 1: mapping a model to a grid of parameters',
  checks: {
    console: [
      /serial: \d+ ms/,
      /parallel on \d+ workers: \d+ ms/,
      /every sum within 6 standard errors of N·mu: true/,
      /results in grid order: true/,
    ],
    results: [/sum of samples against mu/],
  },
};
