/**
 * Getting a WebGPU device in the driver worker, once per run: the adapter, the features
 * and limits compute needs, and typed errors with advice for every way that can fail.
 */
import { GpuUnavailableError } from '../core/errors';
import type { GpuAdapterInfo } from '../protocol/messages';

/** Limits reported with the adapter (and raised to the adapter's maximum on the device). */
const LIMITS = [
  'maxBufferSize',
  'maxStorageBufferBindingSize',
  'maxComputeWorkgroupStorageSize',
  'maxComputeInvocationsPerWorkgroup',
  'maxComputeWorkgroupSizeX',
  'maxComputeWorkgroupsPerDimension',
  'maxStorageBuffersPerShaderStage',
] as const;

/** A device and what the script may rely on. */
export interface GpuDevice {
  device: GPUDevice;
  adapter: GpuAdapterInfo;
  /** Set once the device is lost (then every call fails with a GpuUnavailableError). */
  lost: GPUDeviceLostInfo | undefined;
}

/** Where to read about enabling WebGPU. */
const ENABLE_HINT =
  'Use a browser with WebGPU (Chrome or Edge 113+, Safari 18+); headless Chromium needs --enable-unsafe-webgpu. CPU calls in the script still work.';

/** Requests an adapter and a device with `features`; throws GpuUnavailableError on failure. */
export async function requestGpu(features: readonly string[], line?: number): Promise<GpuDevice> {
  const at = line !== undefined ? { line } : {};
  const gpu = (navigator as Partial<WorkerNavigator>).gpu;
  if (!gpu) {
    throw new GpuUnavailableError(
      'no-webgpu',
      'This browser has no WebGPU (navigator.gpu is missing)',
      {
        ...at,
        hint: ENABLE_HINT,
      },
    );
  }
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) {
    throw new GpuUnavailableError('no-adapter', 'WebGPU is there but no GPU adapter is available', {
      ...at,
      hint: 'The GPU may be blocklisted or disabled: see chrome://gpu. On Linux without a GPU, start Chromium with --enable-unsafe-webgpu for the software adapter.',
    });
  }
  const missing = features.filter((f) => !adapter.features.has(f));
  if (missing.length > 0) {
    throw new GpuUnavailableError(
      'missing-feature',
      `This GPU adapter lacks the feature(s) ${missing.join(', ')}`,
      {
        ...at,
        hint: `The adapter offers: ${[...adapter.features].sort().join(', ') || 'no optional features'}. Drop the feature or write the kernel without it.`,
      },
    );
  }
  const wanted = new Set<string>(features);
  if (adapter.features.has('timestamp-query')) wanted.add('timestamp-query');
  const requiredLimits: Record<string, number> = {};
  for (const name of LIMITS) requiredLimits[name] = adapter.limits[name];
  let device: GPUDevice;
  try {
    device = await adapter.requestDevice({
      requiredFeatures: [...wanted] as GPUFeatureName[],
      requiredLimits,
    });
  } catch (e) {
    throw new GpuUnavailableError(
      'no-adapter',
      `The GPU adapter refused a device: ${(e as Error).message}`,
      {
        ...at,
        hint: 'Close other tabs using the GPU and run again.',
      },
    );
  }
  const result: GpuDevice = { device, adapter: describeAdapter(adapter, device), lost: undefined };
  // `lost` resolves (never rejects) when the device goes away, including on destroy().
  void device.lost.then(
    (info) => (result.lost = info),
    () => undefined,
  );
  return result;
}

/** The adapter's identity, whether it is software, its features and the limits that matter. */
function describeAdapter(adapter: GPUAdapter, device: GPUDevice): GpuAdapterInfo {
  const info = adapter.info;
  const limits: Record<string, number> = {};
  for (const name of LIMITS) limits[name] = device.limits[name];
  const fallback =
    (info as GPUAdapterInfo & { isFallbackAdapter?: boolean }).isFallbackAdapter ??
    (adapter as GPUAdapter & { isFallbackAdapter?: boolean }).isFallbackAdapter ??
    false;
  return {
    vendor: info.vendor,
    architecture: info.architecture,
    device: info.device,
    description: info.description,
    fallback:
      fallback || /swiftshader|llvmpipe|software/i.test(`${info.description} ${info.architecture}`),
    timestamps: device.features.has('timestamp-query'),
    features: [...device.features].sort(),
    limits,
  };
}

/** Throws the typed error for a lost device. */
export function assertAlive(d: GpuDevice, line?: number): void {
  if (!d.lost) return;
  throw new GpuUnavailableError(
    'device-lost',
    `The GPU device was lost: ${d.lost.message || d.lost.reason}`,
    {
      ...(line !== undefined ? { line } : {}),
      hint: 'A driver reset, a kernel that ran too long, or memory pressure can lose the device. Run again; make each kernel shorter if it repeats.',
    },
  );
}
