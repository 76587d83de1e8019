/**
 * The note beside the code that says where it came from: an example's title and "what to
 * notice", or "opened from a link, not run yet", with the way back to the person's own
 * script and the way to keep what is shown. Hidden while the person's own script is shown.
 */
import type { Example } from '../../examples/example';
import type { SharedScript } from '../../share/link-codec.js';
import { formatMs } from '../format';
import { h } from './build';

/** What the banner's buttons do. */
export interface BannerActions {
  backToOwn(): void;
  keepAsOwn(): void;
  openExample(id: string): void;
}

/** The banner above the editor. */
export class SourceBanner {
  /** Where the two-run comparison goes once the receiver of a link has run it. */
  private compareSlot: HTMLElement | undefined;

  constructor(
    private readonly el: HTMLElement,
    private readonly actions: BannerActions,
  ) {
    el.hidden = true;
  }

  /** Hides the banner: the person's own script is shown. */
  showOwn(): void {
    this.el.hidden = true;
    this.el.replaceChildren();
    delete this.el.dataset.source;
    this.compareSlot = undefined;
  }

  /** Shows an example's title, its source and what to notice. */
  showExample(example: Example, variantOf?: Example): void {
    const variants = (variantOf ?? example).variants ?? [];
    const others = variantOf
      ? [
          { id: variantOf.id, label: 'the original version' },
          ...variants.filter((v) => v.id !== example.id),
        ]
      : variants;
    this.render('example', `Example: ${example.title}`, [
      h(
        'p',
        { class: 'source-notice', attrs: { 'data-testid': 'notice' } },
        h('strong', {}, 'What to notice: '),
        example.notice,
      ),
      h('p', { class: 'muted source-origin' }, `From the seed lessons: ${example.source}.`),
      others.length > 0 &&
        h(
          'p',
          { class: 'source-variants' },
          'Also: ',
          ...others.map((v) =>
            h(
              'button',
              { class: 'small', onClick: () => this.actions.openExample(v.id) },
              `Open ${v.label}`,
            ),
          ),
        ),
    ]);
  }

  /** Shows that the code came from a link, has not run, and who sent it. */
  showLink(shared: SharedScript): void {
    const s = shared.sender;
    const from = s
      ? `Made on ${s.threads} thread${s.threads === 1 ? '' : 's'} (${s.browser})` +
        (s.run
          ? `; their run took ${formatMs(s.run.wall)} on ${s.run.workers} worker${s.run.workers === 1 ? '' : 's'}.`
          : '.')
      : undefined;
    this.render('link', 'Opened from a share link', [
      h(
        'p',
        { class: 'source-notice', attrs: { 'data-testid': 'notice' } },
        'This script came from a link and has not run. Read it first, then press Run. Your own script is kept: "Back to my script" brings it back.',
      ),
      from !== undefined &&
        h('p', { class: 'muted', attrs: { 'data-testid': 'link-sender' } }, from),
    ]);
    this.compareSlot = h('div', { class: 'compare-slot' });
    this.el.append(this.compareSlot);
  }

  /** Shows (or replaces) the two-run comparison under a link's banner. */
  showComparison(comparison: HTMLElement): void {
    this.compareSlot?.replaceChildren(comparison);
  }

  private render(kind: string, title: string, body: (Node | false | undefined)[]): void {
    this.el.dataset.source = kind;
    this.compareSlot = undefined;
    this.el.replaceChildren(
      h(
        'div',
        { class: 'source-head' },
        h('h2', { id: 'source-title' }, title),
        h(
          'span',
          { class: 'source-actions' },
          h(
            'button',
            { class: 'small', onClick: () => this.actions.backToOwn() },
            'Back to my script',
          ),
          h(
            'button',
            {
              class: 'small',
              title: 'Make the text in the editor your own script (it replaces your saved one)',
              onClick: () => this.actions.keepAsOwn(),
            },
            'Keep this as my script',
          ),
        ),
      ),
      ...body.filter((b): b is Node => b instanceof Node),
    );
    this.el.hidden = false;
  }
}
