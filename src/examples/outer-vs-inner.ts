import type { ExampleInfo } from './example';

/** Lesson 9: outer-loop against inner-loop parallelism, and oversubscription. */
export const example: ExampleInfo = {
  id: 'outer-vs-inner',
  title: 'Outer loop, inner loop, and oversubscription',
  description:
    'The same nested loop parallelised on the inner loop, on the outer loop, and on too many workers.',
  notice:
    'Parallelising the inner loop makes one parallel call per row, and each call waits for its slowest cell: ' +
    'on the timeline, every row ends with idle lanes. Parallelising the outer loop makes one call whose tasks ' +
    'are whole rows, so the lanes stay busy and it finishes sooner. Then four times as many workers as ' +
    'hardware threads: they take turns on the same cores, so each row takes several times longer to compute ' +
    '(the last console line) and the run is no faster. Use as many workers as threads, not more.',
  source: '"Parallelising Python code": moving the parallelism to the outer loop; oversubscription',
  checks: {
    console: [
      /inner loop in parallel: \d+ ms \(16 calls of 3 small tasks\)/,
      /outer loop in parallel: \d+ ms \(1 call of 16 tasks\)/,
      /outer loop on \d+ workers for \d+ hardware threads: \d+ ms/,
      /compute time per row: \d+ ms on \d+ workers, \d+ ms on \d+ workers/,
    ],
    results: [/the same nested loop, three ways/],
  },
};
