import { describe, expect, it } from 'vitest';
import { transpileScript } from './transpile-script';

describe(transpileScript, () => {
  it('strips types and keeps lines, top-level await and class fields as written', () => {
    const out = transpileScript(
      [
        'const c: number = await Promise.resolve(1);',
        'interface P { x: number }',
        'class Q { n = 2; constructor(private y: number) {} }',
        'enum E { A, B }',
        'const f = (a: number): number => a as number;',
        'print(f(c)!, E.B, new Q(3));',
      ].join('\n'),
    );
    if (!out.ok) throw new Error(out.message);
    const lines = out.js.split('\n');
    expect(lines[0]).toBe('const c = await Promise.resolve(1);');
    expect(lines[2]).toContain('n = 2;');
    expect(lines[2]).toContain('this.y = y');
    expect(lines[4]).toMatch(/^const f = \(a\) => a\s*;$/);
    expect(lines[5]).toBe('print(f(c), E.B, new Q(3));');
    expect(JSON.parse(out.sourceMap!)).toMatchObject({ version: 3, sources: ['main.ts'] });
  });

  it('reports a syntax error with its line', () => {
    expect(transpileScript('print("a");\nconst x = ;\n')).toEqual({
      ok: false,
      line: 2,
      message: 'Unexpected token',
    });
  });
});
