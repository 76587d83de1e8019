import { describe, expect, it } from 'vitest';
import { readBindings } from './wgsl-bindings';

describe(readBindings, () => {
  it('reads uniform, read and read_write bindings of group 0 in binding order', () => {
    const wgsl = `
      @group(0) @binding(2) var<storage, read_write> out: array<f32>;
      // @group(0) @binding(5) var<storage, read> commented: array<f32>;
      @group(0) @binding(0) var<uniform> p: Params;
      @group(0)
      @binding(1) var<storage> a: array<u32>;
      @group(1) @binding(0) var<storage, read> other: array<f32>;`;
    expect(readBindings(wgsl)).toEqual([
      { binding: 0, kind: 'uniform', name: 'p', type: 'Params' },
      { binding: 1, kind: 'read', name: 'a', type: 'array<u32>' },
      { binding: 2, kind: 'read_write', name: 'out', type: 'array<f32>' },
    ]);
  });
});
