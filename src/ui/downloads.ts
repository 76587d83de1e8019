/**
 * Downloads from the results panel: a table as CSV (RFC 4180 quoting) and a chart as PNG.
 */

/** Saves `blob` as a file named `name` through a temporary link. */
export function downloadBlob(name: string, blob: Blob, parent: HTMLElement): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  parent.append(a);
  a.click();
  a.remove();
  // Revoking at once can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** One CSV field: quoted when it holds a comma, a quote or a line break. */
function csvField(v: unknown): string {
  const text = cellString(v);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A plain cell (see core/plot-data's `cell`) as text; undefined is an empty cell. */
function cellString(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (v === undefined) return '';
  return JSON.stringify(v) ?? '';
}

/** A table as CSV text: a header row, then one line per row, CRLF line ends. */
export function toCsv(columns: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return [columns, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** A file name from a title: "Speed per worker" gives "speed-per-worker". */
export function fileStem(title: string): string {
  return (
    title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'chart'
  );
}

/**
 * A chart as a PNG: the chart's canvases drawn over the panel's background with the title
 * above, so the image reads on its own (on a slide, say).
 */
export function chartPng(
  title: string,
  canvases: readonly HTMLCanvasElement[],
  background: string,
  text: string,
): Promise<Blob> {
  const dpr = window.devicePixelRatio || 1;
  const pad = Math.round(12 * dpr);
  const head = Math.round(28 * dpr);
  const width = Math.max(...canvases.map((c) => c.width), 1);
  const height = canvases.reduce((h, c) => h + c.height, 0);
  const out = document.createElement('canvas');
  out.width = width + 2 * pad;
  out.height = height + head + pad;
  const ctx = out.getContext('2d');
  if (!ctx) return Promise.reject(new Error('no 2D canvas to draw the PNG on'));
  ctx.fillStyle = background;
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.fillStyle = text;
  ctx.font = `${Math.round(14 * dpr)}px system-ui, sans-serif`;
  ctx.textBaseline = 'middle';
  ctx.fillText(title, pad, head / 2 + pad / 2);
  let y = head;
  for (const c of canvases) {
    ctx.drawImage(c, pad, y);
    y += c.height;
  }
  return new Promise((resolve, reject) =>
    out.toBlob(
      (b) => (b ? resolve(b) : reject(new Error('the PNG could not be encoded'))),
      'image/png',
    ),
  );
}
