import { describe, expect, it } from 'vitest';
import { GpuError } from '../core/errors';
import { transpileMap } from './transpile';
import type { MapSignature } from './transpile';

const f32x1: MapSignature = { inputs: ['f32'], scalars: {}, arrays: {} };

/** The body of the generated user function `f`. */
function body(wgsl: string): string {
  const start = wgsl.indexOf('fn f(');
  return wgsl.slice(start, wgsl.indexOf('@compute', start)).trim();
}

/** The GpuError a refused program throws. */
function refusal(source: string, sig: MapSignature = f32x1): GpuError {
  try {
    transpileMap(source, sig);
  } catch (e) {
    if (e instanceof GpuError) return e;
    throw e;
  }
  throw new Error(`accepted: ${source}`);
}

describe(transpileMap, () => {
  it('lowers an expression arrow over f32 to a function and an entry point', () => {
    const t = transpileMap('(x) => x * x + 1', f32x1);
    expect(t.output).toBe('f32');
    expect(body(t.wgsl)).toContain('return ((x * x) + 1.0);');
    expect(t.wgsl).toContain('var<storage, read> in0: array<f32>;');
    expect(t.wgsl).toContain('out_[idx] = f(in0[idx], i32(idx));');
  });

  it('types from the inputs: Int32Array stays i32, division makes floats as in JS', () => {
    const sig: MapSignature = { inputs: ['i32'], scalars: {}, arrays: {} };
    expect(transpileMap('(x) => x * 3 + 1', sig).output).toBe('i32');
    const half = transpileMap('(x) => x / 2', sig);
    expect(half.output).toBe('f32');
    expect(body(half.wgsl)).toContain('(f32(x) / 2.0)');
  });

  it('widens a counter that later holds floats, and keeps loop counters integer', () => {
    const t = transpileMap(
      `(x) => {
        let s = 0;
        for (let k = 0; k < 10; k++) {
          if (k % 2 === 0) continue;
          s += x * k;
        }
        while (s > 100) s = s / 2;
        return s;
      }`,
      f32x1,
    );
    const code = body(t.wgsl);
    expect(code).toContain('var s: f32 = 0.0;');
    expect(code).toContain('for (var k: i32 = 0; (k < 10); k += 1)');
    expect(code).toContain('s = (s + (x * f32(k)));');
    expect(code).toContain('continue;');
  });

  it('lowers Math, ternaries, logic and constants', () => {
    const t = transpileMap(
      '(x, i) => (x > 0 && i % 2 === 0 ? Math.sqrt(x) : Math.max(x, -1, Math.PI)) + Math.round(x)',
      f32x1,
    );
    const code = body(t.wgsl);
    expect(code).toContain('select(max(max(x, -1.0), 3.141592653589793), sqrt(x)');
    expect(code).toContain('((x > 0.0) && ((i % 2) == 0))');
    expect(code).toContain('floor(x + 0.5)');
  });

  it('reads uniform params and array params by index, destructured or through p', () => {
    const sig: MapSignature = {
      inputs: ['f32'],
      scalars: { scale: 'f32' },
      arrays: { src: 'f32' },
    };
    const a = transpileMap('(x, i, p) => x * p.scale + p.src[i - 1] + p.src.length', sig);
    expect(a.wgsl).toContain('scale: f32,');
    expect(a.wgsl).toContain('var<storage, read> src: array<f32>;');
    expect(body(a.wgsl)).toContain('P.scale');
    expect(body(a.wgsl)).toContain('src[(i - 1)]');
    const b = transpileMap('(x, i, { scale, src }) => x * scale + src[i]', sig);
    expect(body(b.wgsl)).toContain('((x * P.scale) + src[i])');
  });

  it('renames identifiers that are WGSL keywords', () => {
    const t = transpileMap(
      '(x) => { const loop = x; let select = 2; return loop * select; }',
      f32x1,
    );
    expect(body(t.wgsl)).toContain('let loop_: f32 = x;');
    expect(body(t.wgsl)).toContain('var select_: i32 = 2;');
  });

  it('zips several inputs of different types', () => {
    const sig: MapSignature = { inputs: ['f32', 'u32'], scalars: {}, arrays: {} };
    const t = transpileMap('(a, b) => a + b', sig);
    expect(t.wgsl).toContain('fn f(a: f32, b: u32, index: i32) -> f32');
    expect(t.wgsl).toContain('f(in0[idx], in1[idx], i32(idx))');
  });
});

describe('refused programs, at their line and column', () => {
  it.each([
    ['(x) => Math.random()', 1, 8, /Math.random/],
    ['(x) => {\n  const o = { a: x };\n  return o.a;\n}', 2, 13, /object literal/],
    ['(x) => {\n  let s = 0;\n  s = foo(x);\n  return s;\n}', 3, 7, /only Math/],
    ['(x) => x + y', 1, 12, /`y` is not defined/],
    ['(x) => {\n  var s = x;\n  return s;\n}', 2, 3, /`var`/],
    ['(x) => {\n  switch (x) {}\n  return 1;\n}', 2, 3, /switch/],
    ['(x) => `${x}`', 1, 8, /template string/],
    ['(x) => x & 1', 1, 8, /needs integers/],
    ['(x, i, p) => x * p.k', 1, 20, /`k` is not in params/],
    ['async (x) => x', 1, 1, /async/],
    ['(x) => { const c = 1; c = 2; return c; }', 1, 23, /const/],
    ['(x) => x > 1', 1, 8, /boolean/],
  ])('%s', (source, line, column, message) => {
    const e = refusal(source);
    expect(e.reason).toBe('compile');
    expect(e.message).toMatch(message);
    expect(e.hint).toBeTruthy();
    expect([e.line, e.column]).toEqual([line, column]);
  });

  it('a syntax error is placed too', () => {
    const e = refusal('(x) => {\n  return x +;\n}');
    expect(e.message).toMatch(/does not parse/);
    expect(e.line).toBe(2);
  });
});
