/**
 * The run summary's headline figures, each with a one-line explanation on hover: wall,
 * speedup (measured against a 1-worker run of the same script, or estimated and marked
 * so), efficiency, the serial and parallel parts, the tasks' compute, contention, overhead
 * and tasks per second; and a warning when workers outnumber the hardware threads.
 */
import type { RunFigures } from '../core/run-figures';
import { formatMs, formatNumber } from './format';

interface Cell {
  key: string;
  value: string;
  /** One line saying what the figure is and how it was obtained. */
  explain: string;
  id: string;
}

function times(x: number): string {
  return `${formatNumber(x, 2)}×`;
}

function percent(x: number): string {
  return `${formatNumber(x * 100, 0)}%`;
}

function speedupCell(f: RunFigures, baselineWall: number | undefined): Cell {
  const id = 'summary-speedup';
  if (f.speedupKind === 'single')
    return {
      key: 'Speedup',
      value: times(1),
      explain: 'One worker: the reference other runs of this script are measured against.',
      id,
    };
  if (f.speedupKind === 'measured')
    return {
      key: 'Speedup vs 1 worker',
      value: times(f.speedup),
      explain: `Measured: the 1-worker run of this script took ${formatMs(baselineWall ?? 0)}, this run ${formatMs(f.wall)}: what a stopwatch gives.`,
      id,
    };
  return {
    key: 'Speedup (estimate)',
    value: `≈${times(f.speedup)}`,
    explain:
      'Estimated from this run alone: its serial part plus the tasks’ compute (at most one task per hardware thread at a time) over its wall time. Run with 1 worker, or the Scaling sweep, to measure it.',
    id,
  };
}

function contentionCell(f: RunFigures): Cell {
  const id = 'summary-contention';
  if (f.contention === undefined)
    return {
      key: 'Contention',
      value: '-',
      explain:
        f.workers === 1
          ? 'One worker: nothing to compare with.'
          : 'How much slower the same tasks compute on this many workers than on one: run with 1 worker, or the Scaling sweep, to measure it.',
      id,
    };
  return {
    key: f.contentionKind === 'measured' ? 'Contention' : 'Contention (estimate)',
    value: `${f.contentionKind === 'measured' ? '' : '≈'}${times(f.contention)}`,
    explain:
      f.contentionKind === 'measured'
        ? `The tasks computed ${times(f.contention)} as long in total as in the 1-worker run: workers slow each other down (shared cores, memory, the page's drawing).`
        : `About ${times(f.contention)}: ${f.workers} workers take turns on ${f.threads} hardware threads, so each task's compute time stretches.`,
    id,
  };
}

function cells(f: RunFigures, baselineWall: number | undefined): Cell[] {
  return [
    {
      key: 'Wall',
      value: formatMs(f.wall),
      explain: 'Script start to end, as a stopwatch measures it (worker start-up excluded).',
      id: 'summary-wall',
    },
    speedupCell(f, baselineWall),
    {
      key: 'Efficiency',
      value: percent(f.efficiency),
      explain: `Speedup per worker: ${times(f.speedup)} over ${f.workers} worker${f.workers === 1 ? '' : 's'}. 100% means every worker paid off fully.`,
      id: 'summary-efficiency',
    },
    {
      key: 'Serial part',
      value: formatMs(f.serial),
      explain: `Time outside parallel calls (the script computing on its own for ${formatMs(f.scriptBusy)}, striped on the driver lane): more workers do not shorten it (Amdahl).`,
      id: 'summary-serial',
    },
    {
      key: 'Parallel part',
      value: formatMs(f.parallel),
      explain:
        'Time while at least one parallel call (map, scatter, gather, apply ...) was running.',
      id: 'summary-parallel',
    },
    {
      key: 'Compute (sum)',
      value: formatMs(f.compute),
      explain:
        'Sum of every task’s compute time. It grows when tasks share hardware threads, so it is not what one worker would take.',
      id: 'summary-compute',
    },
    contentionCell(f),
    {
      key: 'Overhead',
      value: percent(f.overhead),
      explain:
        'Share of the hardware threads’ time inside parallel calls not spent computing: sending, receiving and waiting.',
      id: 'summary-overhead',
    },
    {
      key: 'Tasks/s',
      value: formatNumber(f.tasksPerSecond, 0),
      explain: 'Tasks finished per second of wall time.',
      id: 'summary-rate',
    },
  ];
}

/** The warning shown when workers outnumber hardware threads, or undefined. */
export function oversubscriptionText(workers: number, threads: number): string | undefined {
  if (workers <= threads) return undefined;
  return `${workers} workers on ${threads} hardware threads: workers take turns on the threads, so each task computes about ${formatNumber(workers / threads, 1)}× slower and the speedup cannot pass ${threads}×.`;
}

/** Builds the figures block (stats grid, notes) for `f`. */
export function figuresElement(f: RunFigures, baselineWall: number | undefined): HTMLElement {
  const box = document.createElement('div');
  const grid = document.createElement('div');
  grid.className = 'stats';
  for (const c of cells(f, baselineWall)) {
    const stat = document.createElement('div');
    stat.className = 'stat';
    stat.title = c.explain;
    const k = document.createElement('span');
    k.className = 'k';
    k.textContent = c.key;
    const v = document.createElement('span');
    v.className = 'v';
    v.dataset['testid'] = c.id;
    v.textContent = c.value;
    const why = document.createElement('span');
    why.className = 'sr-only';
    why.textContent = c.explain;
    stat.append(k, v, why);
    grid.append(stat);
  }
  box.append(grid);
  const warn = oversubscriptionText(f.workers, f.threads);
  if (warn) box.append(note(warn, 'warn', 'oversubscribed'));
  if (f.speedupKind === 'estimated' && f.workers > 1)
    box.append(
      note(
        'The speedup is an estimate (≈): tasks compute slower when workers share cores. Run with 1 worker, or the Scaling sweep, and it is measured against that run.',
        'muted',
        'speedup-note',
      ),
    );
  return box;
}

function note(text: string, cls: string, id: string): HTMLElement {
  const p = document.createElement('p');
  p.className = `figures-note ${cls}`;
  p.dataset['testid'] = id;
  p.textContent = text;
  return p;
}
