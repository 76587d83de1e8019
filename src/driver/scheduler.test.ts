import { afterEach, describe, expect, it, vi } from 'vitest';
import { CLAIM_QUEUED, CLAIM_STARTED } from '../protocol/messages';
import { ClaimSlots } from './claims';
import { MAX_DEPTH, PREFETCH_DEPTH, PrefetchPolicy, QUEUE_MS, SHORT_TASK_MS } from './scheduler';

describe('PrefetchPolicy', () => {
  it('holds one task per engine until a task has been timed', () => {
    expect(new PrefetchPolicy().depth).toBe(1);
  });

  it('prefetches while tasks are short and stops once they are long', () => {
    const p = new PrefetchPolicy();
    p.record(1);
    expect(p.depth).toBe(PREFETCH_DEPTH);
    for (let i = 0; i < 3; i++) p.record(50);
    expect(p.depth).toBe(1);
    for (let i = 0; i < 30; i++) p.record(SHORT_TASK_MS / 2);
    expect(p.depth).toBe(PREFETCH_DEPTH);
  });

  it('queues about QUEUE_MS of tiny tasks per engine, at most MAX_DEPTH', () => {
    const p = new PrefetchPolicy();
    p.record(QUEUE_MS / 10);
    expect(p.depth).toBe(10);
    for (let i = 0; i < 60; i++) p.record(0.001);
    expect(p.depth).toBe(MAX_DEPTH);
    expect(new PrefetchPolicy(true).depth).toBe(1);
  });

  it('prefetches long tasks too where queued tasks can be recalled', () => {
    const p = new PrefetchPolicy(true);
    expect(p.depth).toBe(1);
    p.record(400);
    expect(p.depth).toBe(PREFETCH_DEPTH);
  });

  it('ignores times that are not numbers', () => {
    const p = new PrefetchPolicy();
    p.record(Number.NaN);
    expect(p.depth).toBe(1);
  });
});

describe('ClaimSlots', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('exists only where memory can be shared', () => {
    vi.stubGlobal('crossOriginIsolated', false);
    expect(ClaimSlots.create()).toBeUndefined();
  });

  it('recalls a queued task, but not one the engine has claimed', () => {
    vi.stubGlobal('crossOriginIsolated', true);
    const claims = ClaimSlots.create()!;
    const slots = new Int32Array(claims.message().buffer as SharedArrayBuffer);
    const a = claims.queue(7);
    const b = claims.queue(8);
    expect(claims.isQueued(8)).toBe(true);
    // The engine claims task 8 the way engine/claims.ts does.
    expect(Atomics.compareExchange(slots, b, CLAIM_QUEUED, CLAIM_STARTED)).toBe(CLAIM_QUEUED);
    expect(claims.isQueued(8)).toBe(false);
    expect(claims.isQueued(7)).toBe(true);
    expect(claims.recall(8)).toBe(false);
    expect(claims.recall(7)).toBe(true);
    // Once recalled, the engine loses the slot.
    expect(Atomics.compareExchange(slots, a, CLAIM_QUEUED, CLAIM_STARTED)).not.toBe(CLAIM_QUEUED);
    expect(claims.recall(7)).toBe(false);
    expect(claims.isQueued(7)).toBe(false);
  });
});
