import { describe, expect, it, vi } from 'vitest';

// Counts acorn's parses, to see that each distinct source is parsed once.
const parses = vi.hoisted(() => ({ count: 0 }));
vi.mock('acorn', async (importOriginal) => {
  const acorn = await importOriginal<typeof import('acorn')>();
  return {
    ...acorn,
    parse: (...args: Parameters<typeof acorn.parse>) => {
      parses.count++;
      return acorn.parse(...args);
    },
  };
});

const { checkShippable, findFreeVariables, functionName, MAX_ANALYSED_CHARS } =
  await import('./free-variables');
const { UsageError } = await import('./errors');

describe('the analysis memo', () => {
  it('parses a source once however often it is checked, named or listed', () => {
    const source = '(s) => piDarts(4e6, s)';
    const before = parses.count;
    for (let i = 0; i < 5; i++) {
      checkShippable(source, new Set(['piDarts']), { what: 'map(lambda)' });
      expect(functionName(source)).toBe('lambda');
      expect(findFreeVariables(source)).toEqual(['piDarts']);
    }
    expect(parses.count - before).toBe(1);
  });

  it('gives the same answers from the memo as the first time', () => {
    const missing = () => checkShippable('(x) => x + offset', new Set(), { what: 'map(lambda)' });
    expect(missing).toThrow(UsageError);
    expect(missing).toThrow('`offset` is not defined on the workers');
    const broken = () => checkShippable('x => {', new Set(), { what: 'map(f)' });
    expect(broken).toThrow("this function's source text does not parse");
    expect(broken).toThrow("this function's source text does not parse");
    expect(() => findFreeVariables('x => {')).toThrow(SyntaxError);
    // A source that does not parse is parsed again next time (acorn also fails when the
    // stack left at the call is too short for the nesting, and a later call may have more).
    const before = parses.count;
    expect(() => findFreeVariables('x => {')).toThrow(SyntaxError);
    expect(parses.count).toBeGreaterThan(before);
    expect(functionName('function named( {')).toBe('named');
    // The list handed out is a copy: changing it changes nothing kept.
    findFreeVariables('() => a + b').push('c');
    expect(findFreeVariables('() => a + b')).toEqual(['a', 'b']);
  });

  it('forgets the oldest sources past its budget, and still answers for larger ones', () => {
    const big = `(x) => x + y // ${'.'.repeat(MAX_ANALYSED_CHARS)}`;
    expect(big.length).toBeGreaterThan(MAX_ANALYSED_CHARS);
    expect(findFreeVariables(big)).toEqual(['y']);
    const before = parses.count;
    expect(findFreeVariables(big)).toEqual(['y']);
    expect(parses.count - before).toBe(1);
    const half = (name: string) => `(x) => ${name} + x // ${'.'.repeat(MAX_ANALYSED_CHARS / 2)}`;
    findFreeVariables(half('first'));
    findFreeVariables(half('second'));
    const kept = parses.count;
    findFreeVariables(half('second'));
    expect(parses.count).toBe(kept);
    findFreeVariables(half('first'));
    expect(parses.count).toBe(kept + 1);
  });
});
