/**
 * Checks of the GPU events (see validate.ts for why every message is checked). Imports only
 * protocol/.
 */
import type {
  GpuAdapterInfo,
  GpuCallEvent,
  GpuCallKind,
  GpuDeviceEvent,
  GpuMemoryEvent,
  GpuShaderEvent,
} from './messages';

type Obj = Record<string, unknown>;

const TEXT = 100_000;
const LABEL = 2_000;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown, max = LABEL): v is string => typeof v === 'string' && v.length <= max;
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isCount = (v: unknown): v is number =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

const KINDS: ReadonlySet<unknown> = new Set<GpuCallKind>([
  'map',
  'kernel',
  'elementwise',
  'reduce',
  'matmul',
  'histogram',
  'random',
  'upload',
  'download',
]);
const ORIGINS: ReadonlySet<unknown> = new Set(['generated', 'kernel', 'builtin']);

/** The adapter's description, or undefined. */
function validateAdapter(v: unknown): GpuAdapterInfo | undefined {
  if (!isObj(v)) return undefined;
  const texts = ['vendor', 'architecture', 'device', 'description'] as const;
  if (!texts.every((k) => isText(v[k]))) return undefined;
  if (typeof v.fallback !== 'boolean' || typeof v.timestamps !== 'boolean') return undefined;
  if (!Array.isArray(v.features) || v.features.length > 200) return undefined;
  if (!(v.features as unknown[]).every((f) => isText(f))) return undefined;
  if (!isObj(v.limits)) return undefined;
  const entries = Object.entries(v.limits);
  if (entries.length > 200 || !entries.every(([k, n]) => isText(k) && isNum(n))) return undefined;
  return {
    vendor: v.vendor as string,
    architecture: v.architecture as string,
    device: v.device as string,
    description: v.description as string,
    fallback: v.fallback,
    timestamps: v.timestamps,
    features: [...(v.features as string[])],
    limits: Object.fromEntries(entries) as Record<string, number>,
  };
}

/** A GPU call's record, or undefined. */
function validateCall(v: unknown): GpuCallEvent | undefined {
  if (!isObj(v)) return undefined;
  const r = v.record;
  if (!isObj(r) || !isCount(r.callId) || !KINDS.has(r.kind) || !isText(r.label)) return;
  const stamps = ['start', 'uploadEnd', 'computeEnd', 'end'] as const;
  const counts = ['bytesIn', 'bytesOut', 'items'] as const;
  if (!stamps.every((k) => isNum(r[k])) || !counts.every((k) => isCount(r[k]))) return;
  if (typeof r.ok !== 'boolean') return;
  if (r.line !== undefined && !isCount(r.line)) return;
  if (r.kernelMs !== undefined && !isNum(r.kernelMs)) return;
  if (r.shaderId !== undefined && !isCount(r.shaderId)) return;
  return {
    type: 'gpu-call',
    record: {
      callId: r.callId,
      kind: r.kind as GpuCallKind,
      label: r.label,
      ...(r.line !== undefined ? { line: r.line } : {}),
      start: r.start as number,
      uploadEnd: r.uploadEnd as number,
      computeEnd: r.computeEnd as number,
      end: r.end as number,
      ...(r.kernelMs !== undefined ? { kernelMs: r.kernelMs } : {}),
      bytesIn: r.bytesIn as number,
      bytesOut: r.bytesOut as number,
      items: r.items as number,
      ...(r.shaderId !== undefined ? { shaderId: r.shaderId } : {}),
      ok: r.ok,
    },
  };
}

/** One GPU event, or undefined when it does not match the protocol. */
export function validateGpuEvent(
  v: Obj,
): GpuDeviceEvent | GpuCallEvent | GpuShaderEvent | GpuMemoryEvent | undefined {
  switch (v.type) {
    case 'gpu-device': {
      const adapter = validateAdapter(v.adapter);
      return adapter && isNum(v.time) ? { type: 'gpu-device', time: v.time, adapter } : undefined;
    }
    case 'gpu-call':
      return validateCall(v);
    case 'gpu-shader':
      if (!isCount(v.shaderId) || !isText(v.label) || !ORIGINS.has(v.origin)) return;
      if (!isText(v.wgsl, TEXT) || !isNum(v.time)) return;
      if (v.line !== undefined && !isCount(v.line)) return;
      return {
        type: 'gpu-shader',
        shaderId: v.shaderId,
        label: v.label,
        origin: v.origin as GpuShaderEvent['origin'],
        wgsl: v.wgsl,
        ...(v.line !== undefined ? { line: v.line } : {}),
        time: v.time,
      };
    case 'gpu-memory': {
      const counts = ['inUse', 'pooled', 'buffers', 'peak'] as const;
      if (!isNum(v.time) || !counts.every((k) => isCount(v[k]))) return;
      return {
        type: 'gpu-memory',
        time: v.time,
        inUse: v.inUse as number,
        pooled: v.pooled as number,
        buffers: v.buffers as number,
        peak: v.peak as number,
      };
    }
  }
  return undefined;
}
