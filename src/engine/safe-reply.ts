/**
 * How an engine answers whatever its task did: the built-ins it needs are taken at start-up
 * (user code may replace `postMessage`, `Function.prototype.call` or `Object.*` later), and
 * an error that cannot even be read still becomes a reply, so the driver is never left
 * waiting for a task that ended.
 */
import { serializeError } from '../core/errors';
import type { SerializedError } from '../protocol/messages';

const apply = Reflect.apply;
// The original method, kept before user code can patch it; applied with the port as `this`.
// eslint-disable-next-line @typescript-eslint/unbound-method
const post = MessagePort.prototype.postMessage;

/** Posts `message` on `port` with the postMessage the engine started with. */
export function postSafely(
  port: MessagePort,
  message: unknown,
  transfer: Transferable[] = [],
): void {
  apply(post, port, [message, transfer]);
}

/**
 * Serializes a thrown value for the wire; when reading it throws too (a `message` getter
 * that throws, a revoked Proxy), a plain description takes its place.
 */
export function serializeSafely(e: unknown, worker: number, taskId: number): SerializedError {
  let error: SerializedError;
  try {
    error = serializeError(e);
    if (typeof error.name !== 'string' || typeof error.message !== 'string') {
      throw new TypeError('not text');
    }
  } catch {
    error = {
      name: 'Error',
      message: 'the task threw a value that cannot be read (reading its message threw too)',
      hint: 'Throw an Error with a plain message, e.g. throw new Error("what went wrong").',
    };
  }
  error.worker = worker;
  error.taskId = taskId;
  return error;
}
