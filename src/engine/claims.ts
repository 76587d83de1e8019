/**
 * The engine's side of recallable tasks: before running a load-balanced task that names a
 * claim slot, the engine wins it (queued -> started). A task the driver recalled in the
 * meantime (it sent the task to an idle engine instead) loses, and is skipped.
 */
import { CLAIM_QUEUED, CLAIM_STARTED } from '../protocol/messages';
import type { EngineRequest } from '../protocol/messages';

let slots: Int32Array | undefined;

/** Keeps the claim slots the driver shares with this engine (none: forgets them). */
export function setClaims(buffer: unknown): void {
  slots = buffer === undefined ? undefined : new Int32Array(buffer as SharedArrayBuffer);
}

/** True when the task may run: it names no slot, or the engine won its slot. */
export function claim(msg: EngineRequest): boolean {
  if (!('slot' in msg) || msg.slot === undefined || !slots) return true;
  return Atomics.compareExchange(slots, msg.slot, CLAIM_QUEUED, CLAIM_STARTED) === CLAIM_QUEUED;
}
