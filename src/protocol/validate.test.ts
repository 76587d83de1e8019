import { describe, expect, it } from 'vitest';
import {
  LIMITS,
  validateBatch,
  validateDriverEvent,
  validateError,
  validateOutcome,
  validateOutputLine,
  validatePlot,
} from './validate';

const line = { source: 'driver', level: 'log', text: 'hi', time: 1 };
const start = {
  type: 'call-start',
  callId: 1,
  kind: 'map',
  label: 'map(f)',
  total: 2,
  items: 4,
  targets: [0, 1],
  time: 5,
};

describe(validateDriverEvent, () => {
  it('keeps well-formed events and only their protocol fields', () => {
    expect(validateDriverEvent({ ...start, extra: '<img>' })).toEqual(start);
    expect(validateDriverEvent({ type: 'output', line })).toEqual({ type: 'output', line });
  });

  it('drops a call-start whose callId is markup', () => {
    expect(validateDriverEvent({ ...start, callId: '"><img src=x onerror=alert(1)>' })).toBe(
      undefined,
    );
  });

  it('bounds worker counts and indices', () => {
    expect(validateDriverEvent({ type: 'cluster', workers: 1e9, time: 0 })).toBe(undefined);
    expect(
      validateDriverEvent({ type: 'cluster', workers: LIMITS.workers, time: 0 }),
    ).toBeDefined();
    expect(validateDriverEvent({ ...start, targets: [0, 64] })).toBe(undefined);
  });

  it('drops unknown types, non-objects and non-finite stamps', () => {
    expect(validateDriverEvent({ type: 'nope' })).toBe(undefined);
    expect(validateDriverEvent(null)).toBe(undefined);
    expect(validateDriverEvent({ type: 'output', line: { ...line, time: NaN } })).toBe(undefined);
  });
});

describe(validateOutputLine, () => {
  it('refuses text that is not a string or is too long', () => {
    expect(validateOutputLine({ ...line, text: { toString: () => 'x' } })).toBe(undefined);
    expect(validateOutputLine({ ...line, text: 'x'.repeat(LIMITS.text + 1) })).toBe(undefined);
    expect(validateOutputLine({ ...line, level: 'shout' })).toBe(undefined);
  });

  it('checks previews recursively', () => {
    const values = [{ s: 'Object', e: [['a', { s: '1' }]], more: 0 }];
    expect(validateOutputLine({ ...line, values })?.values).toEqual(values);
    expect(validateOutputLine({ ...line, values: [{ s: 'x', e: [['a', 5]], more: 0 }] })).toBe(
      undefined,
    );
  });
});

describe(validatePlot, () => {
  it('keeps a histogram and a table, drops malformed ones', () => {
    const hist = {
      type: 'plot',
      source: 0,
      time: 1,
      spec: { kind: 'hist', edges: [0, 1], counts: [3], total: 3 },
    };
    expect(validatePlot(hist)).toEqual(hist);
    const table = {
      type: 'table',
      source: 'driver',
      time: 1,
      columns: ['a'],
      rows: [[1]],
      total: 1,
    };
    expect(validatePlot(table)).toEqual(table);
    expect(validatePlot({ ...table, columns: 5 })).toBe(undefined);
    expect(validatePlot({ ...table, rows: [[{}]] })).toBe(undefined);
    expect(validatePlot({ ...table, rows: 'x' })).toBe(undefined);
  });

  it('bounds the points of a series', () => {
    const x = Array.from({ length: LIMITS.points + 1 }, (_, i) => i);
    const spec = { kind: 'line', series: [{ name: 's', x, y: x }], total: x.length };
    expect(validatePlot({ type: 'plot', source: 0, time: 1, spec })).toBe(undefined);
  });
});

describe(validateError, () => {
  it('keeps details and groups, refuses nested groups and bad fields', () => {
    const e = { name: 'TypeError', message: 'x', worker: 1, line: 3, hint: 'h' };
    expect(validateError(e)).toEqual(e);
    const group = { error: e, workers: [1], tasks: [2] };
    expect(validateError({ name: 'CompositeError', message: 'm', groups: [group] })).toEqual({
      name: 'CompositeError',
      message: 'm',
      groups: [group],
    });
    expect(validateError({ ...e, worker: -1 })).toBe(undefined);
    expect(validateError({ name: 1, message: 'x' })).toBe(undefined);
  });
});

describe(validateBatch, () => {
  it('counts what it drops', () => {
    const r = validateBatch({
      type: 'events',
      seq: 3,
      events: [{ type: 'output', line }, 'junk', null],
    });
    expect(r.events).toHaveLength(1);
    expect(r.dropped).toBe(2);
    expect(r.seq).toBe(3);
    expect(validateBatch({ type: 'events', events: [] }).dropped).toBe(1);
    expect(validateBatch('not a batch')).toEqual({ events: [], dropped: 1 });
  });
});

describe(validateOutcome, () => {
  it('accepts an outcome and refuses a forged one', () => {
    const ok = { ok: true, started: 1, ended: 2, workers: 2, batches: 3 };
    expect(validateOutcome(ok)).toEqual(ok);
    expect(validateOutcome({ ...ok, workers: 1e9 })).toBe(undefined);
    expect(validateOutcome({ ...ok, error: { name: 'E' } })).toBe(undefined);
  });
});
