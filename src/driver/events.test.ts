import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { KEPT_PER_RUN } from '../protocol/messages';
import type { DriverEvent, DriverEventBatch, OutputLine } from '../protocol/messages';
import { EventBuffer, MAX_LINES_PER_BATCH } from './events';

/** A port that records what the buffer posts. */
function recordingPort() {
  const batches: DriverEventBatch[] = [];
  const port = { postMessage: (b: DriverEventBatch) => batches.push(b) } as unknown as MessagePort;
  return { port, batches };
}

const line = (source: OutputLine['source'], text: string, extra: Partial<OutputLine> = {}) => ({
  source,
  level: 'log' as const,
  text,
  time: performance.now(),
  ...extra,
});

/** Every output line posted, in order. */
const texts = (batches: DriverEventBatch[]) =>
  batches.flatMap((b) => b.events.flatMap((e) => (e.type === 'output' ? [e.line.text] : [])));

describe(EventBuffer, () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("sends the script's first lines at once, then at most ~30 flushes a second", () => {
    const { port, batches } = recordingPort();
    const buffer = new EventBuffer(port);
    for (let i = 0; i < 100; i++) buffer.pushOutput(line('driver', `line ${i}`));
    // The burst budget (30) flushes at once; the rest waits for the timer.
    expect(batches).toHaveLength(30);
    vi.advanceTimersByTime(40);
    expect(batches).toHaveLength(31);
    expect(texts(batches)).toEqual(Array.from({ length: 100 }, (_, i) => `line ${i}`));
    expect(batches.map((b) => b.seq)).toEqual(Array.from({ length: 31 }, (_, i) => i + 1));
    // A second later the budget is back: one line goes out at once again.
    vi.advanceTimersByTime(1000);
    buffer.pushOutput(line('driver', 'later'));
    expect(batches).toHaveLength(32);
  });

  it('flushes a few times a second instead of ~30 while every hardware thread computes', () => {
    const { port, batches } = recordingPort();
    const buffer = new EventBuffer(port);
    let saturated = true;
    buffer.saturated = () => saturated;
    buffer.push({ type: 'script-busy', start: 0, end: 1 });
    vi.advanceTimersByTime(1);
    expect(batches).toHaveLength(1);
    buffer.push({ type: 'script-busy', start: 1, end: 2 });
    vi.advanceTimersByTime(40);
    expect(batches).toHaveLength(1);
    vi.advanceTimersByTime(70);
    expect(batches).toHaveLength(2);
    // Console lines keep the usual pace (a batch keeps at most 500 of them), even when they
    // come while a slower flush is due.
    buffer.push({ type: 'script-busy', start: 2, end: 3 });
    vi.advanceTimersByTime(1);
    buffer.pushOutput(line(0, 'from a worker'));
    vi.advanceTimersByTime(40);
    expect(batches).toHaveLength(3);
    saturated = false;
    buffer.push({ type: 'script-busy', start: 3, end: 4 });
    vi.advanceTimersByTime(40);
    expect(batches).toHaveLength(4);
  });

  it('keeps the latest lines of a flood and says how many were dropped, per source', () => {
    const { port, batches } = recordingPort();
    const buffer = new EventBuffer(port);
    for (let i = 0; i < 5000; i++) buffer.pushOutput(line(i % 2, `w${i % 2} ${i}`));
    expect(batches).toHaveLength(0);
    vi.advanceTimersByTime(40);
    expect(batches).toHaveLength(1);
    const events = batches[0]!.events;
    const notes = events.flatMap((e) => (e.type === 'output' && e.line.dropped ? [e.line] : []));
    expect(notes.map((n) => [n.source, n.dropped, n.level])).toEqual([
      [0, 2250, 'warn'],
      [1, 2250, 'warn'],
    ]);
    expect(notes[0]!.text).toMatch(/^… 2250 lines dropped/);
    const kept = texts(batches).filter((t) => !t.startsWith('…'));
    expect(kept).toHaveLength(MAX_LINES_PER_BATCH);
    expect(kept.at(0)).toBe(`w0 ${5000 - MAX_LINES_PER_BATCH}`);
    expect(kept.at(-1)).toBe('w1 4999');
  });

  it('passes on the count of a dropped note that is itself dropped', () => {
    const { port, batches } = recordingPort();
    const buffer = new EventBuffer(port);
    buffer.pushOutput(line(3, '… 700 earlier lines dropped', { dropped: 700 }));
    for (let i = 0; i < 2 * MAX_LINES_PER_BATCH; i++) buffer.pushOutput(line(3, `x${i}`));
    buffer.flush();
    const note = batches[0]!.events[0]!;
    expect(note.type === 'output' && note.line.dropped).toBe(700 + MAX_LINES_PER_BATCH);
  });

  it('batches other events into one message per interval', () => {
    const { port, batches } = recordingPort();
    const buffer = new EventBuffer(port);
    for (let i = 0; i < 10_000; i++) buffer.push({ type: 'script-busy', start: i, end: i + 1 });
    expect(batches).toHaveLength(0);
    vi.advanceTimersByTime(40);
    expect(batches).toHaveLength(1);
    expect(batches[0]!.events).toHaveLength(10_000);
  });

  it('posts nothing when there is nothing to send', () => {
    const { port, batches } = recordingPort();
    new EventBuffer(port).flush();
    expect(batches).toEqual([]);
  });

  it('sends the run budget of charts and tables, then only their count', () => {
    const { port, batches } = recordingPort();
    const buffer = new EventBuffer(port);
    const table = (i: number): DriverEvent => ({
      type: 'table',
      source: 'driver',
      time: i,
      columns: ['a'],
      rows: [[i]],
      total: 1,
    });
    for (let i = 0; i < KEPT_PER_RUN.tables + 250; i++) buffer.push(table(i));
    buffer.flush();
    const events = batches.flatMap((b) => b.events);
    expect(events.filter((e) => e.type === 'table')).toHaveLength(KEPT_PER_RUN.tables);
    expect(events.filter((e) => e.type === 'not-kept').at(-1)).toEqual({
      type: 'not-kept',
      charts: 0,
      tables: 250,
    });
  });
});
