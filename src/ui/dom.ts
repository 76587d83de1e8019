/**
 * Element builders for the panels: every piece of text goes in through `textContent`, so a
 * string from a script (a label, a printed value, a table cell) can never become markup.
 */

/** A child of an element: a node, text, or nothing (skipped). */
export type Child = Node | string | null | undefined | false;

/** What `h` sets on a new element besides its children. */
export interface Props {
  className?: string;
  /** Text content (set before the children are appended). */
  text?: string;
  title?: string;
  /** Attributes (`aria-*`, `role`, `tabindex`...), set with setAttribute. */
  attrs?: Record<string, string | number>;
  /** `data-*` attributes: `{ testid: 'x' }` becomes `data-testid="x"`. */
  data?: Record<string, string | number>;
  /** Inline style properties, as `{ width: '50%' }`. */
  style?: Partial<Record<'width' | 'background' | 'borderTop', string>>;
}

/** Creates a `tag` element with `props` and `children` (text children become text nodes). */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.className) node.className = props.className;
  if (props.text !== undefined) node.textContent = props.text;
  if (props.title !== undefined) node.title = props.title;
  for (const [k, v] of Object.entries(props.attrs ?? {})) node.setAttribute(k, String(v));
  for (const [k, v] of Object.entries(props.data ?? {})) node.dataset[k] = String(v);
  for (const [k, v] of Object.entries(props.style ?? {})) {
    if (v !== undefined) node.style[k as 'width'] = v;
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) node.append(c);
  return node;
}

/** A table row of `tag` cells, one per text. */
export function row(cells: readonly string[], tag: 'th' | 'td' = 'td'): HTMLTableRowElement {
  return h('tr', {}, ...cells.map((text) => h(tag, { text })));
}
