/**
 * A small element builder for the gallery, share and download UI: text is always set with
 * `textContent`, so a script's or a link's text can never become markup.
 */

/** Attributes and properties `h` understands. */
export interface Props {
  class?: string;
  id?: string;
  title?: string;
  type?: string;
  hidden?: boolean;
  /** Attributes set with setAttribute (`aria-*`, `data-*`, `role`, `for` ...). */
  attrs?: Record<string, string>;
  onClick?: (e: Event) => void;
}

/** Creates an element with `props` and children (strings become text nodes). */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props = {},
  ...children: (Node | string | undefined | false)[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props.class) el.className = props.class;
  if (props.id) el.id = props.id;
  if (props.title) el.title = props.title;
  if (props.type) el.setAttribute('type', props.type);
  if (props.hidden) el.hidden = true;
  for (const [k, v] of Object.entries(props.attrs ?? {})) el.setAttribute(k, v);
  if (props.onClick) el.addEventListener('click', props.onClick);
  for (const c of children) if (c !== undefined && c !== false) el.append(c);
  return el;
}

/** Saves `text` as a file called `name` through the browser's download. */
export function downloadText(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h('a', { attrs: { href: url, download: name } });
  document.body.append(a);
  a.click();
  a.remove();
  // The download has started from the object URL; revoking it on the next turn is safe.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** The browser's name and major version, e.g. "Chrome 156", for share links and reports. */
export function browserName(): string {
  const ua = navigator.userAgent;
  for (const [name, re] of [
    ['Edge', /Edg\/(\d+)/],
    ['Firefox', /Firefox\/(\d+)/],
    ['Chrome', /Chrome\/(\d+)/],
    ['Safari', /Version\/(\d+).*Safari/],
  ] as const) {
    const m = re.exec(ua);
    if (m) return `${name} ${m[1]}`;
  }
  return 'unknown browser';
}
