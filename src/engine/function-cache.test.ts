import { describe, expect, it } from 'vitest';
import { compileFunction } from '../core/compile-function';
import { FunctionCache, MAX_CACHED_FUNCTIONS } from './function-cache';

describe(FunctionCache, () => {
  it('gives back the function compiled for the same id and text', () => {
    const cache = new FunctionCache();
    const source = '(x) => x + 1';
    const fn = compileFunction(source);
    cache.set(1, source, fn);
    expect(cache.get(1, source)).toBe(fn);
    // Another id names it differently in stack traces; other text is another function.
    expect(cache.get(2, source)).toBeUndefined();
    expect(cache.get(1, '(x) => x + 2')).toBeUndefined();
  });

  it('keeps unchanged functions and drops those whose properties or prototype changed', () => {
    const cache = new FunctionCache();
    const plain = compileFunction('function plain(x) { return x; }');
    const counted = compileFunction('function counted(x) { return x; }');
    const ctor = compileFunction('function Point(x) { this.x = x; }');
    const replaced = compileFunction('function Other() {}');
    cache.set(1, 'plain', plain);
    cache.set(2, 'counted', counted);
    cache.set(3, 'ctor', ctor);
    cache.set(4, 'replaced', replaced);
    (counted as unknown as { calls: number }).calls = 3;
    (ctor.prototype as { norm: () => number }).norm = () => 1;
    replaced.prototype = {};
    cache.keepUnchanged();
    expect(cache.get(1, 'plain')).toBe(plain);
    expect(cache.get(2, 'counted')).toBeUndefined();
    expect(cache.get(3, 'ctor')).toBeUndefined();
    expect(cache.get(4, 'replaced')).toBeUndefined();
    expect(cache.size).toBe(1);
  });

  it('starts over when full', () => {
    const cache = new FunctionCache();
    for (let i = 0; i < MAX_CACHED_FUNCTIONS; i++) cache.set(i, 'x', () => i);
    expect(cache.size).toBe(MAX_CACHED_FUNCTIONS);
    cache.set(MAX_CACHED_FUNCTIONS, 'x', () => 0);
    expect(cache.size).toBe(1);
  });
});
