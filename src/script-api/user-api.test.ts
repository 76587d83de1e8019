/**
 * The editor's declarations (user-api.d.ts) against the real API, both ways. The type
 * assertions below are checked by `tsc -b` (tsconfig.api.json, which sees the declarations
 * as the editor does); the test checks the names the file declares at run time.
 */
import { describe, expect, it } from 'vitest';
import type { AsyncResult as RealAsyncResult } from '../core/async-result';
import type { BalancedMapOptions as RealBalancedMapOptions } from '../driver/balanced-view';
import type { LoadBalancedView as RealLoadBalancedView } from '../driver/balanced-view';
import type { Cluster as RealCluster, ClusterOptions } from '../driver/cluster';
import type { DirectView as RealDirectView } from '../driver/direct-view';
import type { DriverGlobals } from '../driver/script';
import type { EngineGlobals } from '../engine/engine-globals';
import type { CallTiming as RealCallTiming, TaskRecord } from '../protocol/messages';
import type { ConsoleGlobals } from '../worker-shared/console-capture';
import type {
  HistOptions as RealHistOptions,
  SeriesOptions as RealSeriesOptions,
  TableOptions,
} from '../worker-shared/plot-api';
import declarations from './user-api.d.ts?raw';

/** Compiles only when `T` is `true`; the type argument names what failed. */
type Assert<T extends true> = T;
/** True when `A` and `B` are the same type. */
type Equal<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
/** True when a real value can be used wherever the editor promises a `Shown`. */
type Satisfies<Real, Shown> = [Real] extends [Shown] ? true : false;
/** Public members of the real type that the editor does not show. */
type Hidden<Real, Shown> = Exclude<keyof Real, keyof Shown>;

/**
 * Every global the editor declares. Adding one means declaring it in user-api.d.ts,
 * installing it (DriverGlobals or EngineGlobals) and naming it here.
 */
const DECLARED_GLOBALS = [
  'cluster',
  'pool',
  'print',
  'sleep',
  'sharedArray',
  'workerId',
  'taskIndex',
  'plot',
  'table',
  'rng',
  'gpu',
] as const;

/** What the script and the engines really see, merged (plot and table are in both). */
type Installed = DriverGlobals & EngineGlobals & ConsoleGlobals;
/** The editor's view of the same names (`declare const` is no member of `globalThis`). */
interface Shown {
  cluster: typeof cluster;
  pool: typeof pool;
  print: typeof print;
  sleep: typeof sleep;
  sharedArray: typeof sharedArray;
  workerId: typeof workerId;
  taskIndex: typeof taskIndex;
  plot: typeof plot;
  table: typeof table;
  rng: typeof rng;
  gpu: typeof gpu;
}

/** Classes and values: the real ones satisfy what the editor shows... */
export type RealSatisfiesEditor = [
  Assert<Satisfies<Installed, Shown>>,
  Assert<Satisfies<RealCluster, Cluster>>,
  Assert<Satisfies<RealDirectView<false>, DirectView>>,
  Assert<Satisfies<RealDirectView<true>, DirectView<true>>>,
  Assert<Satisfies<RealLoadBalancedView, LoadBalancedView>>,
  Assert<Satisfies<RealAsyncResult<number[]>, AsyncResult<number[]>>>,
  Assert<Satisfies<TaskRecord, TaskMetadata>>,
];

/** ...and the editor shows everything they offer, but for the listed driver-side members. */
export type EditorShowsEverything = [
  Assert<Equal<(typeof DECLARED_GLOBALS)[number], keyof Installed>>,
  Assert<Equal<(typeof DECLARED_GLOBALS)[number], keyof Shown>>,
  Assert<Equal<Hidden<RealCluster, Cluster>, never>>,
  Assert<Equal<Hidden<RealDirectView<false>, DirectView>, never>>,
  Assert<Equal<Hidden<RealLoadBalancedView, LoadBalancedView>, 'mapWith'>>,
  Assert<
    Equal<
      Hidden<RealAsyncResult<number[]>, AsyncResult<number[]>>,
      'label' | 'wasObserved' | 'timedOut' | 'accept' | 'note' | 'finish' | 'fail' | 'error'
    >
  >,
  Assert<Equal<keyof TaskRecord, keyof TaskMetadata>>,
];

/** Plain data and options: the same type on both sides. */
export type SameData = [
  Assert<Equal<RealCallTiming, CallTiming>>,
  Assert<Equal<RealBalancedMapOptions, BalancedMapOptions>>,
  Assert<Equal<RealHistOptions, HistOptions>>,
  Assert<Equal<RealSeriesOptions, SeriesOptions>>,
  Assert<Equal<TableOptions, NonNullable<Parameters<typeof table>[1]>>>,
  Assert<Equal<ClusterOptions, NonNullable<Parameters<typeof cluster>[0]>>>,
];

describe('the editor declarations', () => {
  it('declare exactly the globals the driver and the engines install', () => {
    const declared = [...declarations.matchAll(/^declare (?:function|const|let|var) (\w+)/gm)];
    expect(declared.map((m) => m[1]).sort()).toEqual([...DECLARED_GLOBALS].sort());
  });
});
