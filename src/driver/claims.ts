/**
 * The driver's side of recallable tasks: one claim slot per queued load-balanced task, in
 * a SharedArrayBuffer shared with the engine. See CLAIM_QUEUED in protocol/messages.ts.
 */
import { CLAIM_QUEUED, CLAIM_RECALLED } from '../protocol/messages';
import type { ClaimsMessage } from '../protocol/messages';

/** Slots per engine: far more than the tasks an engine holds at once (the prefetch depth). */
const SLOTS = 512;

/** Claim slots of one engine, and which task holds which slot. */
export class ClaimSlots {
  private readonly slots: Int32Array<SharedArrayBuffer>;
  private readonly bySlot = new Map<number, number>();
  private next = 0;

  private constructor() {
    this.slots = new Int32Array(new SharedArrayBuffer(SLOTS * 4));
  }

  /** Claim slots, or undefined where memory cannot be shared (no cross-origin isolation). */
  static create(): ClaimSlots | undefined {
    return typeof SharedArrayBuffer === 'function' && globalThis.crossOriginIsolated
      ? new ClaimSlots()
      : undefined;
  }

  /** The message that hands the slots to the engine. */
  message(): ClaimsMessage {
    return { type: 'claims', buffer: this.slots.buffer };
  }

  /** Marks a slot queued for `taskId` and returns it. */
  queue(taskId: number): number {
    const slot = this.next;
    this.next = (this.next + 1) % SLOTS;
    Atomics.store(this.slots, slot, CLAIM_QUEUED);
    this.bySlot.set(taskId, slot);
    return slot;
  }

  /** Forgets a task's slot (its reply arrived). */
  release(taskId: number): void {
    this.bySlot.delete(taskId);
  }

  /** True while the engine has not claimed `taskId`'s slot (nor was it recalled). */
  isQueued(taskId: number): boolean {
    const slot = this.bySlot.get(taskId);
    return slot !== undefined && Atomics.load(this.slots, slot) === CLAIM_QUEUED;
  }

  /** Takes the slot back from the engine; false when the engine started the task first. */
  recall(taskId: number): boolean {
    const slot = this.bySlot.get(taskId);
    if (slot === undefined) return false;
    const won =
      Atomics.compareExchange(this.slots, slot, CLAIM_QUEUED, CLAIM_RECALLED) === CLAIM_QUEUED;
    if (won) this.bySlot.delete(taskId);
    return won;
  }
}
