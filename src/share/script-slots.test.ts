import { describe, expect, it } from 'vitest';
import { OWN_KEY, ScriptSlots, type SlotStorage } from './script-slots';

/** A Map-backed stand-in for localStorage. */
function memoryStorage(): SlotStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
  };
}

describe(ScriptSlots, () => {
  it('gives the starter to someone who never typed, then their own text', () => {
    const storage = memoryStorage();
    const slots = new ScriptSlots(storage, 'starter');
    expect(slots.own()).toBe('starter');
    slots.save('mine');
    expect(new ScriptSlots(storage, 'starter').own()).toBe('mine');
  });

  it('keeps the own script while an example is visited and edited, across reloads', () => {
    const storage = memoryStorage();
    const slots = new ScriptSlots(storage, 'starter');
    slots.save('my work');
    slots.visit({ kind: 'example', id: 'monte-carlo-pi' }, 'example code');
    slots.save('example code, edited');
    expect(storage.data.get(OWN_KEY)).toBe('my work');

    const reloaded = new ScriptSlots(storage, 'starter');
    expect(reloaded.source).toEqual({ kind: 'example', id: 'monte-carlo-pi' });
    expect(reloaded.visited()).toBe('example code, edited');
    expect(reloaded.backToOwn()).toBe('my work');
    expect(new ScriptSlots(storage, 'starter').source).toEqual({ kind: 'own' });
  });

  it('replaces the own script only when asked to keep what is shown', () => {
    const storage = memoryStorage();
    const slots = new ScriptSlots(storage, 'starter');
    slots.save('my work');
    slots.visit({ kind: 'link', hash: 'fanout/1/abc' }, 'their code');
    expect(slots.own()).toBe('my work');
    slots.keepAsOwn('their code');
    expect(slots.source).toEqual({ kind: 'own' });
    expect(slots.own()).toBe('their code');
  });

  it('treats a damaged source entry as the own script, and survives failing storage', () => {
    const storage = memoryStorage();
    storage.data.set('fanout:source', '{"kind":"link"');
    expect(new ScriptSlots(storage, 's').source).toEqual({ kind: 'own' });
    const broken: SlotStorage = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('full');
      },
    };
    const slots = new ScriptSlots(broken, 'starter');
    slots.save('x');
    expect(slots.own()).toBe('starter');
  });
});
