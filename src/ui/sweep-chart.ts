/**
 * The scaling sweep's chart, legend and table: speedup (left axis) and efficiency (right
 * axis, 0-100%) against workers, with the ideal line and the fitted Amdahl curve, drawn
 * with uPlot in the theme's colours and the layout's font.
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { AmdahlFit } from '../core/amdahl';
import { chartFont, fittedAxis, themeColour } from './chart-options';
import { h, row } from './dom';
import { formatMs, formatNumber, formatPercent } from './format';

/** One measured worker count. */
export interface SweepPoint {
  workers: number;
  wall: number;
  speedup: number;
  efficiency: number;
}

/** The sweep's colours in the theme in effect (`--sweep-*` in styles.css). */
function sweepColours(): Record<'ideal' | 'fit' | 'speedup' | 'efficiency', string> {
  return {
    ideal: themeColour('--muted', '#8b949e'),
    fit: themeColour('--warn', '#d29922'),
    speedup: themeColour('--accent', '#58a6ff'),
    efficiency: themeColour('--ok', '#3fb950'),
  };
}

/** Points along the curves: 60 steps from 1 to `maxN`, plus every measured count. */
function xGrid(points: readonly SweepPoint[], maxN: number): number[] {
  const xs = new Set(points.map((p) => p.workers));
  for (let i = 0; i <= 60; i++) xs.add(1 + ((maxN - 1) * i) / 60);
  return [...xs].sort((a, b) => a - b);
}

/** The chart's data: x, ideal, fit, speedup and efficiency (null between measurements). */
function sweepData(points: readonly SweepPoint[], fit?: AmdahlFit): uPlot.AlignedData {
  const maxN = Math.max(2, ...points.map((p) => p.workers));
  const xs = xGrid(points, maxN);
  const at = new Map(points.map((p) => [p.workers, p]));
  return [
    xs,
    xs,
    xs.map((n) => (fit ? fit.predict(n) : null)),
    xs.map((n) => at.get(n)?.speedup ?? null),
    xs.map((n) => at.get(n)?.efficiency ?? null),
  ];
}

/** uPlot options for a `width` x `height` sweep chart. */
function sweepOptions(points: readonly SweepPoint[], width: number, height: number): uPlot.Options {
  const c = sweepColours();
  const font = chartFont();
  const maxN = Math.max(2, ...points.map((p) => p.workers));
  const maxS = Math.max(maxN, ...points.map((p) => p.speedup)) * 1.05;
  const dot = (stroke: string): uPlot.Series.Points => ({
    show: true,
    size: Math.round(font.px * 0.6),
    stroke,
    fill: stroke,
  });
  const measured = (label: string, stroke: string, scale: string): uPlot.Series => ({
    label,
    stroke,
    scale,
    width: 2,
    spanGaps: true,
    points: dot(stroke),
  });
  return {
    width,
    height,
    legend: { show: false },
    cursor: { show: false },
    scales: {
      x: { time: false, range: [1, maxN] },
      y: { range: [0, maxS] },
      eff: { range: [0, 1.2] },
    },
    axes: [
      fittedAxis(false, {
        label: 'workers',
        splits: () => points.map((p) => p.workers),
        values: (_u, splits) => splits.map((n) => String(n)),
      }),
      fittedAxis(true, {
        values: (_u, splits) => {
          const decimals = splits.every((s) => Number.isInteger(s)) ? 0 : 1;
          return splits.map((s) => `${formatNumber(s, decimals)}×`);
        },
      }),
      fittedAxis(true, {
        scale: 'eff',
        side: 1,
        grid: { show: false },
        splits: () => [0, 0.5, 1],
        values: (_u, splits) => splits.map((e) => `${formatNumber(e * 100, 0)}%`),
      }),
    ],
    series: [
      {},
      { label: 'ideal', stroke: c.ideal, width: 1.5, dash: [4, 3], points: { show: false } },
      { label: 'Amdahl fit', stroke: c.fit, width: 1.5, points: { show: false } },
      measured('speedup', c.speedup, 'y'),
      measured('efficiency', c.efficiency, 'eff'),
    ],
  };
}

/** The chart in a box whose text alternative names what it shows. */
export function sweepChart(
  points: readonly SweepPoint[],
  fit: AmdahlFit | undefined,
  width: number,
): { box: HTMLElement; plot: uPlot } {
  const box = h('div', {
    className: 'sweep-chart',
    data: { testid: 'sweep-chart' },
    attrs: {
      role: 'img',
      'aria-label': `Speedup and efficiency against workers (${points.map((p) => `${p.workers}: ${formatNumber(p.speedup, 2)}×`).join(', ')}), with the ideal line${fit ? ' and the Amdahl fit' : ''}`,
    },
  });
  const height = Math.round(chartFont().px * 17);
  const plot = new uPlot(sweepOptions(points, width, height), sweepData(points, fit), box);
  return { box, plot };
}

/** The chart's legend, below it (drawn inside, it covered the lines). */
export function sweepLegend(withFit: boolean): HTMLElement {
  const c = sweepColours();
  const entries: [string, string, boolean][] = [
    ['speedup', c.speedup, false],
    ['efficiency (right axis)', c.efficiency, false],
    ['ideal', c.ideal, true],
  ];
  if (withFit) entries.push(['Amdahl fit', c.fit, false]);
  return h(
    'ul',
    { className: 'sweep-legend', data: { testid: 'sweep-legend' } },
    ...entries.map(([label, color, dashed]) =>
      h(
        'li',
        {},
        h('span', {
          className: 'sweep-swatch',
          style: { borderTop: `2px ${dashed ? 'dashed' : 'solid'} ${color}` },
        }),
        label,
      ),
    ),
  );
}

/** One row per worker count: wall, speedup, efficiency and the fit's prediction. */
export function sweepTable(
  points: readonly SweepPoint[],
  threads: number,
  fit?: AmdahlFit,
): HTMLTableElement {
  const t = h('table', { data: { testid: 'sweep-points' } });
  t.createTHead().append(row(['Workers', 'Wall', 'Speedup', 'Efficiency', 'Amdahl'], 'th'));
  t.createTBody().append(
    ...points.map((p) =>
      row([
        p.workers > threads ? `${p.workers} (> ${threads} threads)` : String(p.workers),
        formatMs(p.wall),
        `${formatNumber(p.speedup, 2)}×`,
        formatPercent(p.efficiency),
        fit ? `${formatNumber(fit.predict(p.workers), 2)}×` : '',
      ]),
    ),
  );
  return t;
}
