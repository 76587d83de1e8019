/**
 * The results panel: charts (`plot.hist`, `plot.scatter`, `plot.line`) drawn with uPlot
 * and tables (`table(rows)`), from the script and from engines. Builds DOM only for what
 * it has not drawn yet, and hides itself while there is nothing to show.
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { RunModel } from '../core/run-model';
import type { PlotEvent, TableEvent } from '../protocol/messages';

/** Charts drawn per run; later ones are counted in a note instead. */
const MAX_CHARTS = 100;
/** Table rows shown; the rest are counted in a note. */
const MAX_TABLE_ROWS = 200;
const CHART_HEIGHT = 200;

const COLORS = ['#58a6ff', '#f28e2b', '#3fb950', '#e15759', '#d2a8ff', '#edc948'];
const AXIS = '#8b949e';
const GRID = '#30363d';

type Item = { kind: 'plot'; e: PlotEvent } | { kind: 'table'; e: TableEvent & { title?: string } };

/** The results panel: charts (uPlot) and tables from `plot.*` and `table`, as they arrive. */
export class ResultsPanel {
  private model: RunModel | undefined;
  private plotsDrawn = 0;
  private tablesDrawn = 0;
  private tablesShown = 0;
  private charts: uPlot[] = [];
  private skipped: HTMLElement | undefined;
  private readonly resize: ResizeObserver | undefined;
  private width = 0;

  constructor(private readonly container: HTMLElement) {
    container.hidden = true;
    if (typeof ResizeObserver !== 'undefined') {
      this.resize = new ResizeObserver(() => this.fit());
      this.resize.observe(container);
    }
  }

  /** Draws the plots and tables of `model` not drawn yet (a new model clears the panel). */
  render(model: RunModel): void {
    if (model !== this.model) this.reset(model);
    const plots = model.plots;
    const tables = model.tables;
    if (plots.length === this.plotsDrawn && tables.length === this.tablesDrawn) return;
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
      } else if (this.charts.length < MAX_CHARTS) this.chart(item.e);
    }
    const notDrawn =
      Math.max(0, plots.length - MAX_CHARTS) + Math.max(0, tables.length - MAX_CHARTS);
    if (notDrawn > 0) {
      this.skipped ??= el('p', 'muted results-note');
      this.skipped.textContent = `${notDrawn} more charts and tables not drawn (at most ${MAX_CHARTS} of each per run)`;
      this.container.append(this.skipped);
    }
  }

  private reset(model: RunModel): void {
    for (const c of this.charts) c.destroy();
    this.charts = [];
    this.skipped = undefined;
    this.model = model;
    this.plotsDrawn = 0;
    this.tablesDrawn = 0;
    this.tablesShown = 0;
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
    for (const c of this.charts) c.setSize({ width: w, height: CHART_HEIGHT });
  }

  private chart(e: PlotEvent): void {
    const spec = e.spec;
    const box = el('figure', 'result chart');
    box.dataset.testid = 'plot';
    box.dataset.kind = spec.kind;
    box.append(caption(spec.title ?? defaultTitle(spec.kind), e.source));
    const plotArea = el('div', 'chart-area');
    box.append(plotArea);
    this.container.append(box);
    this.width = this.chartWidth();
    const common = {
      width: this.width,
      height: CHART_HEIGHT,
      legend: { show: false },
      cursor: { drag: { x: false, y: false } },
      axes: [axis(), axis()],
    };
    let chart: uPlot;
    if (spec.kind === 'hist') {
      const centres = spec.counts.map((_, i) => (spec.edges[i]! + spec.edges[i + 1]!) / 2);
      const lo = spec.edges[0] ?? 0;
      const hi = spec.edges[spec.edges.length - 1] ?? 1;
      chart = new uPlot(
        {
          ...common,
          scales: {
            x: { time: false, range: [lo, hi] },
            y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.05 : 1] },
          },
          series: [
            {},
            {
              label: 'count',
              stroke: COLORS[0],
              fill: `${COLORS[0]}99`,
              width: 1,
              paths: uPlot.paths.bars!({ size: [1, Infinity], gap: 1 }),
              points: { show: false },
            },
          ],
        },
        [centres, spec.counts],
        plotArea,
      );
      box.append(note(`${spec.total.toLocaleString()} values in ${spec.counts.length} bins`));
    } else {
      const s = spec.series[0] ?? { name: 'y', x: [], y: [] };
      const [xs, ys] = sortedByX(s.x, s.y);
      const color = COLORS[typeof e.source === 'number' ? (e.source + 1) % COLORS.length : 0]!;
      const scatter = spec.kind === 'scatter';
      chart = new uPlot(
        {
          ...common,
          scales: { x: { time: false } },
          series: [
            {},
            scatter
              ? {
                  label: s.name,
                  stroke: color,
                  paths: () => null,
                  points: { show: true, size: 4, stroke: color, fill: color, width: 0 },
                }
              : { label: s.name, stroke: color, width: 1.5, points: { show: false } },
          ],
        },
        [xs, ys],
        plotArea,
      );
      const shown = s.x.length;
      if (spec.total > shown) {
        box.append(
          note(
            `${shown.toLocaleString()} points sampled from ${spec.total.toLocaleString()} points`,
          ),
        );
      }
    }
    this.charts.push(chart);
  }

  private table(e: TableEvent & { title?: string }): HTMLElement {
    const box = el('figure', 'result result-table');
    box.dataset.testid = 'table';
    box.append(caption(e.title ?? 'Table', e.source));
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

function caption(title: string, source: 'driver' | number): HTMLElement {
  const cap = el('figcaption');
  const t = el('span', 'result-title');
  t.textContent = title;
  const s = el('span', `tag src-${source}`);
  s.textContent = source === 'driver' ? 'script' : `worker ${source}`;
  cap.append(t, s);
  return cap;
}

function note(text: string): HTMLElement {
  const p = el('p', 'muted results-note');
  p.textContent = text;
  return p;
}

function defaultTitle(kind: 'hist' | 'scatter' | 'line'): string {
  return kind === 'hist' ? 'Histogram' : kind === 'scatter' ? 'Scatter' : 'Line';
}

function axis(): uPlot.Axis {
  return {
    stroke: AXIS,
    grid: { stroke: GRID, width: 1 },
    ticks: { stroke: GRID, width: 1 },
    font: '11px system-ui, sans-serif',
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

function cellText(v: unknown): string {
  if (v === undefined) return '';
  if (v === null) return 'null';
  if (typeof v === 'number')
    return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(6)));
  return String(v);
}
