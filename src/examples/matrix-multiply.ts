import type { ExampleInfo } from './example';

/** Lesson 5: a distributed matrix multiply, ipyparallel's parallel_dot. */
export const example: ExampleInfo = {
  id: 'matrix-multiply',
  title: 'Distributed matrix multiply',
  description:
    'parallel_dot: scatter the rows of A, push B, multiply the blocks, gather the rows of C.',
  notice:
    'Scattering a matrix splits it into blocks of rows, one per worker; every worker needs all of B, so push ' +
    'sends it to each. The blocks of C are independent, and gather stacks them in order: the product is the ' +
    'same as the serial one. Look at the timeline: the push of B (a few hundred kilobytes per worker) and the ' +
    'execute are separate tasks, and at this size sending data costs a real share of the time. Parallel pays ' +
    'when the arithmetic grows faster than the data, as it does for larger matrices.',
  source: 'IPython parallel lecture, "Example: distributed matrix multiplication"',
  checks: {
    console: [
      /serial: \d+ ms/,
      /parallel on \d+ workers: \d+ ms/,
      /360 x 360 result, same as the serial product: true/,
    ],
  },
};
