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
}

function button(text: string, title: string): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = text;
  b.title = title;
  return b;
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
  bar.append(fitButton, exportButton);
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
  plot.append(canvas);
  root.append(bar, plot, tooltip, announce);
  return { root, plot, canvas, ctx, tooltip, announce, fitButton, exportButton };
}
