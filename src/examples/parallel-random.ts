import type { ExampleInfo } from './example';

/** Lesson 8: parallel random numbers, the same seed everywhere against independent streams. */
export const example: ExampleInfo = {
  id: 'parallel-random',
  title: 'Random numbers in parallel: same seed against streams',
  description:
    'Seed every worker alike and they all draw the same numbers; spawn streams and they do not.',
  notice:
    'With rng(42) on every worker, every worker draws exactly the same numbers: the table shows only one ' +
    "worker's worth of distinct values, and a simulation spread over the workers is the same simulation " +
    'repeated, with an error bar that is too small. spawn() derives independent streams from one seed (as ' +
    "numpy's SeedSequence.spawn does): every number differs. Keying a stream by the item's index " +
    '(stream(i)) also makes the result reproducible: the π estimate is identical on 1 worker and on all of them.',
  source: 'Berkeley SCF, 5: random number generation in parallel (SeedSequence, spawn)',
  checks: {
    console: [
      /same seed on every worker: 1000 distinct numbers out of \d+/,
      /worker 0 and worker \d+ drew the same numbers: true/,
      /spawned streams: (\d+) distinct numbers out of \1/,
      /the same answer on 1 and \d+ workers: true/,
    ],
    results: [/distinct numbers drawn/],
  },
};
