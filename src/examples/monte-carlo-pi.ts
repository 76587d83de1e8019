import type { ExampleInfo } from './example';

/** Lesson 4: Monte Carlo pi with a load-balanced map. */
export const example: ExampleInfo = {
  id: 'monte-carlo-pi',
  title: 'Monte Carlo π, load-balanced',
  description: 'Throw 16 million darts in 40 independent trials spread by a load-balanced view.',
  notice:
    'Each trial is independent, so the load-balanced view hands them out one at a time to whichever worker is ' +
    'free: the lanes of the timeline fill with 40 tasks of equal length. The speedup in the console is the sum ' +
    "of the workers' compute time over the wall time. More darts make a better estimate: the error shrinks " +
    'like 1/√darts, so the 40 estimates in the histogram scatter about π by about 0.003 each, and their mean ' +
    'by much less.',
  source: 'IPython parallel lecture, exercise: Monte Carlo π; Langford, example 1',
  checks: {
    console: [
      /serial: \d+ ms/,
      /parallel: \d+ ms, speedup \d+\.\d+x/,
      /π ≈ 3\.1[34]\d* from 16,000,000 darts/,
    ],
    results: [/the 40 estimates of π/],
  },
};
