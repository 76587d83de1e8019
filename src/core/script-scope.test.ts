import { describe, expect, it } from 'vitest';
import { UsageError } from './errors';
import { prepareExecute } from './script-scope';

describe(prepareExecute, () => {
  it('turns top-level const, let and class into globals that outlive the script', () => {
    const { code, names } = prepareExecute(
      'const C = dot(A, B);\nlet n = 1;\nclass K {}\nfunction f() {}',
    );
    expect(code).toBe('var C = dot(A, B);\nvar n = 1;\nvar K = class K {}\nfunction f() {}');
    expect(names).toEqual(['C', 'K', 'f', 'n']);
  });

  it('leaves nested declarations alone and lists assigned globals', () => {
    const { code, names } = prepareExecute(
      'for (const x of xs) { total = x; }\n{ let inner = 2; }',
    );
    expect(code).toBe('for (const x of xs) { total = x; }\n{ let inner = 2; }');
    expect(names).toEqual(['total']);
  });

  it('lists names from destructuring', () => {
    expect(prepareExecute('const { a, b: [c, ...d] } = o;').names).toEqual(['a', 'c', 'd']);
  });

  it('reports a syntax error as a UsageError with the line inside the code', () => {
    expect(() => prepareExecute('const = 3')).toThrow(UsageError);
    expect(() => prepareExecute('ok();\nconst = 3')).toThrow(/line 2/);
  });
});
