import { describe, expect, it } from 'vitest';
import { wantsGpu } from './sandbox-host';

describe(wantsGpu, () => {
  it('sends scripts that name gpu to the page, where workers have WebGPU', () => {
    expect(wantsGpu('const g = await gpu();')).toBe(true);
    expect(wantsGpu('const { map } = await gpu({ power: "high" })')).toBe(true);
    expect(wantsGpu('// try gpu() next')).toBe(true);
  });
  it('keeps every other script in the sandbox', () => {
    expect(wantsGpu('const c = await cluster(); print(c.size);')).toBe(false);
    expect(wantsGpu('const gpus = 3; const mygpu = 1;')).toBe(false);
  });
});
