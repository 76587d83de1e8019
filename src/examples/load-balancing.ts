import type { ExampleInfo } from './example';

/** Lesson 6: tasks of random length, a direct split against load balancing. */
export const example: ExampleInfo = {
  id: 'load-balancing',
  title: 'Random-length tasks: direct against load-balanced',
  description:
    '48 tasks of uneven length, split up front by a direct view, then handed out by a load-balanced one.',
  notice:
    'Look at the timeline. The direct view cuts the list into one contiguous part per worker before anything ' +
    'runs: the last worker got the long tasks, so its lane runs on while the others sit idle (the table shows ' +
    'how unequal the work was). The load-balanced view gives each task to whichever worker is free, so the ' +
    'lanes end together: its wall time is shorter and its efficiency higher, for exactly the same work.',
  source: 'IPython parallel lecture, "Working with load-balanced views"; Berkeley SCF, 3.1.4',
  checks: {
    console: [
      /48 tasks, \d+ ms of work in all/,
      /direct \(static split\): wall \d+ ms, efficiency \d+%/,
      /load-balanced: wall \d+ ms, efficiency \d+%/,
    ],
    results: [/direct split: work per worker/],
  },
};
