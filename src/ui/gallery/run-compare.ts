/**
 * "Theirs and yours": the run of the person who shared a link beside the receiver's own
 * run of the same script, call by call.
 */
import type { Sender } from '../../share/link-codec.js';
import type { RunReport } from '../../protocol/messages';
import { formatMs, formatNumber } from '../format';
import { h } from './build';

/** The receiver's side of the comparison. */
export interface YourRun {
  threads: number;
  browser: string;
  report: RunReport;
}

/** A one-line summary: "8 threads (Chrome 156), 8 workers: 1.20 s". */
function line(
  threads: number,
  browser: string,
  workers: number,
  wall: number,
  ok: boolean,
): string {
  const t = `${threads} thread${threads === 1 ? '' : 's'} (${browser}), ${workers} worker${workers === 1 ? '' : 's'}: ${formatMs(wall)}`;
  return ok ? t : `${t}, ended with an error`;
}

/** Builds the side-by-side comparison of the sender's run and `yours`. */
export function buildComparison(sender: Sender, yours: YourRun): HTMLElement {
  const theirs = sender.run;
  const mine = yours.report;
  const box = h('div', { class: 'run-compare', attrs: { 'data-testid': 'run-compare' } });
  box.append(h('h3', {}, 'Their run and yours'));
  box.append(
    h(
      'ul',
      { class: 'compare-lines' },
      h(
        'li',
        { attrs: { 'data-testid': 'compare-theirs' } },
        h('strong', {}, 'Theirs: '),
        theirs
          ? line(sender.threads, sender.browser, theirs.workers, theirs.wall, theirs.ok)
          : `${sender.threads} threads (${sender.browser}), no run shared`,
      ),
      h(
        'li',
        { attrs: { 'data-testid': 'compare-yours' } },
        h('strong', {}, 'Yours: '),
        line(yours.threads, yours.browser, mine.workers, mine.wall, mine.ok),
      ),
    ),
  );
  if (theirs && theirs.calls.length > 0) box.append(callsTable(theirs.calls, mine));
  return box;
}

/** The calls of both runs, row by row (a call of yours with another label shows "–"). */
function callsTable(theirs: NonNullable<Sender['run']>['calls'], mine: RunReport): HTMLElement {
  const rows = theirs.map((c, i) => {
    const m = mine.calls[i];
    const same = m !== undefined && m.label === c.label;
    return h(
      'tr',
      {},
      h('th', { attrs: { scope: 'row' } }, c.label),
      h('td', {}, `${formatMs(c.wall)} (${formatNumber(c.speedup, 2)}×)`),
      h(
        'td',
        {},
        same ? `${formatMs(m.timing.wall)} (${formatNumber(m.timing.speedup, 2)}×)` : '–',
      ),
    );
  });
  const head = h(
    'tr',
    {},
    h('th', { attrs: { scope: 'col' } }, 'call'),
    h('th', { attrs: { scope: 'col' } }, 'theirs'),
    h('th', { attrs: { scope: 'col' } }, 'yours'),
  );
  return h(
    'details',
    {},
    h('summary', {}, 'Each call, theirs and yours'),
    h(
      'table',
      { class: 'compare-table' },
      h('caption', {}, 'Wall time (speedup) of each parallel call'),
      h('thead', {}, head),
      h('tbody', {}, ...rows),
    ),
  );
}
