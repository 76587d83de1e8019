import { describe, expect, it } from 'vitest';
import { mulhi32, philox4x32 } from './philox';

// Known-answer vectors from Random123's tests/kat_vectors (github.com/DEShawResearch/random123),
// the "philox4x32 10" lines: counter (4 words), key (2 words), expected output (4 words).
const KAT: [number[], number[], number[]][] = [
  [
    [0, 0, 0, 0],
    [0, 0],
    [0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8],
  ],
  [
    [0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff],
    [0xffffffff, 0xffffffff],
    [0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd],
  ],
  [
    [0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344],
    [0xa4093822, 0x299f31d0],
    [0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1],
  ],
];

describe(philox4x32, () => {
  it.each(KAT)('matches Random123 for counter %j key %j', (c, k, want) => {
    const out = philox4x32(new Uint32Array(4), c[0]!, c[1]!, c[2]!, c[3]!, k[0]!, k[1]!);
    expect([...out]).toEqual(want);
  });

  it('differs with fewer rounds (the round count matters)', () => {
    const out = philox4x32(new Uint32Array(4), 0, 0, 0, 0, 0, 0, 7);
    expect(out[0]).not.toBe(0x6627e8d5);
  });
});

describe(mulhi32, () => {
  it('agrees with BigInt for edge and random operands', () => {
    const cases = [
      [0, 0],
      [0xffffffff, 0xffffffff],
      [0xd2511f53, 0x12345678],
      [0xcd9e8d57, 0xffff0000],
      [65536, 65536],
    ];
    for (const [a, b] of cases) {
      const want = Number((BigInt(a!) * BigInt(b!)) >> 32n);
      expect(mulhi32(a!, b!)).toBe(want);
    }
  });
});
