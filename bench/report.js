/** Tables of benchmark results: plain text for the terminal, Markdown for the README. */

/**
 * @typedef {object} Result
 * @property {number | string} target the issue's target number (`GPU` for issue 7's figures)
 * @property {string} what
 * @property {number | string} fanout
 * @property {Record<string, number | string>} peers
 * @property {Record<string, number>} ratios
 * @property {string} goal
 * @property {boolean} met
 */

/** @param {number | string} x */
const fmt = (x) =>
  typeof x === 'string'
    ? x
    : !Number.isFinite(x)
      ? '-'
      : Math.abs(x) >= 100
        ? x.toFixed(0)
        : Math.abs(x) >= 10
          ? x.toFixed(1)
          : x.toFixed(2);

/** @param {Record<string, number | string>} o */
const pairs = (o) =>
  Object.entries(o)
    .map(([k, v]) => `${k} ${fmt(v)}`)
    .join('; ');

/** @param {Result[]} results */
export function renderText(results) {
  return results
    .map(
      (r) =>
        `[${r.met ? 'met' : 'NOT met'}] ${r.target}. ${r.what}\n    Fanout ${fmt(r.fanout)}` +
        `${Object.keys(r.peers).length ? ` | ${pairs(r.peers)}` : ''}` +
        `${Object.keys(r.ratios).length ? ` | ${pairs(r.ratios)}` : ''} | goal: ${r.goal}`,
    )
    .join('\n');
}

/**
 * @param {{ date: string, chromium: string, threads: number, reps: number, speedupReps?: number, note: string, loadAverage?: number[] }} meta
 * @param {Result[]} results
 */
export function renderMarkdown(meta, results) {
  return [
    `\`npm run bench\` on ${meta.date.slice(0, 10)}: headless Chromium ${meta.chromium}, ${meta.threads} hardware threads, medians of ${meta.reps} alternating rounds in one page (${meta.speedupReps ?? meta.reps} for target 3)${meta.loadAverage ? ` (load average ${meta.loadAverage.join(', ')} at the end)` : ''}. The machine was shared with other jobs while it ran (loaded): read the ratios measured side by side rather than the absolute figures.`,
    '',
    '| target | measure | Fanout | peers, same page | ratios | goal | met |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...results.map(
      (r) =>
        `| ${r.target} | ${r.what} | **${fmt(r.fanout)}** | ${pairs(r.peers) || '-'} | ${pairs(r.ratios) || '-'} | ${r.goal} | ${r.met ? 'yes' : 'no'} |`,
    ),
    '',
  ].join('\n');
}
