/**
 * Which script the editor shows and how the person moves between them: their own, an
 * example, or a share link's. Links are read from the URL hash at load and whenever it
 * changes; a bad link is reported in the error box and changes nothing else.
 */
import type { Example } from '../../examples/example';
import type { SerializedError } from '../../protocol/messages';
import {
  decodeLink,
  LINK_PREFIX,
  ShareLinkError,
  type LinkSettings,
  type SharedScript,
} from '../../share/link-codec.js';
import type { ScriptSlots, ScriptSource } from '../../share/script-slots';
import { buildComparison, type YourRun } from './run-compare';
import type { SourceBanner } from './source-banner';

/** What the controller works with. */
export interface SourceDeps {
  slots: ScriptSlots;
  editor: { getText(): string; setText(text: string): void };
  banner: SourceBanner;
  findExample(id: string): Example | undefined;
  showError(error: SerializedError): void;
  clearError(): void;
  /** Applies a link's settings (the worker count) to the toolbar. */
  applySettings(settings: LinkSettings): void;
}

/** Moves the editor between the person's script, examples and links, keeping every text. */
export class ScriptSources {
  /** The link being shown, decoded (for its sender's run). */
  private link: SharedScript | undefined;

  constructor(private readonly deps: SourceDeps) {}

  /** What the editor shows now. */
  current(): ScriptSource {
    return this.deps.slots.source;
  }

  /** A file name for what is shown, for downloads: `my-script.ts`, `examples/<id>.ts`, `shared-link.ts`. */
  fileName(): string {
    const s = this.current();
    return s.kind === 'example'
      ? `examples/${s.id}.ts`
      : s.kind === 'link'
        ? 'shared-link.ts'
        : 'my-script.ts';
  }

  /**
   * Restores the banner for what the editor shows after a reload, then opens the link in
   * the URL hash, if there is one. Listens for later hash changes (a link pasted into the
   * address bar of an open page).
   */
  async start(): Promise<void> {
    const s = this.current();
    if (s.kind === 'example') {
      const example = this.deps.findExample(s.id);
      if (example) this.deps.banner.showExample(example, this.parentOf(example));
      else this.backToOwn();
    } else if (s.kind === 'link') {
      try {
        this.link = await decodeLink(s.hash);
        this.deps.banner.showLink(this.link);
      } catch {
        this.backToOwn();
      }
    }
    window.addEventListener('hashchange', () => {
      this.openHash(location.hash).catch((e: unknown) => this.report(e));
    });
    await this.openHash(location.hash);
  }

  /** Opens the link in `hash`; the same link already shown keeps its edited text. */
  async openHash(hash: string): Promise<void> {
    const text = hash.replace(/^#/, '');
    if (!text.startsWith(LINK_PREFIX.slice(0, -1))) return;
    const s = this.current();
    if (s.kind === 'link' && s.hash === text && this.link) return;
    let shared: SharedScript;
    try {
      shared = await decodeLink(text);
    } catch (e) {
      this.report(e);
      return;
    }
    this.deps.clearError();
    this.link = shared;
    this.deps.slots.visit({ kind: 'link', hash: text }, shared.code);
    this.deps.editor.setText(shared.code);
    this.deps.applySettings(shared.settings);
    this.deps.banner.showLink(shared);
  }

  /** Shows an example (or an example's variant); the person's own script stays in its slot. */
  openExample(id: string): void {
    const example = this.deps.findExample(id);
    if (!example) return;
    this.link = undefined;
    this.dropHash();
    this.deps.slots.visit({ kind: 'example', id }, example.code);
    this.deps.editor.setText(example.code);
    this.deps.banner.showExample(example, this.parentOf(example));
  }

  /** Brings back the person's own script. */
  backToOwn(): void {
    this.link = undefined;
    this.dropHash();
    this.deps.editor.setText(this.deps.slots.backToOwn());
    this.deps.banner.showOwn();
  }

  /** Makes what is shown the person's own script. */
  keepAsOwn(): void {
    this.link = undefined;
    this.dropHash();
    this.deps.slots.keepAsOwn(this.deps.editor.getText());
    this.deps.banner.showOwn();
  }

  /** After a run of a link that carried the sender's run: both runs side by side. */
  afterRun(yours: YourRun): void {
    if (this.current().kind !== 'link' || !this.link?.sender) return;
    this.deps.banner.showComparison(buildComparison(this.link.sender, yours));
  }

  /** The example this one is a variant of, if it is one. */
  private parentOf(example: Example): Example | undefined {
    const parent = this.deps.findExample(example.id.replace(/-gpu$/, ''));
    return parent && parent.id !== example.id && parent.variants?.some((v) => v.id === example.id)
      ? parent
      : undefined;
  }

  /** Removes a share link from the address bar, so a reload does not reopen it. */
  private dropHash(): void {
    if (location.hash.startsWith(`#${LINK_PREFIX.slice(0, -1)}`))
      history.replaceState(null, '', location.pathname + location.search);
  }

  private report(e: unknown): void {
    if (e instanceof ShareLinkError) {
      if (e.problem === 'not-a-link') return;
      this.deps.showError({ name: e.name, message: e.message, hint: e.hint });
    } else {
      const err = e instanceof Error ? e : new Error(String(e));
      this.deps.showError({
        name: err.name,
        message: `Could not open the link: ${err.message}`,
        hint: 'Your own script is unchanged.',
      });
    }
  }
}
