/**
 * `plot.hist`, `plot.scatter`, `plot.line` and `table(rows)`: the charting API of scripts
 * and of functions running on engines. Data is summarised here, where it lives, so a
 * histogram of millions of values leaves the worker as its bin counts.
 * Imports only core and protocol: both the driver and the engines install it.
 */
import { now } from '../core/clock';
import { isTypedArray } from '../core/partition';
import { histogram, sampleSeries, shrinkGrid, tableFrom } from '../core/plot-data';
import type { PlotEvent, TableEvent } from '../protocol/messages';
import type { NumericArray } from './plot-args';
import {
  assertGrid,
  binCount,
  categories,
  describe,
  histRange,
  isOptionsObject,
  isTextArray,
  numbers,
  options,
  title,
} from './plot-args';

/** Points per series sent to the page; longer series are sampled. */
export const MAX_POINTS = 5000;
/** Table rows sent to the page. */
export const MAX_ROWS = 1000;
/** Upper bound on histogram bins. */
export const MAX_BINS = 1000;
/** Categories of a bar chart or a labelled line, at most. */
export const MAX_CATEGORIES = 1000;
/** Longest side of a heatmap sent to the page; larger images are averaged down. */
export const MAX_IMAGE_SIDE = 400;

/** Options of `plot.hist`: bin count, title, and the value range binned. */
export interface HistOptions {
  bins?: number;
  title?: string;
  range?: [number, number];
}

/** Options of `plot.scatter` and `plot.line`: chart title and series name. */
export interface SeriesOptions {
  title?: string;
  name?: string;
}

/** Options of `plot.image`: chart title. */
export interface ImageOptions {
  title?: string;
}

/** Options of `table`. */
export interface TableOptions {
  title?: string;
}

/**
 * The `plot` and `table` globals. Members are function-typed properties, not methods: a
 * script may take them apart (`const { hist } = plot`) and they need no `this`.
 */
export interface PlotApi {
  plot: {
    hist: (values: ArrayLike<number>, options?: HistOptions) => void;
    scatter: (x: ArrayLike<number>, y: ArrayLike<number>, options?: SeriesOptions) => void;
    line: (
      x: ArrayLike<number> | readonly string[],
      y?: ArrayLike<number> | SeriesOptions,
      options?: SeriesOptions,
    ) => void;
    bar: (
      labels: ArrayLike<number> | readonly (string | number)[],
      values?: ArrayLike<number> | SeriesOptions,
      options?: SeriesOptions,
    ) => void;
    image: (
      values: ArrayLike<number>,
      width: number,
      height: number,
      options?: ImageOptions,
    ) => void;
  };
  table: (rows: unknown, options?: TableOptions) => void;
}

type Emit = (e: PlotEvent | TableEvent) => void;
type Source = 'driver' | number;

/** Emits a scatter or line chart of one series, sampled down to {@link MAX_POINTS}. */
function emitSeries(
  emit: Emit,
  source: Source,
  chart: { kind: 'scatter' | 'line'; what: string },
  xy: { x: NumericArray; y: NumericArray; labels?: string[] },
  opts: Partial<SeriesOptions>,
): void {
  const { kind, what } = chart;
  const { x, y, labels } = xy;
  if (x.length !== y.length) {
    throw new RangeError(
      `${what}: x and y must have the same length, got ${x.length} and ${y.length}`,
    );
  }
  if (opts.name !== undefined && typeof opts.name !== 'string') {
    throw new TypeError(`${what}: name must be a string, got ${describe(opts.name)}`);
  }
  const s = sampleSeries(x, y, MAX_POINTS);
  emit({
    type: 'plot',
    source,
    time: now(),
    spec: {
      kind,
      ...title(opts.title, what),
      series: [{ name: opts.name ?? 'y', x: s.x, y: s.y }],
      total: s.total,
      ...(labels ? { labels } : {}),
    },
  });
}

/** `plot.hist(values, options)`: bins the values here and emits the counts. */
function createHist(emit: Emit, source: Source): PlotApi['plot']['hist'] {
  return (values, opts) => {
    const what = 'plot.hist';
    const v = numbers(values, `${what}(values)`, 'Example: plot.hist(samples, { bins: 20 })');
    const o = options<HistOptions>(opts, what);
    const h = histogram(v, binCount(o.bins, what, MAX_BINS), histRange(o.range, what));
    emit({
      type: 'plot',
      source,
      time: now(),
      spec: { kind: 'hist', ...title(o.title, what), ...h },
    });
  };
}

/** `plot.scatter(xs, ys, options)`. */
function createScatter(emit: Emit, source: Source): PlotApi['plot']['scatter'] {
  const chart = { kind: 'scatter', what: 'plot.scatter' } as const;
  const example = 'Example: plot.scatter(xs, ys, { title: "y against x" })';
  return (x, y, opts) => {
    const xy = {
      x: numbers(x, `${chart.what}(x, y): x`, example),
      y: numbers(y, `${chart.what}(x, y): y`, example),
    };
    emitSeries(emit, source, chart, xy, options<SeriesOptions>(opts, chart.what));
  };
}

/** `plot.line(ys)`, `plot.line(xs, ys)` or `plot.line(labels, ys)`, each with options. */
function createLine(emit: Emit, source: Source): PlotApi['plot']['line'] {
  const chart = { kind: 'line', what: 'plot.line' } as const;
  const what = chart.what;
  const example = 'Example: plot.line(ys) or plot.line(xs, ys, { title: "loss" })';
  return (x, yArg, optsArg) => {
    // plot.line(ys, { title }) reads like plot.line(ys, undefined, { title }).
    const shifted = optsArg === undefined && isOptionsObject(yArg);
    const y = shifted ? undefined : yArg;
    const o = options<SeriesOptions>(shifted ? yArg : optsArg, what);
    if (y === undefined) {
      const ys = numbers(x, `${what}(y)`, example);
      emitSeries(emit, source, chart, { x: Array.from(ys, (_, i) => i), y: ys }, o);
    } else if (isTextArray(x)) {
      // plot.line(['mon', 'tue'], ys): categories along x.
      const labels = categories(x, what, MAX_CATEGORIES);
      const ys = numbers(y, `${what}(labels, y): y`, example);
      emitSeries(emit, source, chart, { x: labels.map((_, i) => i), y: ys, labels }, o);
    } else {
      const xs = numbers(x, `${what}(x, y): x`, example);
      emitSeries(emit, source, chart, { x: xs, y: numbers(y, `${what}(x, y): y`, example) }, o);
    }
  };
}

/** `plot.bar(values)` or `plot.bar(labels, values)`, each with options. */
function createBar(emit: Emit, source: Source): PlotApi['plot']['bar'] {
  const what = 'plot.bar';
  const example = "Example: plot.bar(['1 worker', '2 workers'], [812, 431], { title: 'ms' })";
  return (labels, valuesArg, optsArg) => {
    // plot.bar(values, { title }) reads like plot.bar(values, undefined, { title }).
    const shifted =
      valuesArg !== undefined && !Array.isArray(valuesArg) && !isTypedArray(valuesArg);
    const values = shifted ? undefined : valuesArg;
    const o = options<SeriesOptions>(shifted ? valuesArg : optsArg, what);
    const v =
      values === undefined
        ? numbers(labels, `${what}(values)`, example)
        : numbers(values, `${what}(labels, values): values`, example);
    const names =
      values === undefined
        ? Array.from({ length: v.length }, (_, i) => String(i))
        : categories(labels, what, MAX_CATEGORIES);
    if (names.length !== v.length) {
      throw new RangeError(
        `${what}: labels and values must have the same length, got ${names.length} and ${v.length}`,
      );
    }
    if (v.length > MAX_CATEGORIES) {
      throw new RangeError(
        `${what}: at most ${MAX_CATEGORIES} bars, got ${v.length}: use plot.hist or plot.line for long data`,
      );
    }
    const name = typeof o.name === 'string' ? o.name : 'value';
    const spec = {
      kind: 'bar',
      ...title(o.title, what),
      name,
      labels: names,
      values: Array.from(v),
    } as const;
    emit({ type: 'plot', source, time: now(), spec });
  };
}

/** `plot.image(values, width, height, options)`: a heatmap, averaged down when large. */
function createImage(emit: Emit, source: Source): PlotApi['plot']['image'] {
  const what = 'plot.image';
  const example = 'Example: plot.image(counts, 400, 300, { title: "Mandelbrot" })';
  return (values, width, height, opts) => {
    const v = numbers(values, `${what}(values, width, height): values`, example);
    assertGrid(v.length, width, height, what);
    const o = options<ImageOptions>(opts, what);
    const g = shrinkGrid(v, width, height, MAX_IMAGE_SIDE);
    emit({
      type: 'plot',
      source,
      time: now(),
      spec: {
        kind: 'image',
        ...title(o.title, what),
        ...g,
        sourceWidth: width,
        sourceHeight: height,
      },
    });
  };
}

/** `table(rows, options)`: the first {@link MAX_ROWS} rows as columns and cells. */
function createTable(emit: Emit, source: Source): PlotApi['table'] {
  return (rows, opts) => {
    const what = 'table';
    if (!Array.isArray(rows)) {
      throw new TypeError(
        `${what}(rows): rows must be an array of objects or arrays, got ${describe(rows)}. Example: table([{ n: 1, time: 12 }, { n: 2, time: 7 }])`,
      );
    }
    const o = options<TableOptions>(opts, what);
    const t = tableFrom(rows, MAX_ROWS);
    emit({ type: 'table', source, time: now(), ...title(o.title, what), ...t });
  };
}

/**
 * The plotting API; every chart or table becomes a PlotEvent or TableEvent passed to
 * `emit` (the driver sends them to the page, an engine returns them with the task).
 */
export function createPlotApi(emit: Emit, source: Source): PlotApi {
  return {
    plot: {
      hist: createHist(emit, source),
      scatter: createScatter(emit, source),
      line: createLine(emit, source),
      bar: createBar(emit, source),
      image: createImage(emit, source),
    },
    table: createTable(emit, source),
  };
}
