/**
 * The timeline's DOM: a toolbar (Fit, Export trace), the focusable canvas, the tooltip and
 * a live region; the view fills them in.
 */

/** The elements a timeline view draws into and listens on. */
export interface TimelineDom {
  root: HTMLDivElement;
  plot: HTMLDivElement;
  canvas: HTMLCanvasElement;
  ctx: CanvasRenderingContext2D;
  tooltip: HTMLDivElement;
  announce: HTMLDivElement;
  fitButton: HTMLButtonElement;
  exportButton: HTMLButtonElement;
  /** Shown over the canvas until the first run: what will appear there. */
  empty: HTMLDivElement;
}

function button(text: string, title: string): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = text;
  b.title = title;
  return b;
}

/** One legend entry: a swatch drawn like the phase on the canvas, and its name. */
function legendItem(kind: string, text: string, title: string): HTMLElement {
  const item = document.createElement('span');
  item.className = 'timeline-legend-item';
  item.title = title;
  const swatch = document.createElement('span');
  swatch.className = `timeline-swatch timeline-swatch-${kind}`;
  swatch.setAttribute('aria-hidden', 'true');
  item.append(swatch, text);
  return item;
}

/** The phases legend: what the pale, solid and thin parts of a task mean. */
function createLegend(): HTMLElement {
  const legend = document.createElement('div');
  legend.className = 'timeline-legend';
  legend.dataset['testid'] = 'timeline-legend';
  legend.setAttribute('role', 'list');
  legend.setAttribute('aria-label', 'Timeline legend');
  const items = [
    legendItem(
      'queue',
      'queued / in transit',
      'Pale: the task was sent and is travelling to its worker or waiting behind the task before it.',
    ),
    legendItem(
      'compute',
      'computing',
      'Solid: the worker is computing the task. Zoomed out, the height shows how much of that stretch of time was computing.',
    ),
    legendItem('tail', 'result returning', 'Thin dark line: the result is travelling back.'),
    legendItem(
      'running',
      'running now',
      'Dashed outline: sent and not back yet (grey after Stop).',
    ),
    legendItem(
      'script',
      'script computing',
      "Driver lane, striped: the script's own code ran on its thread (a serial part more workers do not speed up).",
    ),
  ];
  for (const i of items) i.setAttribute('role', 'listitem');
  legend.append(...items);
  return legend;
}

/** The text over the canvas before the first run. */
function createEmptyState(): HTMLDivElement {
  const empty = document.createElement('div');
  empty.className = 'timeline-empty';
  empty.dataset['testid'] = 'timeline-empty';
  const head = document.createElement('strong');
  head.textContent = 'The timeline of your run appears here.';
  const body = document.createElement('span');
  body.textContent =
    "Press Run (Ctrl+Enter): one lane per worker fills with a bar per task, coloured by call, and the driver lane shows each parallel call and the script's own computing. Hover a bar for its times; zoom with the wheel.";
  empty.append(head, body);
  return empty;
}

/** Builds the timeline's elements (not yet attached to the page). */
export function createTimelineDom(): TimelineDom {
  const root = document.createElement('div');
  root.className = 'timeline';
  const bar = document.createElement('div');
  bar.className = 'timeline-toolbar';
  const fitButton = button('Fit', 'Fit the whole run (double-click the timeline, or press 0)');
  const exportButton = button(
    'Export trace',
    'Download the run as Chrome trace-event JSON (Perfetto, chrome://tracing)',
  );
  bar.append(fitButton, exportButton, createLegend());
  const plot = document.createElement('div');
  plot.className = 'timeline-plot';
  const canvas = document.createElement('canvas');
  canvas.tabIndex = 0;
  // Arrow keys navigate tasks, so screen readers should pass them through.
  canvas.setAttribute('role', 'application');
  canvas.setAttribute('aria-describedby', 'timeline-summary');
  canvas.dataset['testid'] = 'timeline-canvas';
  canvas.setAttribute(
    'aria-label',
    'Task timeline, one lane per worker. Arrow keys move between tasks, + and - zoom, 0 fits.',
  );
  const ctx = canvas.getContext('2d', { alpha: false });
  if (!ctx) throw new Error('The timeline needs a 2D canvas, which this browser did not provide.');
  const tooltip = document.createElement('div');
  tooltip.className = 'timeline-tooltip';
  tooltip.setAttribute('role', 'tooltip');
  tooltip.id = `timeline-tip-${Math.random().toString(36).slice(2)}`;
  tooltip.hidden = true;
  const announce = document.createElement('div');
  announce.className = 'visually-hidden';
  announce.setAttribute('aria-live', 'polite');
  const empty = createEmptyState();
  plot.append(canvas, empty);
  root.append(bar, plot, tooltip, announce);
  return { root, plot, canvas, ctx, tooltip, announce, fitButton, exportButton, empty };
}
