import { describe, expect, it } from 'vitest';
import { CATALOG } from './catalog';
import { EXAMPLES, findExample, scriptOf } from './gallery';
import { STARTER_SCRIPT } from './starter';

describe('gallery', () => {
  it('has a script, a title, a one-line description and a notice for every example', () => {
    expect(EXAMPLES.length).toBeGreaterThanOrEqual(12);
    const ids = new Set<string>();
    for (const e of EXAMPLES) {
      expect(ids.has(e.id), e.id).toBe(false);
      ids.add(e.id);
      expect(e.code.length, e.id).toBeGreaterThan(200);
      expect(e.title.length, e.id).toBeLessThan(60);
      expect(e.description, e.id).not.toMatch(/\n/);
      expect(e.notice.length, e.id).toBeGreaterThan(150);
      expect(e.checks.console.length, e.id).toBeGreaterThan(0);
    }
  });

  it('finds examples by id and refuses unknown ones', () => {
    expect(findExample('monte-carlo-pi')?.code).toContain('estimatePi');
    expect(findExample('no-such-example')).toBeUndefined();
    expect(() => scriptOf('no-such-example')).toThrow(/has no script/);
  });

  it('starts newcomers on the primality lesson', () => {
    expect(STARTER_SCRIPT).toBe(findExample('primality')?.code);
    expect(CATALOG[1]?.id).toBe('primality');
  });
});
