/**
 * Where the editor's text is kept: the person's own script in its own autosave slot, and
 * a second slot for what they are visiting (an example or a share link). Opening an
 * example or a link never writes to the person's slot, so their script is always one
 * click away ("Back to my script"); only an explicit "Keep as my script" replaces it.
 * DOM-free: the page passes `localStorage`, tests pass a Map-backed store.
 */

/** The part of the Web Storage API the slots use (localStorage, or a test double). */
export interface SlotStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** What the editor shows: the person's own script, an example, or a share link's script. */
export type ScriptSource =
  | { kind: 'own' }
  | { kind: 'example'; id: string }
  /** `hash` is the link's hash (without `#`), to recognise the same link after a reload. */
  | { kind: 'link'; hash: string };

/** The person's own script (the key the first versions of Fanout autosaved to). */
export const OWN_KEY = 'fanout:script';
/** The text being visited (an example or a link, perhaps edited since). */
export const VISIT_KEY = 'fanout:visit';
/** JSON of the {@link ScriptSource} the editor shows. */
export const SOURCE_KEY = 'fanout:source';

/** Reads a stored source, treating anything malformed as the person's own script. */
function parseSource(json: string | null): ScriptSource {
  if (json === null) return { kind: 'own' };
  try {
    const v: unknown = JSON.parse(json);
    if (typeof v !== 'object' || v === null) return { kind: 'own' };
    const o = v as Record<string, unknown>;
    if (o.kind === 'example' && typeof o.id === 'string') return { kind: 'example', id: o.id };
    if (o.kind === 'link' && typeof o.hash === 'string') return { kind: 'link', hash: o.hash };
  } catch {
    // A damaged entry falls back to the person's own script, which is never lost.
  }
  return { kind: 'own' };
}

/** The person's script and the visited one, persisted in a {@link SlotStorage}. */
export class ScriptSlots {
  private current: ScriptSource;

  /**
   * @param storage where to keep the slots; failures to write (full or disabled storage)
   *   are ignored, so the editor keeps working without persistence
   * @param starter the text of a person who has never typed anything
   */
  constructor(
    private readonly storage: SlotStorage,
    private readonly starter: string,
  ) {
    this.current = parseSource(this.read(SOURCE_KEY));
  }

  /** What the editor shows now. */
  get source(): ScriptSource {
    return this.current;
  }

  /** The person's own script (the starter if they never typed). */
  own(): string {
    return this.read(OWN_KEY) ?? this.starter;
  }

  /** The visited text as last saved (an edited example or link), if any. */
  visited(): string | undefined {
    return this.current.kind === 'own' ? undefined : (this.read(VISIT_KEY) ?? undefined);
  }

  /** Saves the editor's text into the slot of what it shows. */
  save(text: string): void {
    this.write(this.current.kind === 'own' ? OWN_KEY : VISIT_KEY, text);
  }

  /** Shows `text` from an example or a link: the person's own slot is left as it is. */
  visit(source: Exclude<ScriptSource, { kind: 'own' }>, text: string): void {
    this.setSource(source);
    this.write(VISIT_KEY, text);
  }

  /** Back to the person's own script; returns its text. */
  backToOwn(): string {
    this.setSource({ kind: 'own' });
    return this.own();
  }

  /** Makes `text` (what is shown) the person's own script, on their explicit request. */
  keepAsOwn(text: string): void {
    this.write(OWN_KEY, text);
    this.setSource({ kind: 'own' });
  }

  private setSource(source: ScriptSource): void {
    this.current = source;
    this.write(SOURCE_KEY, JSON.stringify(source));
  }

  private read(key: string): string | null {
    try {
      return this.storage.getItem(key);
    } catch {
      return null;
    }
  }

  private write(key: string, value: string): void {
    try {
      this.storage.setItem(key, value);
    } catch {
      // Storage can be full or disabled (private windows); the editor still works.
    }
  }
}
