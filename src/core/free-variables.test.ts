import { describe, it, expect } from 'vitest';
import { UsageError } from './errors';
import { checkShippable, findFreeVariables, functionName } from './free-variables';

describe(findFreeVariables, () => {
  const cases: Array<[string, string, string[]]> = [
    ['arrow', 'x => x + y', ['y']],
    ['nothing free', '(a, b) => a * b', []],
    ['sorted, unique', '() => z + a + z + m', ['a', 'm', 'z']],
    ['declaration', 'function f(a) { return a + f.length + arguments.length + z }', ['z']],
    [
      'async function',
      'async function q() { await p; for await (const v of it) use(v) }',
      ['it', 'p', 'use'],
    ],
    ['async arrow', 'async (u) => (await fetchIt(u)).json()', ['fetchIt']],
    ['generator', 'function* g(n) { for (let i = 0; i < n; i++) yield i * k }', ['k']],
    ['destructuring params', '({ a, b: [c, ...d], ...e }, [f = g]) => a + c + d + e + f', ['g']],
    ['default params', '(a, b = a + k) => b', ['k']],
    [
      'class expression',
      '() => { const C = class K { m() { return K + this.x + w } }; return new C() }',
      ['w'],
    ],
    [
      'class declaration and heritage',
      '() => { class A extends Base { static s = A } return A }',
      ['Base'],
    ],
    ['catch params', '() => { try { t() } catch ({ message }) { return message } }', ['t']],
    ['catch without param', '() => { try { t() } catch { return e } }', ['e', 't']],
    [
      'labels',
      '() => { outer: for (;;) { inner: while (go) { if (stop) break inner; continue outer } } }',
      ['go', 'stop'],
    ],
    [
      'shorthand properties',
      '() => ({ a, b: c, [d]: e, f() { return g } })',
      ['a', 'c', 'd', 'e', 'g'],
    ],
    ['member access', 'x => x.y.z + q?.r + s[t].u', ['q', 's', 't']],
    ['typeof undeclared is still reported', 'x => typeof nope', ['nope']],
    ['this is not a variable', '() => this.x', []],
    ['arguments in an arrow is free', '() => arguments[0]', ['arguments']],
    ['arguments in a function is not', 'function () { return () => arguments[0] }', []],
    ['block scoping', '() => { { let inner = 1 } return inner }', ['inner']],
    ['for-let does not leak', '() => { for (let i = 0; i < 3; i++) {} return i }', ['i']],
    ['var hoists', '() => { use(v); { var v = 1 } }', ['use']],
    ['function hoisting', '() => { h(); if (a) { function h() {} } }', ['a']],
    ['switch scope', '(x) => { switch (x) { case 1: let s = 2; return s } return s }', ['s']],
    ['assignment to undeclared', '() => { total = 5 }', ['total']],
    ['named function expression', 'x => { const f = function g() { return g }; return f }', []],
    ['template and tagged template', '() => tag`${tpl}`', ['tag', 'tpl']],
    ['shadowing', 'x => { let y = x; { let y = w; return y } }', ['w']],
    [
      'for-of destructuring',
      '(o) => { for (const [k, v] of Object.entries(o)) use(k, v) }',
      ['Object', 'use'],
    ],
    ['new.target and import.meta-free', 'function F() { return new.target }', []],
    ['private fields', '() => class { #p = 1; m() { return this.#p + q } }', ['q']],
    ['static block', '() => class { static { var s = t; this.s = s } }', ['t']],
    ['trailing line comment', '(x) => x * factor // scale', ['factor']],
    ['method shorthand', 'square(x) { return x * x + offset }', ['offset']],
    ['async generator method', 'async *pages(n) { yield* more(n) }', ['more']],
    ['getter', 'get total() { return this.a + extra }', ['extra']],
    [
      'a method does not bind its own name',
      'fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2) }',
      ['fib'],
    ],
  ];
  for (const [what, source, expected] of cases) {
    it(what, () => {
      expect(findFreeVariables(source)).toEqual(expected);
    });
  }

  it('throws SyntaxError on text that is not a function', () => {
    expect(() => findFreeVariables('function () { [native code] }')).toThrow(SyntaxError);
    expect(() => findFreeVariables('x => {')).toThrow(SyntaxError);
  });

  it('cannot be escaped by closing the wrapping parenthesis', () => {
    expect(() => findFreeVariables('x => x); steal(')).toThrow(SyntaxError);
  });
});

describe(checkShippable, () => {
  const known = new Set(['Math', 'console', 'Object']);
  const what = { what: 'map(isPrime)' };
  const usageError = (f: () => void): UsageError => {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(UsageError);
      return e as UsageError;
    }
    throw new Error('expected a UsageError');
  };

  it('accepts functions that use only known names', () => {
    expect(() => checkShippable('(n) => Math.sqrt(n) + undefined', known, what)).not.toThrow();
    expect(() =>
      checkShippable('function f(n) { console.log(n); return f }', known, what),
    ).not.toThrow();
    expect(() => checkShippable('sq(x) { return x * x }', known, what)).not.toThrow();
  });

  it('names one missing variable and says how to send it', () => {
    const e = usageError(() => checkShippable('(x) => np.sqrt(x)', known, what));
    expect(e.message).toBe('map(isPrime): `np` is not defined on the workers');
    expect(e.hint).toBe(
      "Functions travel to the workers as source text, so they cannot see the script's variables. " +
        'Pass `np` as an argument, or send it first with `push({ np })` (functions: `execute` their definition).',
    );
  });

  it('names several missing variables', () => {
    const e = usageError(() => checkShippable('(x) => b(x) + a', known, what));
    expect(e.message).toBe('map(isPrime): `a`, `b` are not defined on the workers');
    expect(e.hint).toContain(
      'Pass `a`, `b` as arguments, or send them first with `push({ a, b })`',
    );
  });

  it('explains that built-in and bound functions cannot travel', () => {
    for (const source of [Math.sqrt.toString(), (() => 1).bind(null).toString()]) {
      const e = usageError(() => checkShippable(source, known, what));
      expect(e.message).toBe(
        'map(isPrime): built-in or bound functions cannot be sent to workers; wrap it: (x) => Math.sqrt(x)',
      );
    }
  });

  it('rejects unparseable source and non-functions', () => {
    expect(usageError(() => checkShippable('x => {', known, what)).message).toContain(
      'does not parse',
    );
    expect(usageError(() => checkShippable('class A {}', known, what)).message).toContain(
      'a class',
    );
    expect(usageError(() => checkShippable('x => x)(1', known, what)).message).toContain(
      'expected a function',
    );
  });
});

describe(functionName, () => {
  it('finds the declared name', () => {
    expect(functionName('function isPrime(n) { return n > 1 }')).toBe('isPrime');
    expect(functionName('async function load() {}')).toBe('load');
    expect(functionName('function* gen() {}')).toBe('gen');
    expect(functionName('square(x) { return x * x }')).toBe('square');
    expect(functionName("'odd name'(x) { return x }")).toBe('odd name');
    expect(functionName('class Point {}')).toBe('Point');
  });

  it("calls arrows 'lambda' and nameless functions 'anonymous'", () => {
    expect(functionName('(x) => x')).toBe('lambda');
    expect(functionName('async x => x')).toBe('lambda');
    expect(functionName('function (x) { return x }')).toBe('anonymous');
    expect(functionName('[Symbol.iterator]() {}')).toBe('anonymous');
  });

  it('reads the name of native functions from their text', () => {
    expect(functionName(Math.sqrt.toString())).toBe('sqrt');
    expect(functionName('function () { [native code] }')).toBe('anonymous');
  });
});
