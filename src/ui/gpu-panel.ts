/**
 * The GPU panel: the adapter (software adapters are labelled: their timings are not GPU
 * timings), memory held, each GPU call's upload / compute / readback times, and the WGSL
 * of every shader compiled, so people can read what their JavaScript became.
 */
import type { GpuModel } from '../core/gpu-model';
import type { RunModel } from '../core/run-model';
import type { GpuAdapterInfo, GpuCallRecord } from '../protocol/messages';
import { formatBytes, formatCount, formatMs } from './format';
import type { Panel } from './panel';

/** GPU calls listed at most; older ones are counted. */
const MAX_ROWS = 40;

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  text?: string,
  cls?: string,
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

/** "swiftshader (google), software adapter" and the like. */
export function describeAdapter(a: GpuAdapterInfo): string {
  const name =
    a.description ||
    [a.architecture, a.vendor && `(${a.vendor})`].filter(Boolean).join(' ') ||
    'unknown GPU';
  return `${name}${a.fallback ? ', software adapter' : ''}`;
}

function callRow(c: GpuCallRecord): HTMLTableRowElement {
  const tr = el('tr');
  const kernel = c.kernelMs !== undefined ? formatMs(c.kernelMs) : '–';
  for (const text of [
    c.label,
    formatMs(c.uploadEnd - c.start),
    formatMs(c.computeEnd - c.uploadEnd),
    kernel,
    formatMs(c.end - c.computeEnd),
  ]) {
    tr.append(el('td', text));
  }
  if (!c.ok) tr.className = 'failed';
  if (c.line !== undefined) tr.title = `line ${c.line}`;
  return tr;
}

/** Renders the GPU part of a run into its container; hidden until the script uses the GPU. */
export class GpuPanel implements Panel {
  private drawn = '';
  /** Shaders the person opened, by label and id: kept across redraws. */
  private readonly open = new Set<number>();
  private container: HTMLElement | undefined;

  /** Takes `container` (hidden until a run uses the GPU) and follows its shaders' disclosures. */
  mount(container: HTMLElement): void {
    this.container = container;
    container.hidden = true;
    container.addEventListener(
      'toggle',
      (e) => {
        const d = e.target as HTMLDetailsElement;
        const id = Number(d.dataset['shader']);
        if (d.open) this.open.add(id);
        else this.open.delete(id);
      },
      true,
    );
  }

  /** Empties and hides the container. */
  dispose(): void {
    this.container?.replaceChildren();
    if (this.container) this.container.hidden = true;
  }

  /** Redraws when the GPU part of `model` changed. */
  render(model: RunModel): void {
    const gpu = model.gpu;
    const container = this.container;
    const key = `${gpu.calls.length}|${gpu.shaders.length}|${gpu.memory?.time ?? 0}|${gpu.adapter ? 1 : 0}`;
    if (!container || key === this.drawn) return;
    this.drawn = key;
    container.hidden = !gpu.used;
    if (!gpu.used) {
      container.replaceChildren();
      return;
    }
    container.replaceChildren(
      el('h2', 'GPU'),
      ...adapterParts(gpu),
      this.callsTable(gpu.calls),
      ...gpu.shaders.map((s) => this.shader(s)),
    );
  }

  /** A shader's WGSL in a disclosure, open if the person had opened it. */
  private shader(s: GpuModel['shaders'][number]): HTMLElement {
    const d = el('details');
    d.dataset['shader'] = String(s.shaderId);
    d.open = this.open.has(s.shaderId);
    const origin =
      s.origin === 'generated'
        ? 'generated WGSL'
        : s.origin === 'kernel'
          ? 'your WGSL'
          : 'built-in WGSL';
    // The shader text scrolls inside its box, so it takes focus to scroll by keyboard.
    const wgsl = el('pre', s.wgsl, 'gpu-wgsl');
    wgsl.tabIndex = 0;
    wgsl.setAttribute('aria-label', `${s.label}: ${origin}`);
    d.append(
      el('summary', `${s.label}: ${origin}${s.line !== undefined ? ` (line ${s.line})` : ''}`),
      wgsl,
    );
    return d;
  }

  private callsTable(calls: readonly GpuCallRecord[]): HTMLElement {
    const table = el('table', undefined, 'gpu-calls');
    table.dataset['testid'] = 'gpu-calls';
    const hr = el('tr');
    for (const h of ['call', 'upload', 'compute', 'kernel', 'readback']) hr.append(el('th', h));
    table.append(el('thead'), el('tbody'));
    table.tHead!.append(hr);
    const shown = calls.slice(-MAX_ROWS);
    for (const c of shown) table.tBodies[0]!.append(callRow(c));
    if (calls.length > shown.length)
      table.caption = Object.assign(el('caption'), {
        textContent: `last ${shown.length} of ${formatCount(calls.length)} calls`,
      });
    return table;
  }
}

/** The adapter's name, what its timings mean, and the memory held. */
function adapterParts(gpu: GpuModel): HTMLElement[] {
  const parts: HTMLElement[] = [];
  if (gpu.adapter) {
    const a = el('p', describeAdapter(gpu.adapter), 'gpu-adapter');
    a.dataset['testid'] = 'gpu-adapter';
    parts.push(a);
    if (gpu.adapter.fallback)
      parts.push(
        el('p', 'Timings come from a CPU emulating a GPU: they are not GPU speed.', 'gpu-note'),
      );
    parts.push(
      el(
        'p',
        gpu.adapter.timestamps
          ? 'Kernel times: timestamp queries.'
          : 'Kernel times: not available (no timestamp queries); phases are CPU-side stamps.',
        'gpu-note',
      ),
    );
  }
  if (gpu.memory) {
    const m = gpu.memory;
    const mem = el(
      'p',
      `Memory: ${formatBytes(m.inUse)} in use, ${formatBytes(m.pooled)} pooled for reuse, ${formatCount(m.buffers)} buffers, peak ${formatBytes(m.peak)}`,
      'gpu-memory',
    );
    mem.dataset['testid'] = 'gpu-memory';
    parts.push(mem);
  }
  return parts;
}
