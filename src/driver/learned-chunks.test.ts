import { afterEach, describe, expect, it } from 'vitest';
import { closePorts, setUp } from './test-engines';

afterEach(closePorts);

describe('auto-chunked maps of a function mapped before', () => {
  it('start their chunks near the size the earlier map settled on', async () => {
    const { c } = await setUp(2);
    const lv = c.balanced();
    const xs = Array.from({ length: 4000 }, (_, i) => i);
    // A function no other test maps (the sizes are kept by source text).
    const f = (x: number) => x * 3 + 0.5;
    const first = lv.map(f, xs);
    await first;
    const firstSizes = first.metadata.map((m) => m.items);
    expect(Math.min(...firstSizes)).toBe(1); // it probed from one item
    const second = lv.map(f, xs);
    expect((await second).at(-1)).toBe(3999 * 3 + 0.5);
    const starts = second.metadata.slice().sort((a, b) => a.first - b.first);
    expect(starts[0]!.items).toBeGreaterThan(1);
    // Every item still arrives once.
    expect(second.metadata.reduce((n, m) => n + m.items, 0)).toBe(4000);
  });
});
