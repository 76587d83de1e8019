/**
 * Summaries of chart and table data, computed where the data lives (the driver or an
 * engine) so that only what the results panel can draw crosses to the page: a histogram
 * of 10 million values travels as its bin counts, a long series as an evenly strided sample.
 * DOM-free.
 */

/** Bin edges (`bins + 1` of them), counts per bin, and how many values were counted. */
export interface Histogram {
  edges: number[];
  counts: number[];
  total: number;
}

/** An evenly strided sample of a series and its length before sampling. */
export interface SampledSeries {
  x: number[];
  y: number[];
  total: number;
}

/** Rows as a grid of cells under the union of their keys, and the row count before the cap. */
export interface TableData {
  columns: string[];
  rows: unknown[][];
  total: number;
}

/**
 * Counts `values` into `bins` equal-width bins over `range` (default: the finite values'
 * min and max). NaN and values outside the range are ignored; the top edge belongs to the
 * last bin.
 */
export function histogram(
  values: ArrayLike<number>,
  bins = 30,
  range?: [number, number],
): Histogram {
  const n = Math.max(1, Math.floor(bins));
  let lo: number;
  let hi: number;
  if (range) {
    [lo, hi] = range;
  } else {
    lo = Infinity;
    hi = -Infinity;
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (!Number.isFinite(v)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    if (lo > hi) {
      lo = 0;
      hi = 1;
    } else if (lo === hi) {
      lo -= 0.5;
      hi += 0.5;
    }
  }
  const width = (hi - lo) / n;
  const edges = Array.from({ length: n + 1 }, (_, i) => (i === n ? hi : lo + i * width));
  const counts = new Array<number>(n).fill(0);
  let total = 0;
  const scale = n / (hi - lo);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!(v >= lo && v <= hi)) continue; // NaN fails both comparisons
    const b = Math.min(n - 1, Math.floor((v - lo) * scale));
    counts[b]!++;
    total++;
  }
  return { edges, counts, total };
}

/**
 * At most `maxPoints` points of the series `(x[i], y[i])`, evenly strided and always
 * keeping the first and the last point. `total` is the series' length before sampling.
 */
export function sampleSeries(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  maxPoints = 5000,
): SampledSeries {
  const total = Math.min(x.length, y.length);
  const m = Math.max(2, Math.floor(maxPoints));
  if (total <= m) {
    return {
      x: Array.from({ length: total }, (_, i) => x[i]!),
      y: Array.from({ length: total }, (_, i) => y[i]!),
      total,
    };
  }
  const xs = new Array<number>(m);
  const ys = new Array<number>(m);
  for (let k = 0; k < m; k++) {
    const i = Math.round((k * (total - 1)) / (m - 1));
    xs[k] = x[i]!;
    ys[k] = y[i]!;
  }
  return { x: xs, y: ys, total };
}

/** Longest text a non-plain cell value is shortened to. */
const MAX_CELL_TEXT = 80;

/**
 * Turns rows into a grid: an array of objects gives the union of their keys (in order of
 * first appearance), an array of arrays gives columns '0', '1', ...; a bare value is shown
 * under 'value'. At most `maxRows` rows are kept; objects inside cells become short text.
 */
export function tableFrom(rows: unknown, maxRows = 1000): TableData {
  if (!Array.isArray(rows)) {
    throw new TypeError(
      `table() expects an array of rows (objects or arrays), got ${describeType(rows)}`,
    );
  }
  const shown = rows.slice(0, Math.max(0, Math.floor(maxRows)));
  const columns: string[] = [];
  const seen = new Set<string>();
  const add = (k: string) => {
    if (!seen.has(k)) {
      seen.add(k);
      columns.push(k);
    }
  };
  for (const row of shown) {
    for (const k of keysOf(row)) add(k);
  }
  const grid = shown.map((row) => columns.map((k) => cell(valueAt(row, k))));
  return { columns, rows: grid, total: rows.length };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

function keysOf(row: unknown): string[] {
  if (Array.isArray(row)) return row.map((_, i) => String(i));
  if (ArrayBuffer.isView(row) && !(row instanceof DataView)) {
    return Array.from({ length: (row as unknown as ArrayLike<unknown>).length }, (_, i) =>
      String(i),
    );
  }
  if (isRecord(row)) return Object.keys(row);
  return ['value'];
}

function valueAt(row: unknown, key: string): unknown {
  if (isRecord(row)) return row[key];
  return key === 'value' ? row : undefined;
}

/** A cell as the page shows it: plain values as they are, anything else as short text. */
function cell(v: unknown): unknown {
  switch (typeof v) {
    case 'number':
    case 'string':
    case 'boolean':
    case 'undefined':
      return v;
    case 'bigint':
      return `${v}n`;
    case 'function':
      return `ƒ ${v.name || 'anonymous'}`;
    case 'symbol':
      return v.toString();
  }
  if (v === null) return null;
  return shortText(v);
}

function shortText(v: unknown): string {
  let text: string;
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
    text = `${v.constructor.name}(${(v as unknown as ArrayLike<unknown>).length})`;
  } else if (v instanceof Date) {
    text = v.toISOString();
  } else if (v instanceof Map || v instanceof Set) {
    text = `${v.constructor.name}(${v.size})`;
  } else {
    try {
      text =
        JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? `${x}n` : x)) ?? String(v);
    } catch {
      text = Object.prototype.toString.call(v);
    }
  }
  return text.length > MAX_CELL_TEXT ? `${text.slice(0, MAX_CELL_TEXT - 1)}…` : text;
}

function describeType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return v.constructor?.name ?? 'an object';
  return typeof v;
}

/** A grid of values (row-major), possibly shrunk, with the range of its finite values. */
export interface Grid {
  width: number;
  height: number;
  values: number[];
  min: number;
  max: number;
}

/**
 * Shrinks a row-major `width` x `height` grid so neither side exceeds `maxSide`, averaging
 * the cells each new cell covers (NaN and infinities are skipped; a cell with none is NaN).
 * Also returns the range of the finite values, for the colour scale.
 */
export function shrinkGrid(
  values: ArrayLike<number>,
  width: number,
  height: number,
  maxSide = 400,
): Grid {
  const f = Math.max(1, Math.ceil(Math.max(width, height) / Math.max(1, maxSide)));
  const w = Math.ceil(width / f);
  const h = Math.ceil(height / f);
  const sum = new Float64Array(w * h);
  const count = new Uint32Array(w * h);
  let min = Infinity;
  let max = -Infinity;
  for (let y = 0; y < height; y++) {
    const row = Math.floor(y / f) * w;
    for (let x = 0; x < width; x++) {
      const v = values[y * width + x]!;
      if (!Number.isFinite(v)) continue;
      const k = row + Math.floor(x / f);
      sum[k]! += v;
      count[k]!++;
    }
  }
  const out = new Array<number>(w * h);
  for (let k = 0; k < out.length; k++) {
    const n = count[k]!;
    const v = n > 0 ? sum[k]! / n : NaN;
    out[k] = v;
    if (n > 0) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  if (min > max) [min, max] = [0, 0];
  return { width: w, height: h, values: out, min, max };
}
