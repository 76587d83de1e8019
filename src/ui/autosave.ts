const KEY = 'fanout:script';

/** The editor text saved by the last session, if any. */
export function loadAutosave(): string | undefined {
  try {
    return localStorage.getItem(KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

/** Saves the editor text so it survives a reload or a crash. */
export function saveAutosave(text: string): void {
  try {
    localStorage.setItem(KEY, text);
  } catch {
    // Storage can be full or disabled (private windows); the editor still works.
  }
}
