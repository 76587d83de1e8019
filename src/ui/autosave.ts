/**
 * Autosave: the page's storage for the script slots (`src/share/script-slots.ts`), so the
 * person's text survives a reload, a crash or a bad link.
 */
import { ScriptSlots, type SlotStorage } from '../share/script-slots';

/** A store that forgets everything when the page closes. */
function memoryStorage(): SlotStorage {
  const memory = new Map<string, string>();
  return { getItem: (k) => memory.get(k) ?? null, setItem: (k, v) => void memory.set(k, v) };
}

/** `localStorage`, or a memory-only store where the browser refuses storage (some iframes, private modes). */
function pageStorage(): SlotStorage {
  try {
    const storage = window.localStorage;
    storage.getItem('fanout:probe');
    return storage;
  } catch {
    return memoryStorage();
  }
}

/**
 * The person's own script and the visited one, kept in the page's storage, or only in
 * memory when `persist` is false (an embed must not touch the person's saved text).
 */
export function openScriptSlots(starter: string, persist = true): ScriptSlots {
  return new ScriptSlots(persist ? pageStorage() : memoryStorage(), starter);
}
