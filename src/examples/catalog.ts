/**
 * The gallery's examples in the order of the lessons, without their scripts: the page
 * joins them with their code (`gallery.ts`), the end-to-end test reads their checks.
 */
import type { ExampleInfo } from './example';
import { example as parameterGrid } from './parameter-grid';
import { example as primality } from './primality';
import { example as bootstrap } from './bootstrap';
import { example as monteCarloPi } from './monte-carlo-pi';
import { example as matrixMultiply } from './matrix-multiply';
import { example as loadBalancing } from './load-balancing';
import { example as tinyTasks } from './tiny-tasks';
import { example as parallelRandom } from './parallel-random';
import { example as outerVsInner } from './outer-vs-inner';
import { example as imageBatch } from './image-batch';
import { example as lombScargle } from './lomb-scargle';
import { example as gridSearch } from './grid-search';
import { example as whatWorkersSee } from './what-workers-see';

/** Every example, in lesson order. */
export const CATALOG: readonly ExampleInfo[] = [
  parameterGrid,
  primality,
  bootstrap,
  monteCarloPi,
  matrixMultiply,
  loadBalancing,
  tinyTasks,
  parallelRandom,
  outerVsInner,
  imageBatch,
  lombScargle,
  gridSearch,
  whatWorkersSee,
];
