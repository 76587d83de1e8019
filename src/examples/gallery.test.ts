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

  it('gives every variant its own script, a label and checks, and opens it by id', () => {
    const variants = EXAMPLES.flatMap((e) => (e.variants ?? []).map((v) => ({ e, v })));
    expect(variants.map(({ v }) => v.id)).toEqual(['monte-carlo-pi-gpu', 'matrix-multiply-gpu']);
    for (const { e, v } of variants) {
      expect(EXAMPLES.some((x) => x.id === v.id)).toBe(false);
      const opened = findExample(v.id);
      expect(opened?.code).toBe(scriptOf(v.id));
      expect(opened?.code).toContain('await gpu()');
      expect(opened?.title).toBe(`${e.title} (${v.label})`);
      expect(opened?.notice).toBe(v.notice);
      expect(v.notice).toMatch(/SwiftShader/);
      expect(v.checks.console.length).toBeGreaterThan(1);
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
