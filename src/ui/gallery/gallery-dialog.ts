/**
 * The Examples dialog: one button per lesson (title and one-line description), a small
 * button beside it for each of its variants (e.g. "GPU version"), and "My script" at the
 * top, which brings back the person's own text.
 */
import type { Example } from '../../examples/example';
import type { ScriptSource } from '../../share/script-slots';
import { h } from './build';

/** What the dialog's buttons do. */
export interface GalleryActions {
  openExample(id: string): void;
  backToOwn(): void;
  /** What the editor shows now (its entry is marked as current). */
  current(): ScriptSource;
}

/** A modal list of the examples, opened by the toolbar's Examples button. */
export class GalleryDialog {
  private readonly dialog: HTMLDialogElement;

  /** Builds the dialog (closed) at the end of `document.body`. */
  constructor(
    private readonly examples: readonly Example[],
    private readonly actions: GalleryActions,
  ) {
    this.dialog = h('dialog', {
      id: 'gallery',
      class: 'gallery-dialog',
      attrs: { 'aria-labelledby': 'gallery-title' },
    });
    document.body.append(this.dialog);
  }

  /** Opens the dialog with the current entry marked and focused. */
  open(): void {
    const current = this.actions.current();
    const marked = (id: string): Record<string, string> =>
      (id === 'own' ? current.kind === 'own' : current.kind === 'example' && current.id === id)
        ? { 'aria-current': 'true' }
        : {};
    const own = h(
      'button',
      {
        class: 'gallery-item own',
        attrs: { 'data-example': 'own', ...marked('own') },
        onClick: () => this.choose(() => this.actions.backToOwn()),
      },
      h('span', { class: 'gallery-title' }, 'My script'),
      h(
        'span',
        { class: 'gallery-desc' },
        'Your own text, as you left it (kept while you look at examples).',
      ),
    );
    const items = this.examples.map((e, i) => this.entry(e, i, marked));
    this.dialog.replaceChildren(
      h(
        'div',
        { class: 'dialog-head' },
        h('h2', { id: 'gallery-title' }, 'Examples'),
        h('button', { class: 'small', onClick: () => this.dialog.close() }, 'Close'),
      ),
      h(
        'p',
        { class: 'muted' },
        'Each example opens in the editor with a note on what to notice. Opening one never replaces your own script: "My script" brings it back.',
      ),
      h('ul', { class: 'gallery-list', attrs: { 'aria-label': 'Your script' } }, h('li', {}, own)),
      h('ul', { class: 'gallery-list', attrs: { 'aria-label': 'Lessons' } }, ...items),
    );
    this.dialog.showModal();
    const mark = this.dialog.querySelector<HTMLButtonElement>('[aria-current="true"]');
    mark?.focus();
  }

  /** Example `e`'s list entry (number `i` + 1): its button and a button per variant. */
  private entry(
    e: Example,
    i: number,
    marked: (id: string) => Record<string, string>,
  ): HTMLElement {
    return h(
      'li',
      { class: 'gallery-entry' },
      h(
        'button',
        {
          class: 'gallery-item',
          attrs: { 'data-example': e.id, ...marked(e.id) },
          onClick: () => this.choose(() => this.actions.openExample(e.id)),
        },
        h('span', { class: 'gallery-title' }, `${i + 1}. ${e.title}`),
        h('span', { class: 'gallery-desc' }, e.description),
      ),
      ...(e.variants ?? []).map((v) =>
        h(
          'button',
          {
            class: 'small gallery-variant',
            attrs: {
              'data-example': v.id,
              'aria-label': `${e.title}: ${v.label}`,
              ...marked(v.id),
            },
            onClick: () => this.choose(() => this.actions.openExample(v.id)),
          },
          v.label,
        ),
      ),
    );
  }

  private choose(action: () => void): void {
    this.dialog.close();
    action();
  }
}
