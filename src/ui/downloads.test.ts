import { describe, expect, it } from 'vitest';
import { fileStem, toCsv } from './downloads';

describe(toCsv, () => {
  it('writes a header and quotes fields with commas, quotes and line breaks', () => {
    const csv = toCsv(
      ['name', 'value'],
      [
        ['plain', 1],
        ['a, b', 'say "hi"'],
        ['two\nlines', null],
        [undefined, 2.5],
      ],
    );
    expect(csv).toBe(
      'name,value\r\nplain,1\r\n"a, b","say ""hi"""\r\n"two\nlines",null\r\n,2.5\r\n',
    );
  });
});

describe(fileStem, () => {
  it('turns a title into a file name', () => {
    expect(fileStem('Speed per worker (ms)')).toBe('speed-per-worker-ms');
    expect(fileStem('***')).toBe('chart');
  });
});
