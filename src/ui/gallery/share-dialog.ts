/**
 * The Share dialog: makes the link (script and settings, optionally the sender's machine
 * and last run), copies it and shows its length.
 */
import {
  encodeLink,
  ShareLinkError,
  type Sender,
  type SharedScript,
} from '../../share/link-codec.js';
import { formatCount } from '../format';
import { h } from './build';

/** What the dialog needs from the page. */
export interface ShareSource {
  /** The script and settings to share. */
  shared(): Omit<SharedScript, 'sender'>;
  /** The sender's machine, with their last run when there is one. */
  sender(): Sender;
}

/** The dialog opened by the toolbar's Share button. */
export class ShareDialog {
  private readonly dialog: HTMLDialogElement;
  private readonly include: HTMLInputElement;
  private readonly output: HTMLInputElement;
  private readonly status: HTMLElement;

  /** Builds the dialog (closed) at the end of `document.body`. */
  constructor(private readonly source: ShareSource) {
    this.include = h('input', { type: 'checkbox', id: 'share-include-run' });
    this.include.checked = true;
    this.include.addEventListener('change', () => {
      this.refresh().catch((e: unknown) => this.fail(e));
    });
    this.output = h('input', {
      id: 'share-link',
      class: 'share-link',
      attrs: { readonly: '', spellcheck: 'false' },
    });
    this.status = h('p', {
      class: 'share-status',
      attrs: { role: 'status', 'data-testid': 'share-status' },
    });
    this.dialog = h(
      'dialog',
      { id: 'share', class: 'share-dialog', attrs: { 'aria-labelledby': 'share-title' } },
      h(
        'div',
        { class: 'dialog-head' },
        h('h2', { id: 'share-title' }, 'Share this script'),
        h('button', { class: 'small', onClick: () => this.dialog.close() }, 'Close'),
      ),
      h(
        'p',
        { class: 'muted' },
        'The link holds the script and the worker count, compressed into the part after "#": nothing is uploaded anywhere. Whoever opens it sees the code first; it runs only when they press Run.',
      ),
      h(
        'p',
        {},
        this.include,
        ' ',
        h(
          'label',
          { attrs: { for: 'share-include-run' } },
          'Include my machine and last run (threads, browser, timings), so they can compare',
        ),
      ),
      h('label', { attrs: { for: 'share-link' } }, 'Link'),
      this.output,
      h(
        'p',
        { class: 'share-actions' },
        h(
          'button',
          {
            class: 'primary',
            onClick: () => {
              this.copy().catch((e: unknown) => this.fail(e));
            },
          },
          'Copy link',
        ),
      ),
      this.status,
    );
    document.body.append(this.dialog);
  }

  /** Makes the link, opens the dialog and copies the link. */
  async open(): Promise<void> {
    this.status.textContent = '';
    this.output.value = '';
    this.dialog.showModal();
    if (await this.refresh()) await this.copy();
  }

  /** Encodes the current script; returns false (with the reason shown) when it cannot. */
  private async refresh(): Promise<boolean> {
    const shared: SharedScript = { ...this.source.shared() };
    if (this.include.checked) shared.sender = this.source.sender();
    try {
      const hash = await encodeLink(shared);
      const url = new URL(location.href);
      url.hash = hash;
      this.output.value = url.href;
      this.status.textContent = `${formatCount(url.href.length)} characters`;
      return true;
    } catch (e) {
      this.fail(e);
      return false;
    }
  }

  private async copy(): Promise<void> {
    const link = this.output.value;
    if (!link) return;
    const length = `${formatCount(link.length)} characters`;
    try {
      await navigator.clipboard.writeText(link);
      this.status.textContent = `Link copied: ${length}`;
    } catch {
      this.output.focus();
      this.output.select();
      this.status.textContent = `${length}. The browser did not allow copying: the link is selected, press Ctrl+C (Cmd+C).`;
    }
  }

  private fail(e: unknown): void {
    this.status.textContent =
      e instanceof ShareLinkError
        ? `${e.message} ${e.hint}`
        : `Could not make the link: ${String(e)}`;
  }
}
