import type { ExampleInfo } from './example';

/** Lesson 3: a parallel bootstrap with push, a loop on every worker, and gather. */
export const example: ExampleInfo = {
  id: 'bootstrap',
  title: 'Bootstrap of a correlation coefficient',
  description:
    'Push the data to every worker, run 40,000 bootstrap resamples between them, gather the results.',
  notice:
    'The data and both functions travel once, with push; each worker then runs its own share of the resamples ' +
    'with execute, and gather joins the typed arrays into one. Nothing moves while the loops run, which is why ' +
    'this pattern scales: the only messages are the push before and the gather after (short tasks on the ' +
    'timeline). The histogram is the bootstrap distribution of r; the console gives its 95% interval.',
  source: 'Nemmen, "Parallel Computing with Python", 3: easy parallel Monte Carlo',
  checks: {
    console: [
      /serial: \d+ ms/,
      /parallel on \d+ workers: \d+ ms/,
      /bootstrap: 40,000 resamples/,
      /95% interval -?0\.\d+ to -?0\.\d+/,
    ],
    results: [/bootstrap distribution of r/],
  },
};
