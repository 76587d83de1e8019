import type { ExampleInfo } from './example';

/** Lesson 2, the starter: primality of 10,000 integers by scatter, execute and gather. */
export const example: ExampleInfo = {
  id: 'primality',
  title: 'Primes by scatter and gather (the starter)',
  description:
    'Split 10,000 random integers across the workers, test each for primality, gather in order.',
  notice:
    'scatter gives each worker one contiguous part of the array, push sends the isPrime function (the workers ' +
    'cannot see the script\'s variables: without it, they would fail with "isPrime is not defined", the seed\'s ' +
    'NameError), execute runs the loop on every worker at once, and gather joins the parts back in order, so the ' +
    'answer is the same as the serial one. On the timeline, the execute call is one long task per lane; scatter, ' +
    'push and gather are the short ones around it.',
  source: 'Nemmen, "Parallel Computing with Python", 2: parallel execution of an array function',
  checks: {
    console: [
      /serial: \d+ ms/,
      /parallel on \d+ workers: \d+ ms/,
      /same answer: true/,
      /primes found: \d+/,
    ],
  },
};
