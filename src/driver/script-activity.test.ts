import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ScriptBusyEvent } from '../protocol/messages';
import { ScriptActivity } from './script-activity';

describe(ScriptActivity, () => {
  let clock = 0;
  let waiting = false;
  let events: ScriptBusyEvent[] = [];
  beforeEach(() => {
    vi.useFakeTimers();
    clock = 0;
    waiting = false;
    events = [];
  });
  afterEach(() => vi.useRealTimers());

  const make = () =>
    new ScriptActivity(
      () => clock,
      () => waiting,
      (e) => events.push(e),
    );

  it('reports a stretch when a tick comes late, and nothing while ticks are on time', () => {
    const a = make();
    a.start();
    for (let i = 0; i < 10; i++) {
      clock += 5;
      vi.advanceTimersByTime(5);
    }
    expect(events).toEqual([]);
    // The thread computed for 300 ms: the next tick runs that late.
    clock += 300;
    vi.advanceTimersByTime(5);
    expect(events).toEqual([{ type: 'script-busy', start: 50, end: 350 }]);
    expect(a.total).toBe(300);
    a.stop();
  });

  it('does not count a late tick while a call is in flight', () => {
    const a = make();
    waiting = true;
    a.start();
    clock += 300;
    vi.advanceTimersByTime(5);
    expect(events).toEqual([]);
    a.stop();
  });

  it('stops ticking while a call is in flight and ticks again from when the calls end', () => {
    const a = make();
    a.start();
    waiting = true;
    clock += 5;
    vi.advanceTimersByTime(5);
    // No tick wakes the thread while the engines compute.
    expect(vi.getTimerCount()).toBe(0);
    clock += 1000;
    waiting = false;
    a.resume();
    // The script computes for 200 ms right after its call returned.
    clock += 200;
    vi.advanceTimersByTime(5);
    expect(events).toEqual([{ type: 'script-busy', start: 1005, end: 1205 }]);
    a.resume(); // already ticking: nothing changes
    expect(vi.getTimerCount()).toBe(1);
    a.stop();
    a.resume(); // stopped: stays stopped
    expect(vi.getTimerCount()).toBe(0);
  });

  it('reports a stretch that reaches the end of the script when stopped', () => {
    const a = make();
    a.start();
    clock = 120;
    a.stop();
    expect(events).toEqual([{ type: 'script-busy', start: 0, end: 120 }]);
  });
});
