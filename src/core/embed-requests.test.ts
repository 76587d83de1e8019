import { describe, expect, it } from 'vitest';
import { MAX_EMBED_CODE_LENGTH } from '../protocol/embed';
import { parseEmbedRequest } from './embed-requests';

const parse = (data: unknown) => parseEmbedRequest(data, 4);

describe(parseEmbedRequest, () => {
  it('accepts every request type with its fields, and keeps the id', () => {
    expect(parse({ type: 'fanout:hello' })).toEqual({
      ok: true,
      request: { type: 'fanout:hello' },
    });
    expect(parse({ type: 'fanout:load', id: 7, code: 'print(1)' })).toEqual({
      ok: true,
      request: { type: 'fanout:load', id: 7, code: 'print(1)' },
    });
    expect(parse({ type: 'fanout:set-workers', id: 'w', workers: -2 })).toEqual({
      ok: true,
      request: { type: 'fanout:set-workers', id: 'w', workers: -2 },
    });
    expect(parse({ type: 'fanout:run', workers: 'auto' })).toEqual({
      ok: true,
      request: { type: 'fanout:run', workers: 'auto' },
    });
    expect(parse({ type: 'fanout:stop' }).ok).toBe(true);
    expect(parse({ type: 'fanout:get-report' }).ok).toBe(true);
  });

  it('drops fields it does not know instead of passing them on', () => {
    const parsed = parse({ type: 'fanout:run', code: 'x', extra: { evil: true } });
    expect(parsed).toEqual({ ok: true, request: { type: 'fanout:run', code: 'x' } });
  });

  it('refuses what is not a message object', () => {
    for (const data of [null, undefined, 'fanout:run', 42, [], [{ type: 'fanout:run' }]]) {
      const parsed = parse(data);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.error.code).toBe('bad-message');
    }
  });

  it('names an unknown type and lists the known ones', () => {
    const parsed = parse({ type: 'fanout:explode', id: 3 });
    expect(parsed).toMatchObject({
      ok: false,
      error: { type: 'fanout:error', id: 3, code: 'unknown-type' },
    });
    if (!parsed.ok) expect(parsed.error.message).toContain('fanout:run');
  });

  it('refuses fields of the wrong type or size, echoing the id', () => {
    const cases: [unknown, RegExp][] = [
      [{ type: 'fanout:load', id: 1 }, /"code" must be a string, got undefined/],
      [{ type: 'fanout:load', id: 1, code: 5 }, /"code" must be a string, got 5/],
      [{ type: 'fanout:run', id: 1, code: 'x'.repeat(MAX_EMBED_CODE_LENGTH + 1) }, /at most/],
      [{ type: 'fanout:set-workers', id: 1, workers: 0 }, /0 is not a worker count/],
      [{ type: 'fanout:set-workers', id: 1, workers: 2.5 }, /not a worker count/],
      [{ type: 'fanout:set-workers', id: 1, workers: '4' }, /'auto' or a whole number/],
      [{ type: 'fanout:run', id: 1, workers: -9 }, /workers/],
      [{ type: 'fanout:run', id: 1, workers: 1000 }, /too many/],
    ];
    for (const [data, message] of cases) {
      const parsed = parse(data);
      expect(parsed.ok, JSON.stringify(data).slice(0, 80)).toBe(false);
      if (!parsed.ok) {
        expect(parsed.error).toMatchObject({ code: 'bad-message', id: 1 });
        expect(parsed.error.message).toMatch(message);
      }
    }
  });

  it('refuses an unusable id without echoing it', () => {
    for (const id of [{}, NaN, 'x'.repeat(201), true]) {
      const parsed = parse({ type: 'fanout:stop', id });
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.error.id).toBeUndefined();
    }
  });
});
