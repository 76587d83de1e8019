/**
 * `plot.hist`, `plot.scatter`, `plot.line` and `table(rows)`: the charting API of scripts
 * and of functions running on engines. Data is summarised here, where it lives, so a
 * histogram of millions of values leaves the worker as its bin counts.
 * Imports only core and protocol: both the driver and the engines install it.
 */
import { histogram, sampleSeries, tableFrom } from '../core/plot-data';
import type { PlotEvent, TableEvent } from '../protocol/messages';

/** Points per series sent to the page; longer series are sampled. */
export const MAX_POINTS = 5000;
/** Table rows sent to the page. */
export const MAX_ROWS = 1000;
/** Upper bound on histogram bins. */
export const MAX_BINS = 1000;

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
      x: ArrayLike<number>,
      y?: ArrayLike<number> | SeriesOptions,
      options?: SeriesOptions,
    ): void;
  };
  table(rows: unknown, options?: TableOptions): void;
}

type NumericArray = ArrayLike<number>;

const stamp = (): number => performance.timeOrigin + performance.now();

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return (v as object).constructor?.name ?? 'an object';
  return typeof v;
}

function isTypedArray(v: unknown): v is NumericArray {
  return ArrayBuffer.isView(v) && !(v instanceof DataView);
}

/** Checks that `v` is an array of numbers or a numeric typed array. */
function numbers(v: unknown, what: string, example: string): NumericArray {
  if (isTypedArray(v)) {
    if (typeof (v as unknown as ArrayLike<unknown>)[0] === 'bigint') {
      throw new TypeError(
        `${what} must hold numbers, not bigints: convert with Array.from(x, Number). ${example}`,
      );
    }
    return v;
  }
  if (!Array.isArray(v)) {
    throw new TypeError(
      `${what} must be an array of numbers or a typed array, got ${describe(v)}. ${example}`,
    );
  }
  for (let i = 0; i < v.length; i++) {
    if (typeof v[i] !== 'number') {
      throw new TypeError(
        `${what} must hold only numbers, but item ${i} is ${describe(v[i])}. ${example}`,
      );
    }
  }
  return v as number[];
}

function options<T extends object>(v: unknown, what: string): Partial<T> {
  if (v === undefined) return {};
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    throw new TypeError(`${what}: options must be an object, got ${describe(v)}`);
  }
  return v as Partial<T>;
}

function title(v: unknown, what: string): { title?: string } {
  if (v === undefined) return {};
  if (typeof v !== 'string')
    throw new TypeError(`${what}: title must be a string, got ${describe(v)}`);
  return { title: v };
}

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
