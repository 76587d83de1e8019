import type { ExampleInfo } from './example';

/** Lesson 12: a cross-validated grid search of a small model. */
export const example: ExampleInfo = {
  id: 'grid-search',
  title: 'Grid search with cross-validation',
  description:
    'Score 16 settings of a k-nearest-neighbours classifier by 5-fold cross-validation, one task each.',
  notice:
    'Every setting of the grid (k and the weighting) is scored independently, by five fits on four fifths of ' +
    'the data and tests on the fifth left out: 16 tasks of equal size for a load-balanced map. The data is ' +
    'pushed once, so each task carries only its two hyperparameters. The table ranks the settings: a very ' +
    'small k follows the noise and a very large one blurs the two moons together; the best lies between.',
  source:
    'IPython parallel lecture, homework 1: cross-validation; Berkeley SCF, parallel cross-validation',
  checks: {
    console: [
      /16 settings x 5 folds on \d+ workers: \d+ ms/,
      /best: k = \d+, (uniform|distance) weighting, cross-validated accuracy \d+\.\d%/,
    ],
    results: [/cross-validated accuracy, best first/],
  },
};
