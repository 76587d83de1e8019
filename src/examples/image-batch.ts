import type { ExampleInfo } from './example';

/** Lesson 10: batch image processing, one image per task. */
export const example: ExampleInfo = {
  id: 'image-batch',
  title: 'Batch image processing',
  description: 'Generate 48 images, blur and edge-detect each in a worker, and look at a result.',
  notice:
    "The images are independent, like the files of the seed's batch job: the same filter runs on each, " +
    'wherever a worker is free, and nothing is shared. Each image travels to a worker as a typed array and its ' +
    'edge map comes back. The table counts edge pixels per image; the two pictures show the first image ' +
    'before (noisy discs) and after the filter (bright rings where the discs end, the noise smoothed away).',
  source: 'Langford, example 2: processing multiple input files',
  checks: {
    console: [/48 images of 128 x 128 pixels/, /filtered 48 images in \d+ ms, speedup \d+\.\d+x/],
    results: [
      /edge pixels per image/,
      /image 0: the input/,
      /image 0: edge strength after the filter/,
    ],
  },
};
