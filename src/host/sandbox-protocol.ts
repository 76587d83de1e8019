/**
 * Messages between the page and its run sandbox (a sandboxed frame hosting the driver and
 * engines), over one MessagePort. Nothing from the frame is trusted: the page validates
 * every event and outcome as it would a worker's (src/protocol/validate.ts).
 */
import type { RunOutcome, RunRequest } from '../protocol/messages';

/** The message that hands the frame its port (and nothing else is accepted before it). */
export const CONNECT = 'fanout:sandbox';

/** How often the frame says it is alive, ms. */
export const BEAT_MS = 250;

/** What the page asks of the frame. */
export type ToSandbox =
  | { type: 'run'; id: number; request: RunRequest }
  | { type: 'stop'; id: number }
  | { type: 'ping' };

/** What the frame tells the page. */
export type FromSandbox =
  | { type: 'ready'; isolated: boolean }
  | { type: 'events'; seq: number; events: unknown[] }
  | { type: 'outcome'; id: number; outcome: RunOutcome }
  | { type: 'worker-error'; source: 'driver' | number; message: string }
  | { type: 'beat' };
