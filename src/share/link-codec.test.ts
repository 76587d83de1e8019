import { describe, expect, it } from 'vitest';
import {
  LINK_PREFIX,
  MAX_CODE_CHARS,
  MAX_LINK_CHARS,
  ShareLinkError,
  decodeLink,
  encodeLink,
  validateRecord,
} from './link-codec.js';

/** The ShareLinkError `promise` rejects with (fails the test when it resolves). */
async function failure(promise: Promise<unknown>): Promise<ShareLinkError> {
  try {
    await promise;
  } catch (e) {
    expect(e).toBeInstanceOf(ShareLinkError);
    return e as ShareLinkError;
  }
  throw new Error('expected a ShareLinkError');
}

/** Compresses `text` exactly as links do, to build payloads the encoder would never write. */
async function deflate(text: string): Promise<string> {
  const stream = new CompressionStream('deflate');
  const writer = stream.writable.getWriter();
  const written = writer.write(new TextEncoder().encode(text)).then(() => writer.close());
  const reader = stream.readable.getReader();
  let binary = '';
  for (let r = await reader.read(); !r.done; r = await reader.read())
    for (const byte of r.value) binary += String.fromCharCode(byte);
  await written;
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

describe(encodeLink, () => {
  it('round-trips code and settings, Unicode and backticks included', async () => {
    const shared = {
      code: 'const π = 3.14; // ünïcödé ✓\nprint(`${π}`);\n'.repeat(20),
      settings: { workers: 4 },
    };
    const hash = await encodeLink(shared);
    expect(hash.startsWith(`${LINK_PREFIX}1/`)).toBe(true);
    expect(hash).toMatch(/^fanout\/1\/[A-Za-z0-9_-]+$/);
    expect(await decodeLink(hash)).toEqual(shared);
    expect(await decodeLink(`#${hash}`)).toEqual(shared);
  });

  it('compresses: a repetitive script makes a short link', async () => {
    const code = 'print("the same line again");\n'.repeat(500);
    const hash = await encodeLink({ code, settings: { workers: 'auto' } });
    expect(hash.length).toBeLessThan(code.length / 20);
  });

  it("carries the sender's machine and run summary", async () => {
    const shared = {
      code: 'print(1)',
      settings: { workers: -2 },
      sender: {
        threads: 8,
        browser: 'Chrome 156',
        run: {
          ok: true,
          workers: 8,
          wall: 1234.5,
          calls: [{ label: 'map(f)', wall: 1200, speedup: 7.1, tasks: 32 }],
        },
      },
    };
    expect(await decodeLink(await encodeLink(shared))).toEqual(shared);
  });

  it('refuses a script too long for a link', async () => {
    let code = '';
    for (let i = 0; i < 40_000; i++) code += Math.random().toString(36).slice(2);
    const e = await failure(
      encodeLink({ code: code.slice(0, MAX_CODE_CHARS), settings: { workers: 1 } }),
    );
    expect(e.problem).toBe('oversized');
    expect(e.hint).toMatch(/Shorten the script/);
  });
});

describe(decodeLink, () => {
  it('says a truncated link is incomplete', async () => {
    const hash = await encodeLink({
      code: 'print("hello world, a little longer");',
      settings: { workers: 2 },
    });
    for (const cut of [hash.slice(0, -3), hash.slice(0, -12), hash.slice(0, 12)]) {
      const e = await failure(decodeLink(cut));
      expect(e.problem).toBe('damaged');
      expect(e.message).toMatch(/incomplete or damaged/);
      expect(e.hint).toMatch(/your own script is still in the editor/);
    }
  });

  it('says a corrupted link is damaged', async () => {
    const hash = await encodeLink({ code: 'print("hello");', settings: { workers: 2 } });
    const i = hash.length - 8;
    const flipped = hash.slice(0, i) + (hash[i] === 'A' ? 'B' : 'A') + hash.slice(i + 1);
    expect((await failure(decodeLink(flipped))).problem).toBe('damaged');
    expect((await failure(decodeLink('fanout/1/not*base64!'))).problem).toBe('damaged');
    expect((await failure(decodeLink(`fanout/1/${await deflate('{"code": ')}`))).problem).toBe(
      'damaged',
    );
  });

  it('names an unknown version and advises on a newer one', async () => {
    const e = await failure(decodeLink('fanout/2/abc'));
    expect(e.problem).toBe('version');
    expect(e.message).toMatch(/format version 2; this Fanout reads version 1/);
    expect(e.hint).toMatch(/newer Fanout/);
  });

  it('refuses what is not a Fanout link', async () => {
    expect((await failure(decodeLink('#section-2'))).problem).toBe('not-a-link');
    expect((await failure(decodeLink(''))).problem).toBe('not-a-link');
  });

  it('refuses oversized links before and after decompression', async () => {
    const long = `fanout/1/${'A'.repeat(MAX_LINK_CHARS)}`;
    expect((await failure(decodeLink(long))).problem).toBe('oversized');
    // A few kilobytes that unpack to megabytes (a "zip bomb") stop at the size limit.
    const bomb = await deflate(`{"code":"${' '.repeat(3_000_000)}"}`);
    expect(bomb.length).toBeLessThan(MAX_LINK_CHARS);
    expect((await failure(decodeLink(`fanout/1/${bomb}`))).problem).toBe('oversized');
  });

  it('refuses records of the wrong shape', async () => {
    for (const record of [
      '[1,2]',
      '{"settings":{}}',
      '{"code":5}',
      '{"code":"x","settings":{"workers":0}}',
      '{"code":"x","settings":{"workers":"many"}}',
    ]) {
      const e = await failure(decodeLink(`fanout/1/${await deflate(record)}`));
      expect(e.problem, record).toBe('invalid');
    }
  });
});

describe(validateRecord, () => {
  it('drops malformed sender details and bounds strings, keeping the script', () => {
    const record = validateRecord({
      code: 'x',
      settings: { workers: 3, extra: 'ignored' },
      sender: { threads: 4, browser: 'B'.repeat(500), run: { wall: 'slow', workers: 4 } },
      unknown: true,
    });
    expect(record.code).toBe('x');
    expect(record.settings).toEqual({ workers: 3 });
    expect(record.sender?.browser.length).toBe(120);
    expect(record.sender?.run).toBeUndefined();
    expect(validateRecord({ code: 'x', sender: { threads: 'eight' } }).sender).toBeUndefined();
    expect(validateRecord({ code: 'x' }).settings).toEqual({ workers: 'auto' });
  });

  it('keeps only well-formed calls of the sender run', () => {
    const record = validateRecord({
      code: 'x',
      settings: { workers: 2 },
      sender: {
        threads: 2,
        browser: 'Firefox',
        run: {
          ok: true,
          workers: 2,
          wall: 10,
          calls: [{ label: 'map(f)', wall: 5, speedup: 1.5 }, 'junk', { wall: 'x' }],
        },
      },
    });
    expect(record.sender?.run?.calls).toEqual([
      { label: 'map(f)', wall: 5, speedup: 1.5, tasks: 0 },
    ]);
  });
});
