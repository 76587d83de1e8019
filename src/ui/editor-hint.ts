/**
 * The line above the editor that says how to leave it: Monaco keeps Tab for indenting, so
 * a keyboard user needs Escape then Tab, or Ctrl+M to make Tab move focus.
 */

type Part = string | { key: string };

const INDENTS: Part[] = [
  'Tab indents. To leave the editor, press ',
  { key: 'Esc' },
  ' then ',
  { key: 'Tab' },
  '; ',
  { key: 'Ctrl' },
  '+',
  { key: 'M' },
  ' makes Tab move focus.',
];

const MOVES: Part[] = [
  'Tab now moves focus out of the editor; ',
  { key: 'Ctrl' },
  '+',
  { key: 'M' },
  ' makes it indent again.',
];

/** Writes the hint for the current Tab mode into `el` (text and `kbd` elements). */
export function showTabHint(el: HTMLElement, movesFocus: boolean): void {
  el.replaceChildren(
    ...(movesFocus ? MOVES : INDENTS).map((p) => {
      if (typeof p === 'string') return document.createTextNode(p);
      const k = document.createElement('kbd');
      k.textContent = p.key;
      return k;
    }),
  );
}
