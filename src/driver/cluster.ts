/**
 * The script's entry points: `cluster({ workers })`, after ipyparallel's Cluster/Client,
 * and `pool.map`, after `multiprocessing.Pool.map`.
 */
import type { AsyncResult } from '../core/async-result';
import { poolChunkSize } from '../core/auto-chunk';
import { resolveWorkerCount } from '../core/worker-count';
import { Balancer, LoadBalancedView } from './balanced-view';
import type { BalancedMapOptions } from './balanced-view';
import { DirectView } from './direct-view';
import type { EngineLink } from './engine-link';
import { atLine, usage } from './script-errors';
import type { Runtime } from './runtime';

/** Options of `cluster()`. */
export interface ClusterOptions {
  /** 'auto' (hardware threads), a count, or joblib's negative numbers (-1 all, -2 all but one). */
  workers?: number | 'auto';
}

/** A set of engines, with views onto them. */
export class Cluster {
  /** Engine ids, 0 .. n-1. */
  readonly ids: number[];

  constructor(
    private readonly rt: Runtime,
    private readonly balancer: Balancer,
    private readonly engines: EngineLink[],
  ) {
    this.ids = engines.map((e) => e.index);
  }

  /** Number of engines. */
  get size(): number {
    return this.engines.length;
  }

  /** A DirectView on all engines, one engine (`view(0)`: results are not wrapped in arrays), or a list. */
  view(target: number): DirectView<true>;
  view(targets?: number[]): DirectView<false>;
  view(targets?: number | number[]): DirectView {
    if (targets === undefined) return new DirectView(this.rt, this.engines, false);
    const engines = this.pick('view', typeof targets === 'number' ? [targets] : targets);
    return new DirectView(this.rt, engines, typeof targets === 'number');
  }

  /** A LoadBalancedView over all engines (or the listed ones): work goes to whichever is free. */
  balanced(targets?: number[]): LoadBalancedView {
    const engines = targets === undefined ? this.engines : this.pick('balanced', targets);
    return new LoadBalancedView(this.rt, this.balancer, engines);
  }

  /** The engines named by `targets` (negative ids count from the end), or a UsageError. */
  private pick(what: string, targets: unknown): EngineLink[] {
    const line = this.rt.callSiteLine();
    const ids = `This cluster's engine ids are 0 to ${this.engines.length - 1}.`;
    if (!Array.isArray(targets) || targets.length === 0) {
      throw usage(`${what}: targets must be an engine id or a non-empty list of ids`, ids, line);
    }
    const picked = targets.map((t: unknown) => {
      const i =
        typeof t === 'number' && Number.isInteger(t) ? (t < 0 ? this.engines.length + t : t) : NaN;
      const e = this.engines[i];
      if (!e) throw usage(`${what}: there is no engine ${String(t)}`, ids, line);
      return e;
    });
    if (new Set(picked).size !== picked.length) {
      throw usage(`${what}: targets list an engine twice (${targets.join(', ')})`, ids, line);
    }
    return picked;
  }
}

/** Creates the `cluster` and `pool` globals for one run. */
export function createEntryPoints(rt: Runtime): {
  cluster: (options?: ClusterOptions) => Promise<Cluster>;
  pool: {
    map<T, R>(
      fn: (item: T) => R,
      items: ArrayLike<T>,
      options?: BalancedMapOptions,
    ): AsyncResult<Awaited<R>[]>;
    readonly workers: number;
  };
} {
  const balancer = new Balancer(rt);
  const defaultCount = (): number => resolveWorkerCount(rt.defaultWorkers, rt.hardwareThreads);

  async function cluster(options: ClusterOptions = {}): Promise<Cluster> {
    const line = rt.callSiteLine();
    if (options === null || typeof options !== 'object') {
      throw usage(
        "cluster: expected options like { workers: 4 } or { workers: 'auto' }",
        undefined,
        line,
      );
    }
    let n: number;
    try {
      n =
        options.workers === undefined
          ? defaultCount()
          : resolveWorkerCount(options.workers, rt.hardwareThreads);
    } catch (e) {
      throw atLine(e, line);
    }
    const engines = await rt.ensureEngines(n);
    rt.useWorkers(engines.length);
    return new Cluster(rt, balancer, engines);
  }

  // The default engines are connected before the script starts, so pool.map is synchronous.
  const pool = {
    /** Maps `fn` over `items` on the default pool, in chunks of ceil(n / (4 * workers)) like Python's Pool.map. */
    map<T, R>(
      fn: (item: T) => R,
      items: ArrayLike<T>,
      options: BalancedMapOptions = {},
    ): AsyncResult<Awaited<R>[]> {
      const engines = rt.engines.slice(0, defaultCount());
      rt.useWorkers(engines.length);
      const n = items && typeof items.length === 'number' ? items.length : 0;
      const chunkSize = options.chunkSize ?? poolChunkSize(n, engines.length);
      return new LoadBalancedView(rt, balancer, engines).mapWith<R>('pool-map', fn, items, {
        ...options,
        chunkSize,
      });
    },
    /** Number of workers in the default pool. */
    get workers(): number {
      return defaultCount();
    },
  };
  return { cluster, pool };
}
