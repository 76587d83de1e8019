/**
 * Presentation mode for a projector: large type in the editor and the panels, thick
 * timeline lanes with big labels and large headline figures (present.css). Turned on by
 * the toolbar's Present button or `?present` in the address, which the button keeps in
 * step so a reload or a copied link stays in the mode.
 */

/** Editor font size, CSS px, in the normal and the presentation layout. */
const EDITOR_PX = { normal: 14, present: 24 } as const;

/** What changes with the mode outside the CSS. */
export interface PresentationTargets {
  /** The toolbar's toggle (an `aria-pressed` button). */
  button: HTMLButtonElement;
  /** True when the page started with `?present`. */
  initial: boolean;
  setEditorFontSize: (px: number) => void;
  /** Called after the layout attribute changed (the timeline re-reads its sizes). */
  restyle: () => void;
}

/** Wires the toggle and applies the initial mode; returns a setter for tests and embeds. */
export function setupPresentation(t: PresentationTargets): (on: boolean) => void {
  const set = (on: boolean): void => {
    const root = document.documentElement;
    root.dataset.layout = on ? 'present' : 'full';
    t.button.setAttribute('aria-pressed', String(on));
    t.setEditorFontSize(on ? EDITOR_PX.present : EDITOR_PX.normal);
    const url = new URL(location.href);
    if (on !== url.searchParams.has('present')) {
      if (on) url.searchParams.set('present', '');
      else url.searchParams.delete('present');
      // `?present=` reads worse than `?present`; both parse the same (page-mode.ts).
      history.replaceState(history.state, '', url.href.replace(/([?&]present)=(?=&|#|$)/, '$1'));
    }
    t.restyle();
  };
  t.button.addEventListener('click', () => set(t.button.getAttribute('aria-pressed') !== 'true'));
  if (t.initial) set(true);
  return set;
}
