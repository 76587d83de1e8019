import type { ExampleInfo } from './example';

/** Lesson 11: Lomb-Scargle periodograms over a few hundred light curves. */
export const example: ExampleInfo = {
  id: 'lomb-scargle',
  title: 'Periods of 200 variable stars',
  description:
    'A Lomb-Scargle periodogram of each synthetic light curve, spread by a load-balanced map.',
  notice:
    'Each star is one task: a periodogram over 800 trial frequencies of an unevenly sampled light curve. ' +
    'for await prints progress as results arrive, before the whole map is done. chunkSize "auto" groups the ' +
    'stars into chunks of a useful size. Because the curves are synthetic, the true periods are known: nearly ' +
    "every star's period is recovered to 1%, and the scatter plot lies on the diagonal.",
  source: 'IPython parallel lecture, homework 2: computing periods of stars',
  checks: {
    console: [
      /\d+ of 200 stars done/,
      /periodograms of 200 stars on \d+ workers: \d+ ms/,
      /recovered within 1%: \d+ of 200/,
    ],
    results: [/found period against true period/],
  },
};
