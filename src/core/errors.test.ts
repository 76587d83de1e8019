import { describe, it, expect } from 'vitest';
import type { SerializedError } from '../protocol/messages';
import {
  CancelledError,
  CompositeError,
  RemoteError,
  StoppedError,
  TimeoutError,
  UsageError,
  deserializeError,
  groupErrors,
  serializeError,
  toRemoteError,
} from './errors';

/** Serializes and deserializes through JSON, as a share link or a report would. */
const roundTrip = (e: unknown) =>
  deserializeError(JSON.parse(JSON.stringify(serializeError(e))) as SerializedError);

const typeError = (worker: number, taskId: number, message = 'x is not a function') =>
  new RemoteError({ remoteName: 'TypeError', message, worker, taskId, callId: 3 });

describe(RemoteError, () => {
  it('names the original error, the worker and the task', () => {
    const e = typeError(2, 7);
    expect(e.message).toBe('TypeError on worker 2 (task 7): x is not a function');
    expect(e.name).toBe('RemoteError');
    expect(e.remoteName).toBe('TypeError');
    expect(e.remoteMessage).toBe('x is not a function');
    expect(e).toBeInstanceOf(Error);
    expect(String(e)).toBe('RemoteError: TypeError on worker 2 (task 7): x is not a function');
  });

  it('leaves out what is not known', () => {
    expect(new RemoteError({ remoteName: 'RangeError', message: 'bad' }).message).toBe(
      'RangeError: bad',
    );
    expect(new RemoteError({ remoteName: '', message: 'm', worker: 0 }).message).toBe(
      'Error on worker 0: m',
    );
    expect('worker' in new RemoteError({ remoteName: 'E', message: 'm' })).toBe(false);
  });
});

describe(CompositeError, () => {
  it('lists each distinct error once with a count', () => {
    const e = new CompositeError([
      { error: typeError(0, 1), workers: [0, 1, 2, 3], tasks: [1, 2, 3, 4] },
      {
        error: new RemoteError({
          remoteName: 'RangeError',
          message: 'too big',
          worker: 1,
          taskId: 9,
        }),
        workers: [1],
        tasks: [9],
      },
    ]);
    expect(e.name).toBe('CompositeError');
    expect(e.message).toBe(
      '5 tasks failed with 2 different errors:\n' +
        '  TypeError: x is not a function (x 4 workers)\n' +
        '  RangeError: too big (worker 1, task 9)',
    );
    expect(e.errors.map((x) => x.remoteName)).toEqual(['TypeError', 'RangeError']);
  });

  it('counts tasks when they outnumber the workers', () => {
    const e = new CompositeError([{ error: typeError(0, 1), workers: [0, 1], tasks: [1, 2, 3] }]);
    expect(e.message).toContain('TypeError: x is not a function (x 2 workers, 3 tasks)');
    expect(e.message).toContain('3 tasks failed with the same error');
  });
});

describe(UsageError, () => {
  it('keeps the hint and line', () => {
    const e = new UsageError('bad', { hint: 'do this', line: 4 });
    expect(e.name).toBe('UsageError');
    expect(e.hint).toBe('do this');
    expect(e.line).toBe(4);
    expect(e.column).toBeUndefined();
  });
});

describe(serializeError, () => {
  it('keeps name, message, stack and details', () => {
    const s = serializeError(typeError(2, 7));
    expect(s).toMatchObject({
      name: 'RemoteError',
      message: 'TypeError on worker 2 (task 7): x is not a function',
      worker: 2,
      taskId: 7,
      callId: 3,
    });
    expect(typeof s.stack).toBe('string');
  });

  it('turns thrown non-Errors into readable messages', () => {
    expect(serializeError('oops')).toEqual({ name: 'Error', message: 'oops' });
    expect(serializeError(42).message).toBe('A non-Error value was thrown: 42');
    expect(serializeError({ code: 1 }).message).toBe('A non-Error value was thrown: {"code":1}');
    expect(serializeError(undefined).message).toBe('A non-Error value was thrown: undefined');
    expect(serializeError(null).message).toBe('A non-Error value was thrown: null');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(serializeError(cyclic).message).toBe('A non-Error value was thrown: [object Object]');
    expect(serializeError(Symbol('s')).message).toBe('A non-Error value was thrown: Symbol(s)');
  });

  it('accepts error-like objects from another realm', () => {
    expect(serializeError({ name: 'TypeError', message: 'm', line: 3 })).toEqual({
      name: 'TypeError',
      message: 'm',
      line: 3,
    });
  });
});

describe(deserializeError, () => {
  it('round-trips RemoteError with every field', () => {
    const original = new RemoteError({
      remoteName: 'TypeError',
      message: 'a: b (c)',
      worker: 1,
      taskId: 5,
      callId: 2,
      line: 12,
      column: 4,
      hint: 'try this',
      stack: 'TypeError: a: b (c)\n    at f (eval:1:1)',
    });
    const back = roundTrip(original);
    expect(back).toBeInstanceOf(RemoteError);
    const r = back as RemoteError;
    expect(r.message).toBe(original.message);
    expect(r.remoteName).toBe('TypeError');
    expect(r.remoteMessage).toBe('a: b (c)');
    expect(r.stack).toBe(original.stack);
    expect([r.worker, r.taskId, r.callId, r.line, r.column, r.hint]).toEqual([
      1,
      5,
      2,
      12,
      4,
      'try this',
    ]);
    expect(serializeError(r)).toEqual(serializeError(original));
  });

  it('round-trips CompositeError with its groups', () => {
    const composite = groupErrors([typeError(0, 1), typeError(1, 2), typeError(1, 3, 'other')]);
    const back = roundTrip(composite);
    expect(back).toBeInstanceOf(CompositeError);
    const c = back as CompositeError;
    expect(c.message).toBe(composite.message);
    expect(c.stack).toBe(composite.stack);
    expect(c.groups.map((g) => [g.error.remoteMessage, g.workers, g.tasks])).toEqual([
      ['x is not a function', [0, 1], [1, 2]],
      ['other', [1], [3]],
    ]);
    expect(c.groups[0]?.error).toBeInstanceOf(RemoteError);
    expect(serializeError(c)).toEqual(serializeError(composite));
  });

  it('round-trips the other typed errors', () => {
    const cases = [
      new CancelledError('aborted by the script'),
      new TimeoutError('no result after 100 ms'),
      new StoppedError(),
      new UsageError('workers: 0 is not a worker count', { hint: 'use auto', line: 3, column: 9 }),
    ];
    for (const original of cases) {
      const back = roundTrip(original);
      expect(back.constructor).toBe(original.constructor);
      expect(back.name).toBe(original.name);
      expect(back.message).toBe(original.message);
      expect(back.stack).toBe(original.stack);
      expect(serializeError(back)).toEqual(serializeError(original));
    }
    const usage = roundTrip(cases[3]) as UsageError;
    expect([usage.hint, usage.line, usage.column]).toEqual(['use auto', 3, 9]);
  });

  it('rebuilds plain errors as Error with the same name, message and stack', () => {
    const original = new TypeError('nope');
    const back = roundTrip(original);
    expect(back.constructor).toBe(Error);
    expect(back.name).toBe('TypeError');
    expect(back.message).toBe('nope');
    expect(back.stack).toBe(original.stack);
    expect(String(back)).toBe('TypeError: nope');
  });

  it('keeps details on plain errors and does not invent a stack', () => {
    const back = deserializeError({ name: 'SyntaxError', message: 'm', line: 7, hint: 'h' });
    expect(back.stack).toBeUndefined();
    expect(serializeError(back)).toEqual({ name: 'SyntaxError', message: 'm', line: 7, hint: 'h' });
  });
});

describe(toRemoteError, () => {
  it('wraps an engine error with where it happened', () => {
    const s = serializeError(new ReferenceError('np is not defined'));
    const r = toRemoteError(s, { worker: 3, taskId: 11, callId: 1 });
    expect(r.message).toBe('ReferenceError on worker 3 (task 11): np is not defined');
    expect(r.stack).toBe(s.stack);
    expect(r.callId).toBe(1);
  });

  it('keeps the fields an error already has', () => {
    const r = toRemoteError(
      { name: 'Error', message: 'm', line: 5, worker: 0 },
      { worker: 9, line: 1 },
    );
    expect([r.worker, r.line]).toEqual([0, 5]);
  });
});

describe(groupErrors, () => {
  it('returns a single error as itself', () => {
    const e = typeError(0, 1);
    expect(groupErrors([e])).toBe(e);
  });

  it('groups identical errors in first-seen order', () => {
    const errors = [
      typeError(3, 1),
      new RemoteError({ remoteName: 'RangeError', message: 'x', worker: 0, taskId: 2 }),
      typeError(0, 3),
      typeError(3, 4),
      new RemoteError({ remoteName: 'TypeError', message: 'x', worker: 1, taskId: 5 }),
    ];
    const grouped = groupErrors(errors);
    expect(grouped).toBeInstanceOf(CompositeError);
    const groups = (grouped as CompositeError).groups;
    expect(groups.map((g) => `${g.error.remoteName}: ${g.error.remoteMessage}`)).toEqual([
      'TypeError: x is not a function',
      'RangeError: x',
      'TypeError: x',
    ]);
    expect(groups[0]).toMatchObject({ workers: [0, 3], tasks: [1, 3, 4] });
    expect(groups[0]?.error).toBe(errors[0]);
  });

  it('shows eight identical failures once, x 8 workers', () => {
    const grouped = groupErrors(Array.from({ length: 8 }, (_, i) => typeError(i, i)));
    expect(grouped.message).toContain('TypeError: x is not a function (x 8 workers)');
    expect(grouped.message.match(/TypeError/g)).toHaveLength(1);
  });

  it('rejects an empty list', () => {
    expect(() => groupErrors([])).toThrow(RangeError);
  });
});

describe('serializeError of values that cannot be read', () => {
  it('never throws, and says the value cannot be read', () => {
    class Unreadable extends Error {
      override get message(): string {
        throw new Error('no message for you');
      }
    }
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('trap');
        },
        getPrototypeOf() {
          throw new Error('trap');
        },
      },
    );
    expect(serializeError(new Unreadable())).toEqual({
      name: 'Error',
      message: 'a value was thrown that cannot be read (reading it threw too: no message for you)',
    });
    expect(serializeError(hostile).message).toMatch(/^a value was thrown that cannot be read/);
  });
});
