import type { ExampleInfo } from './example';

/** Lesson 7: tiny tasks make parallel slower than serial, until they are chunked. */
export const example: ExampleInfo = {
  id: 'tiny-tasks',
  title: 'Tiny tasks: slower in parallel, fixed by chunking',
  description:
    'Map a microsecond function over 10,000 items: serial, one item per task, then chunkSize "auto".',
  notice:
    'The function takes about a microsecond; sending an item to a worker and its result back takes far longer. ' +
    'With one item per task, the parallel map is hundreds of times slower than the plain loop, and the ' +
    'timeline is a haze of tiny tasks that are mostly waiting. chunkSize "auto" (joblib\'s automatic batching) ' +
    'grows the chunks until each one computes for a while: a few dozen tasks, and the overhead nearly gone. ' +
    'Parallelism pays only when each task carries enough work.',
  source: 'Nemmen, 1 (numpy faster than the pool); Langford, Monte Carlo overhead; joblib batching',
  checks: {
    console: [
      /serial loop: \d+(\.\d+)? ms/,
      /parallel, 1 item per task: \d+ ms in 10000 tasks/,
      /parallel, chunkSize 'auto': \d+ ms in \d+ tasks/,
      /same answer: true/,
    ],
  },
};
