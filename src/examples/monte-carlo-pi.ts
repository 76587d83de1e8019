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
  variants: [
    {
      id: 'monte-carlo-pi-gpu',
      label: 'GPU version',
      notice:
        'The workers and the GPU throw the same 2,000,000 darts: one Philox stream gives them all, each trial ' +
        'on a worker skips to its slice of it, and g.random makes the same numbers on the GPU. So the counts ' +
        "agree, up to a dart on the circle's edge (the GPU adds x² + y² in 32-bit floats). The GPU needs no " +
        'trials: g.random fills x and y, x.map marks the darts inside, sum() adds them up on the GPU, and one ' +
        'number comes back. The GPU lane splits each call into upload, compute, readback. With SwiftShader, a software ' +
        "adapter, the GPU is this machine's CPU, so these are not GPU speeds. Without WebGPU the workers still " +
        'run, then the advice says how to get a GPU.',
      checks: {
        console: [
          /workers: \d+ ms for 20 trials/,
          /GPU: random numbers \d+ ms, inside or not \d+ ms, sum and read back \d+ ms/,
          /inside the circle: workers [\d,]+, GPU [\d,]+: (the same count|[1-9] darts? apart)/,
          /π ≈ 3\.1[34]\d* from 2,000,000 darts/,
        ],
      },
    },
  ],
};
