/**
 * Numbers into text for every panel: durations, byte counts, percentages and counts.
 * The only place numbers become strings, so units and precision stay consistent.
 */

/** Three significant digits, without a trailing exponent ("12.3", "123", "1.23"). */
function sig3(x: number): string {
  const a = Math.abs(x);
  if (a >= 100) return x.toFixed(0);
  if (a >= 10) return x.toFixed(1);
  return x.toFixed(2);
}

/** A duration in ms as "850 us", "12.3 ms" or "4.56 s" (three significant digits). */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '-';
  if (ms === 0) return '0 ms';
  const sign = ms < 0 ? '-' : '';
  const a = Math.abs(ms);
  if (a < 1) {
    const us = a * 1000;
    return `${sign}${us >= 10 ? us.toFixed(0) : us.toFixed(1)} us`;
  }
  if (a < 1000) return `${sign}${sig3(a)} ms`;
  return `${sign}${sig3(a / 1000)} s`;
}

/** A byte count as "512 B", "1.50 KiB", "12.3 MiB" or "1.20 GiB" (binary units). */
export function formatBytes(n: number): string {
  if (!Number.isFinite(n)) return '-';
  const a = Math.abs(n);
  if (a < 1024) return `${Math.round(n)} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let i = 0;
  while (Math.abs(v) >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${sig3(v)} ${units[i] ?? 'TiB'}`;
}

/** A fraction (0.875) as a percentage with one decimal ("87.5%"). */
export function formatPercent(x: number): string {
  if (!Number.isFinite(x)) return '-';
  return `${(x * 100).toFixed(1)}%`;
}

/** An integer count with thousands separators ("100,000"). */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return '-';
  return Math.round(n).toLocaleString('en-US');
}

/** A plain number with a fixed number of decimals, for table cells whose header names the unit. */
export function formatNumber(x: number, decimals: number): string {
  if (!Number.isFinite(x)) return '-';
  return x.toFixed(decimals);
}

/**
 * A time-axis tick label: the unit follows the size of the axis (`maxMs`) and the decimals
 * follow the tick step, so neighbouring labels differ ("10.05 s", "10.10 s").
 */
export function formatTick(ms: number, stepMs: number, maxMs: number): string {
  const [scale, unit] = maxMs >= 1000 ? [1e-3, 's'] : maxMs >= 1 ? [1, 'ms'] : [1e3, 'us'];
  const step = stepMs * scale;
  const decimals = Math.min(6, Math.max(0, -Math.floor(Math.log10(step) + 1e-9)));
  const v = ms * scale;
  return `${(Math.abs(v) < 0.5 * step ? 0 : v).toFixed(decimals)} ${unit}`;
}
