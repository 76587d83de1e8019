import { describe, expect, it } from 'vitest';
import { compileFunction } from './compile-function';

describe(compileFunction, () => {
  const square = (x: number) => x * x;

  it('compiles function and arrow sources as they are', () => {
    expect(compileFunction('(x) => x + 1 // comment')(1)).toBe(2);
    const fib = 'function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2) }';
    expect(compileFunction(fib)(10)).toBe(55);
    expect(compileFunction(square.toString())(9)).toBe(81);
    expect(compileFunction('async (x) => x * 2')(4)).toBeInstanceOf(Promise);
  });

  it('takes a method, a getter or a setter out of an object literal', () => {
    const methods = {
      square(this: void, x: number) {
        return x * x;
      },
    };
    expect(compileFunction(methods.square.toString())(7)).toBe(49);
    expect(compileFunction('async twice(x) { return 2 * x }')(3)).toBeInstanceOf(Promise);
    const getter: { get?: unknown } | undefined = Object.getOwnPropertyDescriptor(
      {
        get seven() {
          return 7;
        },
      },
      'seven',
    );
    expect(compileFunction(String(getter?.get))()).toBe(7);
  });

  it('reports the syntax error of text that is no function, and rejects non-functions', () => {
    expect(() => compileFunction('x => {')).toThrow(SyntaxError);
    expect(() => compileFunction('a() {} b() {}')).toThrow(SyntaxError);
    expect(() => compileFunction('42')).toThrow(/not a function/);
  });

  it('evaluates with the evaluator it is given and names the source', () => {
    const seen: string[] = [];
    const evaluate = (code: string): unknown => {
      seen.push(code);
      return () => 'stub';
    };
    expect(compileFunction('() => 1', 'fanout-fn-3.js', evaluate)()).toBe('stub');
    expect(seen).toEqual(['(() => 1\n)\n//# sourceURL=fanout-fn-3.js']);
  });
});
