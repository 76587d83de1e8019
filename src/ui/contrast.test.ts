import { describe, expect, it } from 'vitest';
import { contrastRatio, luminance } from './contrast';

describe(contrastRatio, () => {
  it('gives 21 for black on white and 1 for a colour on itself', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#fff', '#000')).toBeCloseTo(21, 5);
    expect(contrastRatio('#58a6ff', '#58a6ff')).toBe(1);
  });

  it("matches axe-core's figure for Monaco's old comment colour (4.2:1)", () => {
    expect(contrastRatio('#608b4e', '#1e1e1e')).toBeCloseTo(4.2, 1);
  });
});

describe(luminance, () => {
  it('rejects what is not a hex colour', () => {
    expect(() => luminance('red')).toThrow(RangeError);
  });
});
