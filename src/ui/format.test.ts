import { describe, it, expect } from 'vitest';
import { formatBytes, formatCount, formatMs, formatPercent, formatTick } from './format';

describe(formatMs, () => {
  it('picks us, ms or s with three significant digits', () => {
    expect(formatMs(0.85)).toBe('850 us');
    expect(formatMs(0.0052)).toBe('5.2 us');
    expect(formatMs(12.34)).toBe('12.3 ms');
    expect(formatMs(1.234)).toBe('1.23 ms');
    expect(formatMs(4560)).toBe('4.56 s');
    expect(formatMs(0)).toBe('0 ms');
    expect(formatMs(NaN)).toBe('-');
  });
});

describe(formatBytes, () => {
  it('uses binary units', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.50 KiB');
    expect(formatBytes(12.3 * 1024 * 1024)).toBe('12.3 MiB');
  });
});

describe(formatPercent, () => {
  it('shows a fraction as a percentage', () => {
    expect(formatPercent(0.875)).toBe('87.5%');
  });
});

describe(formatCount, () => {
  it('groups thousands', () => {
    expect(formatCount(100000)).toBe('100,000');
  });
});

describe(formatTick, () => {
  it('keeps neighbouring labels distinct at the step size', () => {
    expect(formatTick(10050, 50, 12000)).toBe('10.05 s');
    expect(formatTick(10100, 50, 12000)).toBe('10.10 s');
    expect(formatTick(2.5, 0.5, 10)).toBe('2.5 ms');
    expect(formatTick(0.2, 0.1, 0.5)).toBe('200 us');
  });
});
