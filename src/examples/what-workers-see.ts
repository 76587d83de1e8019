import type { ExampleInfo } from './example';

/** The seeds' NameError: what a function sent to the workers can and cannot see. */
export const example: ExampleInfo = {
  id: 'what-workers-see',
  title: 'What the workers can see',
  description:
    'Why a function that uses a script variable is refused, and three ways to give the workers what it needs.',
  notice:
    'Each worker is like a separate machine: a function travels to it as source text and takes none of the ' +
    "script's variables along. The seed's engines failed with NameError once the code ran; here the call is " +
    'refused before anything is sent, naming the missing variable and what to do. push defines values and ' +
    'helper functions on every worker, apply sends arguments with the call, and execute runs code that ' +
    'defines globals there (declare tells the editor about them). The last line shows what worker 0 now has.',
  source: 'Nemmen, 2: the NameError on the engines; IPython lecture, "DirectView: remote imports"',
  checks: {
    console: [
      /refused: map\(lambda\): `scale` is not defined on the workers/,
      /what to do: .*push\(\{ scale \}\)/,
      /after push\(\{ scale \}\): \[10, 20, 30, 40, 50, 60\]/,
      /refused: map\(lambda\): `double` is not defined on the workers/,
      /after push\(\{ double \}\): \[3, 5, 7, 9, 11, 13\]/,
      /apply with an argument: \["worker 0 got 10"/,
      /after execute: \[101, 102, 103, 104, 105, 106\]/,
      /what worker 0 has: \["number", "function", "number"\]/,
    ],
  },
};
