/**
 * Heatmaps for `plot.image(values, width, height)`: one canvas pixel per cell, coloured on
 * a perceptual scale (viridis), scaled up without smoothing, with a colour bar.
 */
import type { PlotSpec } from '../protocol/messages';
import { scaleText } from './chart-options';

type ImageSpec = Extract<PlotSpec, { kind: 'image' }>;

/** Viridis at five stops (matplotlib's default map): dark blue to yellow. */
const STOPS: [number, number, number][] = [
  [68, 1, 84],
  [59, 82, 139],
  [33, 145, 140],
  [94, 201, 98],
  [253, 231, 37],
];

/** The colour of `t` in [0, 1] on the scale. */
export function viridis(t: number): [number, number, number] {
  const x = Math.min(1, Math.max(0, t)) * (STOPS.length - 1);
  const i = Math.min(STOPS.length - 2, Math.floor(x));
  const f = x - i;
  const a = STOPS[i]!;
  const b = STOPS[i + 1]!;
  return [0, 1, 2].map((k) => Math.round(a[k]! + (b[k]! - a[k]!) * f)) as [number, number, number];
}

/** Draws `spec` into a new canvas (NaN cells transparent). */
export function heatmapCanvas(spec: ImageSpec): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = spec.width;
  canvas.height = spec.height;
  canvas.className = 'heatmap';
  canvas.style.aspectRatio = `${spec.width} / ${spec.height}`;
  const ctx = canvas.getContext('2d');
  if (!ctx) return canvas;
  const img = ctx.createImageData(spec.width, spec.height);
  const span = spec.max - spec.min;
  for (let k = 0; k < spec.values.length; k++) {
    const v = spec.values[k]!;
    if (!Number.isFinite(v)) continue;
    const [r, g, b] = viridis(span > 0 ? (v - spec.min) / span : 0.5);
    img.data[4 * k] = r;
    img.data[4 * k + 1] = g;
    img.data[4 * k + 2] = b;
    img.data[4 * k + 3] = 255;
  }
  ctx.putImageData(img, 0, 0);
  return canvas;
}

/** The colour bar under a heatmap: the scale with its two ends written out. */
export function colourBar(spec: ImageSpec): HTMLElement {
  const bar = document.createElement('div');
  bar.className = 'colour-bar';
  const lo = document.createElement('span');
  lo.textContent = scaleText(spec.min);
  const ramp = document.createElement('span');
  ramp.className = 'colour-ramp';
  ramp.style.background = `linear-gradient(to right, ${STOPS.map(([r, g, b]) => `rgb(${r},${g},${b})`).join(', ')})`;
  const hi = document.createElement('span');
  hi.textContent = scaleText(spec.max);
  bar.append(lo, ramp, hi);
  return bar;
}
