/**
 * The prototypes of the driver's own classes. User code reaches their objects (a view, an
 * AsyncResult, a random stream, and what those hold), so a run could change a prototype
 * and the next run on the same warm driver would see it: the hygiene check watches them.
 */
import { AsyncResult } from '../core/async-result';
import { AutoChunker } from '../core/auto-chunk';
import * as errors from '../core/errors';
import { Rng } from '../core/rng';
import { BufferPool } from '../gpu/buffer-pool';
import { Gpu } from '../gpu/gpu-api';
import { GpuArray } from '../gpu/gpu-array';
import { GpuSession } from '../gpu/gpu-session';
import { PassTimer } from '../gpu/pass-timer';
import { TranspileContext } from '../gpu/transpile-context';
import { Balancer, LoadBalancedView } from './balanced-view';
import { ClaimSlots } from './claims';
import { Cluster } from './cluster';
import { DirectView } from './direct-view';
import { EngineLink } from './engine-link';
import { EngineWatch } from './engine-watch';
import { EventBuffer } from './events';
import { Runtime } from './runtime';
import { PrefetchPolicy } from './scheduler';
import { ScriptActivity } from './script-activity';
import { ScriptSource } from './source-map';

/** The classes' prototypes by `Name.prototype`. */
export function ownPrototypes(): Record<string, object> {
  const classes: Record<string, unknown> = {
    AsyncResult,
    AutoChunker,
    Rng,
    BufferPool,
    Gpu,
    GpuArray,
    GpuSession,
    PassTimer,
    TranspileContext,
    Balancer,
    LoadBalancedView,
    ClaimSlots,
    Cluster,
    DirectView,
    EngineLink,
    EngineWatch,
    EventBuffer,
    Runtime,
    PrefetchPolicy,
    ScriptActivity,
    ScriptSource,
    ...errors,
  };
  const found: Record<string, object> = {};
  for (const [name, value] of Object.entries(classes)) {
    const proto: unknown = typeof value === 'function' ? value.prototype : undefined;
    if (typeof proto === 'object' && proto !== null) found[`${name}.prototype`] = proto;
  }
  return found;
}
