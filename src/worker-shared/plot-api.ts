/**
 * `plot.hist`, `plot.scatter`, `plot.line` and `table(rows)`: the charting API of scripts
 * and of functions running on engines. Data is summarised here, where it lives, so a
 * histogram of millions of values leaves the worker as its bin counts.
 * Imports only core and protocol: both the driver and the engines install it.
 */
import { histogram, sampleSeries, shrinkGrid, tableFrom } from '../core/plot-data';
import type { PlotEvent, TableEvent } from '../protocol/messages';
import type { NumericArray } from './plot-args';
import {
  categories,
  describe,
  isTextArray,
  isTypedArray,
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

/** The `plot` and `table` globals. */
export interface PlotApi {
  plot: {
    hist(values: ArrayLike<number>, options?: HistOptions): void;
    scatter(x: ArrayLike<number>, y: ArrayLike<number>, options?: SeriesOptions): void;
    line(
      x: ArrayLike<number> | readonly string[],
      y?: ArrayLike<number> | SeriesOptions,
      options?: SeriesOptions,
    ): void;
    bar(
      labels: ArrayLike<number> | readonly (string | number)[],
      values?: ArrayLike<number> | SeriesOptions,
      options?: SeriesOptions,
    ): void;
    image(values: ArrayLike<number>, width: number, height: number, options?: ImageOptions): void;
  };
  table(rows: unknown, options?: TableOptions): void;
}

const stamp = (): number => performance.timeOrigin + performance.now();

/**
 * The plotting API; every chart or table becomes a PlotEvent or TableEvent passed to
 * `emit` (the driver sends them to the page, an engine returns them with the task).
 */
export function createPlotApi(
  emit: (e: PlotEvent | TableEvent) => void,
  source: 'driver' | number,
): PlotApi {
  const series = (
    kind: 'scatter' | 'line',
    x: NumericArray,
    y: NumericArray,
    opts: Partial<SeriesOptions>,
    what: string,
    labels?: string[],
  ) => {
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
      time: stamp(),
      spec: {
        kind,
        ...title(opts.title, what),
        series: [{ name: opts.name ?? 'y', x: s.x, y: s.y }],
        total: s.total,
        ...(labels ? { labels } : {}),
      },
    });
  };

  return {
    plot: {
      hist(values, opts) {
        const what = 'plot.hist';
        const v = numbers(values, `${what}(values)`, 'Example: plot.hist(samples, { bins: 20 })');
        const o = options<HistOptions>(opts, what);
        const bins = o.bins ?? 30;
        if (!Number.isInteger(bins) || bins < 1 || bins > MAX_BINS) {
          throw new RangeError(
            `${what}: bins must be a whole number from 1 to ${MAX_BINS}, got ${String(bins)}`,
          );
        }
        let range: [number, number] | undefined;
        if (o.range !== undefined) {
          const r: unknown = o.range;
          if (
            !Array.isArray(r) ||
            r.length !== 2 ||
            !Number.isFinite(r[0]) ||
            !Number.isFinite(r[1]) ||
            !((r[0] as number) < (r[1] as number))
          ) {
            throw new RangeError(
              `${what}: range must be [min, max] with finite min < max, e.g. { range: [0, 1] }`,
            );
          }
          range = [r[0] as number, r[1] as number];
        }
        const h = histogram(v, bins, range);
        emit({
          type: 'plot',
          source,
          time: stamp(),
          spec: { kind: 'hist', ...title(o.title, what), ...h },
        });
      },
      scatter(x, y, opts) {
        const what = 'plot.scatter';
        const example = 'Example: plot.scatter(xs, ys, { title: "y against x" })';
        series(
          'scatter',
          numbers(x, `${what}(x, y): x`, example),
          numbers(y, `${what}(x, y): y`, example),
          options<SeriesOptions>(opts, what),
          what,
        );
      },
      line(x, y, opts) {
        const what = 'plot.line';
        const example = 'Example: plot.line(ys) or plot.line(xs, ys, { title: "loss" })';
        // plot.line(ys, { title }) reads like plot.line(ys, undefined, { title }).
        if (
          opts === undefined &&
          y !== undefined &&
          typeof y === 'object' &&
          y !== null &&
          !Array.isArray(y) &&
          !isTypedArray(y)
        ) {
          opts = y as SeriesOptions;
          y = undefined;
        }
        if (y === undefined) {
          const ys = numbers(x, `${what}(y)`, example);
          const xs = Array.from({ length: ys.length }, (_, i) => i);
          series('line', xs, ys, options<SeriesOptions>(opts, what), what);
        } else if (isTextArray(x)) {
          // plot.line(['mon', 'tue'], ys): categories along x.
          const labels = categories(x, what, MAX_CATEGORIES);
          const ys = numbers(y, `${what}(labels, y): y`, example);
          const xs = labels.map((_, i) => i);
          series('line', xs, ys, options<SeriesOptions>(opts, what), what, labels);
        } else {
          series(
            'line',
            numbers(x, `${what}(x, y): x`, example),
            numbers(y, `${what}(x, y): y`, example),
            options<SeriesOptions>(opts, what),
            what,
          );
        }
      },
      bar(labels, values, opts) {
        const what = 'plot.bar';
        const example = "Example: plot.bar(['1 worker', '2 workers'], [812, 431], { title: 'ms' })";
        if (values !== undefined && !Array.isArray(values) && !isTypedArray(values)) {
          opts = values as SeriesOptions;
          values = undefined;
        }
        const o = options<SeriesOptions>(opts, what);
        const v =
          values === undefined
            ? numbers(labels, `${what}(values)`, example)
            : numbers(values, `${what}(labels, values): values`, example);
        const names =
          values === undefined
            ? Array.from({ length: v.length }, (_, i) => String(i))
            : categories(labels as readonly unknown[], what, MAX_CATEGORIES);
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
        emit({
          type: 'plot',
          source,
          time: stamp(),
          spec: {
            kind: 'bar',
            ...title(o.title, what),
            name: typeof o.name === 'string' ? o.name : 'value',
            labels: names,
            values: Array.from(v),
          },
        });
      },
      image(values, width, height, opts) {
        const what = 'plot.image';
        const example = 'Example: plot.image(counts, 400, 300, { title: "Mandelbrot" })';
        const v = numbers(values, `${what}(values, width, height): values`, example);
        for (const [name, n] of [
          ['width', width],
          ['height', height],
        ] as const) {
          if (!Number.isInteger(n) || n < 1) {
            throw new RangeError(
              `${what}: ${name} must be a whole number of cells, at least 1, got ${String(n)}. ${example}`,
            );
          }
        }
        if (v.length !== width * height) {
          throw new RangeError(
            `${what}: values must hold width × height = ${width * height} numbers (row after row), got ${v.length}. ${example}`,
          );
        }
        const o = options<ImageOptions>(opts, what);
        const g = shrinkGrid(v, width, height, MAX_IMAGE_SIDE);
        emit({
          type: 'plot',
          source,
          time: stamp(),
          spec: {
            kind: 'image',
            ...title(o.title, what),
            ...g,
            sourceWidth: width,
            sourceHeight: height,
          },
        });
      },
    },
    table(rows, opts) {
      const what = 'table';
      if (!Array.isArray(rows)) {
        throw new TypeError(
          `${what}(rows): rows must be an array of objects or arrays, got ${describe(rows)}. Example: table([{ n: 1, time: 12 }, { n: 2, time: 7 }])`,
        );
      }
      const o = options<TableOptions>(opts, what);
      const t = tableFrom(rows, MAX_ROWS);
      const event: TableEvent = { type: 'table', source, time: stamp(), ...t };
      // TableEvent has no title field; the panel reads it when present.
      const named = title(o.title, what);
      emit(named.title !== undefined ? Object.assign(event, named) : event);
    },
  };
}
