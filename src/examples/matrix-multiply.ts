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
  variants: [
    {
      id: 'matrix-multiply-gpu',
      label: 'GPU version',
      notice:
        'The same product two ways: parallel_dot sends blocks of rows of A and all of B to the workers; the GPU ' +
        'gets A and B whole (upload), multiplies them in 16 × 16 tiles kept in workgroup memory (compute) and ' +
        'sends C back (readback). The console times each step and the GPU lane draws them: the multiply is the ' +
        'time. The results agree to about a millionth, not exactly: the GPU computes in 32-bit floats, the ' +
        "workers in 64-bit. With SwiftShader, a software adapter, the GPU's work runs on this machine's CPU " +
        'cores, so it is no faster than the workers, often slower: these are not GPU speeds. Without WebGPU the ' +
        'workers still run, then the advice says how to get a GPU.',
      checks: {
        console: [
          /workers \(\d+\): \d+ ms, sending A and B included/,
          /GPU: upload \d+ ms, matmul \d+ ms, read back \d+ ms/,
          /192 x 192 result, GPU against workers: largest relative difference [\d.]+e-\d+, within 32-bit rounding/,
        ],
      },
    },
  ],
};
