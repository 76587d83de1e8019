import { describe, it, expect } from 'vitest';
import { LaneIndex } from './timeline-index';

/** Adds a task with 1 ms queue wait before `start` and 0.5 ms return after `start + dur`. */
function add(lane: LaneIndex, start: number, dur: number, task: number): void {
  lane.add(start - 1, start, start + dur, start + dur + 0.5, 1, task);
}

describe(LaneIndex, () => {
  it('keeps tasks sorted by start even when one arrives out of order', () => {
    const lane = new LaneIndex();
    add(lane, 0, 2, 0);
    add(lane, 10, 2, 1);
    add(lane, 5, 2, 2);
    expect(Array.from(lane.started.subarray(0, lane.length))).toEqual([0, 5, 10]);
    expect(Array.from(lane.task.subarray(0, lane.length))).toEqual([0, 2, 1]);
  });

  it('grows past its initial capacity', () => {
    const lane = new LaneIndex();
    for (let i = 0; i < 1000; i++) add(lane, i * 3, 1, i);
    expect(lane.length).toBe(1000);
    expect(lane.task[999]).toBe(999);
    expect(lane.busy).toBeCloseTo(1000);
  });

  it('counts idle gaps longer than 1 ms between consecutive tasks', () => {
    const lane = new LaneIndex();
    add(lane, 0, 2, 0);
    add(lane, 2.5, 2, 1); // 0.5 ms gap: not idle
    add(lane, 10, 2, 2); // 5.5 ms gap
    expect(lane.gaps).toBe(1);
    expect(lane.gapTotal).toBeCloseTo(5.5);
    add(lane, 7, 1, 3); // out of order: gaps are recounted
    expect(lane.gaps).toBe(2);
    expect(lane.gapTotal).toBeCloseTo(2.5 + 2);
  });

  it('limits drawing to tasks that overlap the window, including queue waits', () => {
    const lane = new LaneIndex();
    for (let i = 0; i < 100; i++) add(lane, i * 10, 5, i);
    const [from, to] = lane.visible(203, 231);
    // Task 20 returns at 205.5; task 23's queue wait starts at 229.
    expect(from).toBe(20);
    expect(to).toBe(24);
  });

  it('hits the task computing at a time, then a nearby queue wait or return', () => {
    const lane = new LaneIndex();
    for (let i = 0; i < 100; i++) add(lane, i * 10, 5, i);
    expect(lane.hit(502, 0)).toBe(50);
    expect(lane.hit(505.2, 0)).toBe(50); // return tail
    expect(lane.hit(509.5, 0)).toBe(51); // queue wait of the next task
    expect(lane.hit(507, 0)).toBe(-1); // idle
    expect(lane.hit(507, 2)).toBe(50); // 1.5 ms after its return, within tolerance
  });
});
