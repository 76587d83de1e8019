/**
 * The timeline canvas's colours and sizes, read from the page's CSS custom properties
 * (timeline.css), so the canvas follows the light or dark theme and presentation mode as
 * the rest of the page does.
 */

/** Colours (CSS strings) and sizes (CSS px) one frame is drawn with. */
export interface TimelineTheme {
  bg: string;
  laneA: string;
  laneB: string;
  text: string;
  muted: string;
  grid: string;
  now: string;
  hover: string;
  focus: string;
  /** Call labels drawn on top of the palette's bars. */
  onBar: string;
  /**
   * Opacity of the queued / in-transit phase over the lane: pale, yet visible on the lane
   * colour of the theme (the light theme needs more).
   */
  queueAlpha: number;
  /** Lane labels and axis ticks. */
  fontPx: number;
  /** Tallest lane. */
  laneMax: number;
}

/** The dark theme's values; also the fallback for any property the page does not set. */
export const DEFAULT_THEME: TimelineTheme = {
  bg: '#12151c',
  laneA: '#161b22',
  laneB: '#1b2029',
  text: '#c9d1d9',
  muted: '#8b949e',
  grid: '#30363d',
  now: '#58a6ff',
  hover: '#f0f6fc',
  focus: '#58a6ff',
  onBar: '#0d1117',
  queueAlpha: 0.3,
  fontPx: 11,
  laneMax: 56,
};

/** Reads the theme from the custom properties in effect at `el`. */
export function readTheme(el: Element): TimelineTheme {
  const css = getComputedStyle(el);
  const colour = (name: string, fallback: string): string =>
    css.getPropertyValue(name).trim() || fallback;
  const px = (name: string, fallback: number): number => {
    const n = parseFloat(css.getPropertyValue(name));
    return Number.isFinite(n) && n > 0 ? n : fallback;
  };
  const d = DEFAULT_THEME;
  return {
    bg: colour('--tl-bg', d.bg),
    laneA: colour('--tl-lane-a', d.laneA),
    laneB: colour('--tl-lane-b', d.laneB),
    text: colour('--tl-text', d.text),
    muted: colour('--tl-muted', d.muted),
    grid: colour('--tl-grid', d.grid),
    now: colour('--tl-now', d.now),
    hover: colour('--tl-hover', d.hover),
    focus: colour('--focus', d.focus),
    onBar: colour('--tl-on-bar', d.onBar),
    queueAlpha: px('--tl-queue-alpha', d.queueAlpha),
    fontPx: px('--tl-font', d.fontPx),
    laneMax: px('--tl-lane-max', d.laneMax),
  };
}

/** The CSS font of lane labels and ticks at `px` pixels. */
export function labelFont(px: number): string {
  return `${px}px system-ui, sans-serif`;
}
