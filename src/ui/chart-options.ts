/**
 * uPlot options and data for each chart kind of the results panel: axes that size to their
 * labels (300,000 is never cut to "00,000"), category names along x for bar charts and
 * labelled lines, and a one-sentence text alternative for every chart.
 */
import uPlot from 'uplot';
import type { PlotSpec } from '../protocol/messages';
import { formatCount, formatNumber } from './format';

/** The dark theme's series colours, the fallback when the page sets no `--chart-N`. */
const DARK_COLORS = ['#58a6ff', '#f28e2b', '#3fb950', '#e15759', '#d2a8ff', '#edc948'];

/** A colour of the page's theme (styles.css), read when a chart is made. */
export function themeColour(name: string, fallback: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

/**
 * The series colours of the theme in effect (`--chart-0` ... `--chart-5` in styles.css), so
 * a chart drawn again after the theme switched takes the new palette.
 */
export function chartColours(): string[] {
  return DARK_COLORS.map((fallback, i) => themeColour(`--chart-${i}`, fallback));
}

/** The axis font of the layout in effect: `--chart-font` px (larger in presentation mode). */
export function chartFont(): { px: number; css: string } {
  const px = parseFloat(themeColour('--chart-font', '11')) || 11;
  return { px, css: `${px}px system-ui, sans-serif` };
}

/** The chart kinds uPlot draws (heatmaps are drawn by heatmap.ts). */
export type SeriesSpec = Exclude<PlotSpec, { kind: 'image' }>;

/**
 * An axis whose size follows its widest tick label, measured with the axis font: uPlot's
 * fixed default cuts long labels such as "300,000".
 */
export function fittedAxis(vertical: boolean, extra: Partial<uPlot.Axis> = {}): uPlot.Axis {
  const font = chartFont();
  return {
    stroke: themeColour('--muted', '#8b949e'),
    grid: { stroke: themeColour('--border', '#30363d'), width: 1 },
    ticks: { stroke: themeColour('--border', '#30363d'), width: 1 },
    font: font.css,
    labelFont: font.css,
    labelSize: Math.ceil(font.px * 1.6),
    size: (self, values, axisIdx, cycleNum) => {
      const axis = self.axes[axisIdx];
      // uPlot calls this until the size settles; after two rounds keep the last answer.
      if (cycleNum > 1 && axis && typeof axis.size === 'number') return axis.size;
      const gap = 6 + 5;
      if (!vertical) return Math.ceil(font.px * 1.1) + gap + 6;
      self.ctx.font = font.css;
      let widest = 0;
      for (const v of values ?? []) widest = Math.max(widest, self.ctx.measureText(v).width);
      return Math.ceil(widest + gap + 4);
    },
    ...extra,
  };
}

/** An x axis that shows category names at whole-number positions. */
function categoryAxis(labels: readonly string[]): uPlot.Axis {
  return fittedAxis(false, {
    splits: (_u, _i, min, max) => {
      const out: number[] = [];
      const span = Math.max(1, Math.ceil(max) - Math.floor(min));
      // Leave room for the names: at most one label per ~60 px of a 400 px chart.
      const step = Math.max(1, Math.ceil(span / 8));
      for (let i = Math.max(0, Math.ceil(min)); i <= Math.min(labels.length - 1, max); i += step)
        out.push(i);
      return out;
    },
    values: (_u, splits) => splits.map((i) => labels[i] ?? ''),
  });
}

/** Options and data for a chart of `spec`, `width` x `height` CSS pixels. */
export function chartOptions(
  spec: SeriesSpec,
  color: string,
  width: number,
  height: number,
): { opts: uPlot.Options; data: uPlot.AlignedData } {
  const base = {
    width,
    height,
    legend: { show: false },
    cursor: { drag: { x: false, y: false } },
  };
  const { opts, data } =
    spec.kind === 'hist'
      ? histogramChart(spec)
      : spec.kind === 'bar'
        ? barChart(spec, color)
        : lineChart(spec, color);
  return { opts: { ...base, ...opts }, data };
}

/** What a chart kind adds to the common options. */
type ChartParts = { opts: Omit<uPlot.Options, 'width' | 'height'>; data: uPlot.AlignedData };

/** A histogram: bars at the bins' centres over the edges' range, from zero up. */
function histogramChart(spec: Extract<SeriesSpec, { kind: 'hist' }>): ChartParts {
  const centres = spec.counts.map((_, i) => (spec.edges[i]! + spec.edges[i + 1]!) / 2);
  const lo = spec.edges[0] ?? 0;
  const hi = spec.edges[spec.edges.length - 1] ?? 1;
  return {
    opts: {
      axes: [fittedAxis(false), fittedAxis(true)],
      scales: {
        x: { time: false, range: [lo, hi] },
        y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.05 : 1] },
      },
      series: [{}, bars('count', chartColours()[0]!)],
    },
    data: [centres, spec.counts],
  };
}

/** A bar chart: one bar per category name, from zero (or below it, for negative values). */
function barChart(spec: Extract<SeriesSpec, { kind: 'bar' }>, color: string): ChartParts {
  const xs = spec.labels.map((_, i) => i);
  return {
    opts: {
      axes: [categoryAxis(spec.labels), fittedAxis(true)],
      scales: {
        x: { time: false, range: [-0.5, Math.max(0.5, spec.labels.length - 0.5)] },
        y: { range: (_u, min, max) => [Math.min(0, min), max > 0 ? max * 1.05 : 1] },
      },
      series: [{}, bars(spec.name, color)],
    },
    data: [xs, spec.values],
  };
}

/** A line (points shown when there are few) or a scatter plot of the first series. */
function lineChart(
  spec: Extract<SeriesSpec, { kind: 'line' | 'scatter' }>,
  color: string,
): ChartParts {
  const s = spec.series[0] ?? { name: 'y', x: [], y: [] };
  const [xs, ys] = sortedByX(s.x, s.y);
  const series: uPlot.Series =
    spec.kind === 'scatter'
      ? {
          label: s.name,
          stroke: color,
          paths: () => null,
          points: { show: true, size: 4, stroke: color, fill: color, width: 0 },
        }
      : { label: s.name, stroke: color, width: 1.5, points: { show: xs.length <= 40 } };
  return {
    opts: {
      axes: [spec.labels ? categoryAxis(spec.labels) : fittedAxis(false), fittedAxis(true)],
      scales: { x: { time: false } },
      series: [{}, series],
    },
    data: [xs, ys],
  };
}

function bars(label: string, color: string): uPlot.Series {
  return {
    label,
    stroke: color,
    fill: `${color}99`,
    width: 1,
    paths: uPlot.paths.bars!({ size: [0.8, Infinity], gap: 1 }),
    points: { show: false },
  };
}

/** uPlot expects ascending x; points are reordered by x (a line's order follows x). */
function sortedByX(x: number[], y: number[]): [number[], number[]] {
  let sorted = true;
  for (let i = 1; i < x.length; i++) {
    if (x[i]! < x[i - 1]!) {
      sorted = false;
      break;
    }
  }
  if (sorted) return [x, y];
  const order = x.map((_, i) => i).sort((a, b) => x[a]! - x[b]!);
  return [order.map((i) => x[i]!), order.map((i) => y[i]!)];
}

/** A short number for a sentence: integers with separators, others to 4 significant digits. */
function num(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  return Number.isInteger(v) ? formatCount(v) : String(Number(v.toPrecision(4)));
}

function range(values: readonly number[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  return lo > hi ? [0, 0] : [lo, hi];
}

/** One sentence a screen reader reads for the chart: its kind, size and value ranges. */
export function describeChart(spec: PlotSpec): string {
  switch (spec.kind) {
    case 'hist': {
      const peak = spec.counts.indexOf(Math.max(...spec.counts));
      return `Histogram of ${formatCount(spec.total)} values in ${spec.counts.length} bins from ${num(spec.edges[0] ?? 0)} to ${num(spec.edges.at(-1) ?? 0)}; the fullest bin starts at ${num(spec.edges[peak] ?? 0)} with ${formatCount(spec.counts[peak] ?? 0)} values.`;
    }
    case 'bar':
      return `Bar chart of ${spec.name}: ${spec.labels
        .slice(0, 12)
        .map((l, i) => `${l} ${num(spec.values[i] ?? 0)}`)
        .join(', ')}${spec.labels.length > 12 ? `, and ${spec.labels.length - 12} more` : ''}.`;
    case 'image':
      return `Heatmap of ${formatCount(spec.sourceWidth)} by ${formatCount(spec.sourceHeight)} values from ${num(spec.min)} (dark) to ${num(spec.max)} (bright).`;
    default: {
      const s = spec.series[0] ?? { name: 'y', x: [], y: [] };
      const [xlo, xhi] = range(s.x);
      const [ylo, yhi] = range(s.y);
      const xText = spec.labels
        ? `categories ${spec.labels[0] ?? ''} to ${spec.labels.at(-1) ?? ''}`
        : `x from ${num(xlo)} to ${num(xhi)}`;
      const kind = spec.kind === 'scatter' ? 'Scatter plot' : 'Line chart';
      return `${kind} of ${s.name}: ${formatCount(spec.total)} points, ${xText}, y from ${num(ylo)} to ${num(yhi)}.`;
    }
  }
}

/** The text at an end of a colour scale: "300,000", "0.125". */
export function scaleText(v: number): string {
  return Math.abs(v) >= 1000 || Number.isInteger(v) ? num(v) : formatNumber(v, 3);
}
