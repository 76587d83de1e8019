import { describe, expect, it, vi } from 'vitest';
import type { TaskFailedMessage, TaskReplyMessage } from '../protocol/messages';
import { BATCH, HOLD_BELOW_MS, ReplyOutbox } from './reply-outbox';

const done = (taskId: number, value: unknown = taskId): TaskReplyMessage => ({
  type: 'done',
  taskId,
  started: 0,
  completed: 0,
  value,
  stdout: [],
});

/** An outbox posting into a list, with structured cloning as postMessage would do it. */
function setUp() {
  const posted: unknown[] = [];
  const outbox = new ReplyOutbox(
    (message) => posted.push(structuredClone(message)),
    ({ taskId, started, completed }, e): TaskFailedMessage => ({
      type: 'failed',
      taskId,
      started,
      completed,
      stdout: [],
      error: { name: 'DataCloneError', message: String(e) },
    }),
  );
  return { posted, outbox };
}

const settle = () => new Promise((r) => setTimeout(r, 5));

describe(ReplyOutbox, () => {
  it('sends the reply of a long task at once, on its own', () => {
    const { posted, outbox } = setUp();
    outbox.received(3);
    outbox.reply(done(1), [], 50);
    outbox.reply(done(2), [], 50);
    expect(posted).toEqual([done(1), done(2)]);
  });

  it('sends tiny tasks’ replies together while more tasks wait', () => {
    // The clock stands still: on a loaded machine the loop itself could pass the 1 ms an
    // outbox holds a reply at most, and the batch would rightly go early.
    const clock = vi.spyOn(performance, 'now').mockReturnValue(1000);
    const { posted, outbox } = setUp();
    outbox.received(BATCH + 4);
    for (let i = 1; i <= BATCH; i++) outbox.reply(done(i), [], HOLD_BELOW_MS / 10);
    clock.mockRestore();
    expect(posted).toHaveLength(1);
    expect(posted[0]).toMatchObject({ type: 'replies' });
    expect((posted[0] as { replies: unknown[] }).replies).toHaveLength(BATCH);
  });

  it('sends what it holds once no task waits, after the queued messages', async () => {
    const { posted, outbox } = setUp();
    outbox.received(2);
    outbox.reply(done(1), [], 0.001);
    outbox.reply(done(2), [], 0.001);
    expect(posted).toEqual([]);
    await settle();
    expect(posted).toEqual([{ type: 'replies', replies: [done(1), done(2)] }]);
  });

  it('sends held replies when the last waiting task is skipped', () => {
    const { posted, outbox } = setUp();
    outbox.received(2);
    outbox.reply(done(1), [], 0.001);
    outbox.skipped();
    expect(posted).toEqual([done(1)]);
  });

  it('replaces only the reply that cannot be cloned when a batch fails', async () => {
    const { posted, outbox } = setUp();
    outbox.received(3);
    outbox.reply(done(1), [], 0.001);
    outbox.reply(
      done(2, () => 0),
      [],
      0.001,
    );
    outbox.reply(done(3), [], 0.001);
    await settle();
    expect(posted).toHaveLength(3);
    expect(posted[0]).toEqual(done(1));
    expect(posted[1]).toMatchObject({ type: 'failed', taskId: 2 });
    expect(posted[2]).toEqual(done(3));
  });
});
