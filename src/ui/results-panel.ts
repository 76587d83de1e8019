/**
 * The results panel: charts (`plot.hist`, `plot.scatter`, `plot.line`, `plot.bar`) drawn
 * with uPlot, heatmaps (`plot.image`) and tables (`table(rows)`), from the script and from
 * engines, each with a download (PNG or CSV) and charts with a text alternative. Builds DOM only for what
 * it has not drawn yet, and hides itself while there is nothing to show.
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import './results-panel.css';
import type { RunModel } from '../core/run-model';
import { KEPT_PER_RUN } from '../protocol/messages';
import type { PlotEvent, PlotSpec, TableEvent } from '../protocol/messages';
import { chartColours, chartOptions, describeChart } from './chart-options';
import type { SeriesSpec } from './chart-options';
import { chartPng, downloadBlob, fileStem, toCsv } from './downloads';
import { formatCount } from './format';
import { colourBar, heatmapCanvas } from './heatmap';
import type { Panel } from './panel';

/** Charts drawn per run; later ones are counted in a note instead. */
const MAX_CHARTS = KEPT_PER_RUN.charts;
/** Table rows shown; the rest are counted in a note. */
const MAX_TABLE_ROWS = 200;
/** A chart's height, CSS px (presentation mode sets `--chart-height`). */
function chartHeight(): number {
  const px = parseFloat(
    getComputedStyle(document.documentElement).getPropertyValue('--chart-height'),
  );
  return Number.isFinite(px) && px > 0 ? px : 200;
}

/** A uPlot chart drawn, with what it was drawn from (to draw it again in a new theme). */
interface DrawnChart {
  plot: uPlot;
  spec: SeriesSpec;
  /** Index into the theme's palette: by source, so a worker's charts share a colour. */
  colour: number;
  area: HTMLElement;
}

type Item = { kind: 'plot'; e: PlotEvent } | { kind: 'table'; e: TableEvent };

/** The results panel: charts (uPlot) and tables from `plot.*` and `table`, as they arrive. */
export class ResultsPanel implements Panel {
  private container: HTMLElement = document.createElement('section');
  private model: RunModel | undefined;
  private plotsDrawn = 0;
  private tablesDrawn = 0;
  private tablesShown = 0;
  private notKeptShown = 0;
  private chartsShown = 0;
  private charts: DrawnChart[] = [];
  private skipped: HTMLElement | undefined;
  private resize: ResizeObserver | undefined;
  private width = 0;

  /** Takes `container`, hidden until a run plots or tables something; charts follow its width. */
  mount(container: HTMLElement): void {
    this.container = container;
    container.hidden = true;
    if (typeof ResizeObserver !== 'undefined') {
      this.resize = new ResizeObserver(() => this.fit());
      this.resize.observe(container);
    }
  }

  /** Stops following the width and removes every chart. */
  dispose(): void {
    this.resize?.disconnect();
    for (const c of this.charts) c.plot.destroy();
    this.charts = [];
    this.container.replaceChildren();
  }

  /** Draws every chart again with the theme's colours and the layout's sizes. */
  restyle(): void {
    this.width = this.chartWidth();
    for (const c of this.charts) {
      c.plot.destroy();
      c.plot = this.plot(c.spec, c.colour, c.area);
    }
  }

  /** Draws the plots and tables of `model` not drawn yet (a new model clears the panel). */
  render(model: RunModel): void {
    if (model !== this.model) this.reset(model);
    const plots = model.plots;
    const tables = model.tables;
    const notKept = model.chartsNotKept + model.tablesNotKept;
    if (
      plots.length === this.plotsDrawn &&
      tables.length === this.tablesDrawn &&
      notKept === this.notKeptShown
    )
      return;
    this.notKeptShown = notKept;
    const items: Item[] = [
      ...plots.slice(this.plotsDrawn).map((e): Item => ({ kind: 'plot', e })),
      ...tables.slice(this.tablesDrawn).map((e): Item => ({ kind: 'table', e })),
    ].sort((a, b) => a.e.time - b.e.time);
    this.plotsDrawn = plots.length;
    this.tablesDrawn = tables.length;
    this.container.hidden = false;
    for (const item of items) {
      if (item.kind === 'table') {
        if (this.tablesShown < MAX_CHARTS) {
          this.tablesShown++;
          this.container.append(this.table(item.e));
        }
      } else if (this.chartsShown < MAX_CHARTS) {
        this.chartsShown++;
        this.chart(item.e);
      }
    }
    const notDrawn =
      Math.max(0, plots.length - MAX_CHARTS) + Math.max(0, tables.length - MAX_CHARTS) + notKept;
    if (notDrawn > 0) {
      this.skipped ??= el('p', 'muted results-note');
      this.skipped.dataset.testid = 'results-not-kept';
      this.skipped.textContent = `${formatCount(notDrawn)} more charts and tables not kept (a run keeps its first ${KEPT_PER_RUN.charts} charts and ${KEPT_PER_RUN.tables} tables)`;
      this.container.append(this.skipped);
    }
  }

  private reset(model: RunModel): void {
    for (const c of this.charts) c.plot.destroy();
    this.charts = [];
    this.skipped = undefined;
    this.model = model;
    this.plotsDrawn = 0;
    this.tablesDrawn = 0;
    this.tablesShown = 0;
    this.notKeptShown = 0;
    this.chartsShown = 0;
    this.container.replaceChildren();
    const head = el('h2');
    head.textContent = 'Results';
    this.container.append(head);
    this.container.hidden = true;
  }

  private chartWidth(): number {
    return Math.max(200, (this.container.clientWidth || 420) - 22);
  }

  private fit(): void {
    const w = this.chartWidth();
    if (this.container.hidden || Math.abs(w - this.width) < 2) return;
    this.width = w;
    const height = chartHeight();
    for (const c of this.charts) c.plot.setSize({ width: w, height });
  }

  private chart(e: PlotEvent): void {
    const spec = e.spec;
    const title = spec.title ?? defaultTitle(spec.kind);
    const box = el('figure', 'result chart');
    box.dataset.testid = 'plot';
    box.dataset.kind = spec.kind;
    const plotArea = el('div', 'chart-area');
    // The chart's text alternative: what a screen reader reads instead of the canvas.
    plotArea.setAttribute('role', 'img');
    plotArea.setAttribute('aria-label', `${title}. ${describeChart(spec)}`);
    plotArea.dataset.testid = 'chart-area';
    box.append(caption(title, e.source, this.pngButton(title, plotArea)), plotArea);
    this.container.append(box);
    if (spec.kind === 'image') {
      plotArea.append(heatmapCanvas(spec));
      box.append(colourBar(spec));
      if (spec.width < spec.sourceWidth)
        box.append(
          note(
            `${formatCount(spec.sourceWidth)} × ${formatCount(spec.sourceHeight)} values shown as ${spec.width} × ${spec.height} averaged cells`,
          ),
        );
      return;
    }
    this.width = this.chartWidth();
    const colour = typeof e.source === 'number' ? e.source + 1 : 0;
    this.charts.push({ plot: this.plot(spec, colour, plotArea), spec, colour, area: plotArea });
    if (spec.kind === 'hist') {
      box.append(note(`${spec.total.toLocaleString()} values in ${spec.counts.length} bins`));
    } else if (spec.kind !== 'bar') {
      const shown = spec.series[0]?.x.length ?? 0;
      if (spec.total > shown) {
        box.append(
          note(
            `${shown.toLocaleString()} points sampled from ${spec.total.toLocaleString()} points`,
          ),
        );
      }
    }
  }

  private plot(spec: SeriesSpec, colour: number, area: HTMLElement): uPlot {
    const palette = chartColours();
    const color = palette[colour % palette.length]!;
    const { opts, data } = chartOptions(spec, color, this.width, chartHeight());
    return new uPlot(opts, data, area);
  }

  /** A "PNG" button that saves the chart in `area` with its title. */
  private pngButton(title: string, area: HTMLElement): HTMLButtonElement {
    return downloadButton('PNG', `Download "${title}" as a PNG image`, () => {
      const css = getComputedStyle(this.container);
      const canvases = [...area.querySelectorAll('canvas')];
      chartPng(title, canvases, css.backgroundColor || '#161b22', css.color || '#c9d1d9').then(
        (blob) => downloadBlob(`${fileStem(title)}.png`, blob, this.container),
        (err: unknown) => {
          this.container.append(note(`The PNG could not be made: ${String(err)}`));
        },
      );
    });
  }

  private table(e: TableEvent): HTMLElement {
    const box = el('figure', 'result result-table');
    box.dataset.testid = 'table';
    const title = e.title ?? 'Table';
    const csv = downloadButton('CSV', `Download "${title}" as CSV (every row received)`, () =>
      downloadBlob(
        `${fileStem(title)}.csv`,
        new Blob([toCsv(e.columns, e.rows)], { type: 'text/csv' }),
        this.container,
      ),
    );
    box.append(caption(title, e.source, csv));
    const scroll = el('div', 'table-scroll');
    const table = el('table');
    const head = el('thead');
    const hr = el('tr');
    for (const c of e.columns) {
      const th = el('th');
      th.textContent = c;
      hr.append(th);
    }
    head.append(hr);
    const body = el('tbody');
    for (const row of e.rows.slice(0, MAX_TABLE_ROWS)) {
      const tr = el('tr');
      for (const v of row) {
        const td = el('td');
        td.textContent = cellText(v);
        if (typeof v === 'number') td.className = 'num';
        tr.append(td);
      }
      body.append(tr);
    }
    table.append(head, body);
    scroll.append(table);
    box.append(scroll);
    const more = e.total - Math.min(e.rows.length, MAX_TABLE_ROWS);
    if (more > 0) box.append(note(`${more.toLocaleString()} more rows`));
    return box;
  }
}

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  return node;
}

function caption(title: string, source: 'driver' | number, action: HTMLElement): HTMLElement {
  const cap = el('figcaption');
  const t = el('span', 'result-title');
  t.textContent = title;
  const s = el('span', `tag src-${source}`);
  s.textContent = source === 'driver' ? 'script' : `worker ${source}`;
  cap.append(t, s, action);
  return cap;
}

function downloadButton(text: string, label: string, onClick: () => void): HTMLButtonElement {
  const b = el('button', 'small download');
  b.type = 'button';
  b.textContent = `↓ ${text}`;
  b.title = label;
  b.setAttribute('aria-label', label);
  b.addEventListener('click', onClick);
  return b;
}

function note(text: string): HTMLElement {
  const p = el('p', 'muted results-note');
  p.textContent = text;
  return p;
}

const DEFAULT_TITLES: Record<PlotSpec['kind'], string> = {
  hist: 'Histogram',
  scatter: 'Scatter',
  line: 'Line',
  bar: 'Bars',
  image: 'Image',
};

function defaultTitle(kind: PlotSpec['kind']): string {
  return DEFAULT_TITLES[kind];
}

function cellText(v: unknown): string {
  if (v === undefined) return '';
  if (v === null) return 'null';
  if (typeof v === 'number')
    return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(6)));
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return String(v);
  // Cells arrive as plain values (core/plot-data's `cell`); anything else shows as JSON.
  return JSON.stringify(v) ?? '';
}
