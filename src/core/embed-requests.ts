/**
 * Validation of what a host page posts to an embed. Everything that arrives by
 * `postMessage` is untrusted data: a message is accepted only when it is a plain object
 * with a known `type` and fields of the right types and sizes; anything else becomes an
 * {@link EmbedErrorMessage} for the sender, never an exception.
 */
import {
  EMBED_REQUEST_TYPES,
  MAX_EMBED_CODE_LENGTH,
  MAX_EMBED_ID_LENGTH,
  type EmbedErrorMessage,
  type EmbedRequest,
  type EmbedRequestId,
  type EmbedWorkers,
} from '../protocol/embed';
import { resolveWorkerCount } from './worker-count';

/** A validated request, or the error message to answer it with. */
export type ParsedEmbedRequest =
  { ok: true; request: EmbedRequest } | { ok: false; error: EmbedErrorMessage };

const HINT = 'See "Embed protocol" in Fanout\'s README for the messages and their fields.';

/** Thrown inside the parser for a field that is wrong; turned into an error message. */
class FieldError extends Error {}

/**
 * Checks `data` against the embed protocol. `hardwareThreads` decides whether a negative
 * worker count (joblib's -1, -2...) leaves any workers.
 */
export function parseEmbedRequest(data: unknown, hardwareThreads: number): ParsedEmbedRequest {
  if (!isRecord(data)) {
    return refuse('bad-message', `expected an object with a "type", got ${describe(data)}`);
  }
  const id = readId(data.id);
  if (id === null) {
    return refuse(
      'bad-message',
      `"id" must be a string of at most ${MAX_EMBED_ID_LENGTH} characters or a finite number`,
    );
  }
  const type = data.type;
  if (typeof type !== 'string') {
    return refuse('bad-message', `expected a string "type", got ${describe(type)}`, id);
  }
  if (!isRequestType(type)) {
    return refuse(
      'unknown-type',
      `unknown message type ${JSON.stringify(type.slice(0, 60))}: expected one of ${EMBED_REQUEST_TYPES.join(', ')}`,
      id,
    );
  }
  try {
    const withId = id === undefined ? {} : { id };
    switch (type) {
      case 'fanout:hello':
      case 'fanout:stop':
      case 'fanout:get-report':
        return { ok: true, request: { type, ...withId } };
      case 'fanout:load':
        return { ok: true, request: { type, ...withId, code: readCode(data.code, true) } };
      case 'fanout:set-workers':
        return {
          ok: true,
          request: { type, ...withId, workers: readWorkers(data.workers, hardwareThreads, true) },
        };
      case 'fanout:run': {
        const code = readCode(data.code, false);
        const workers = readWorkers(data.workers, hardwareThreads, false);
        return {
          ok: true,
          request: {
            type,
            ...withId,
            ...(code === undefined ? {} : { code }),
            ...(workers === undefined ? {} : { workers }),
          },
        };
      }
    }
  } catch (e) {
    if (e instanceof FieldError) return refuse('bad-message', `${type}: ${e.message}`, id);
    throw e;
  }
}

function refuse(
  code: EmbedErrorMessage['code'],
  message: string,
  id?: EmbedRequestId,
): ParsedEmbedRequest {
  return {
    ok: false,
    error: { type: 'fanout:error', ...(id === undefined ? {} : { id }), code, message, hint: HINT },
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isRequestType(type: string): type is EmbedRequest['type'] {
  return (EMBED_REQUEST_TYPES as readonly string[]).includes(type);
}

/** The request's id; undefined when absent, null when present but unusable. */
function readId(value: unknown): EmbedRequestId | undefined | null {
  if (value === undefined) return undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.length <= MAX_EMBED_ID_LENGTH) return value;
  return null;
}

function readCode(value: unknown, required: true): string;
function readCode(value: unknown, required: false): string | undefined;
function readCode(value: unknown, required: boolean): string | undefined {
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'string') {
    throw new FieldError(`"code" must be a string, got ${describe(value)}`);
  }
  if (value.length > MAX_EMBED_CODE_LENGTH) {
    throw new FieldError(
      `"code" is ${value.length} characters long; an embed takes at most ${MAX_EMBED_CODE_LENGTH}`,
    );
  }
  return value;
}

function readWorkers(value: unknown, threads: number, required: true): EmbedWorkers;
function readWorkers(value: unknown, threads: number, required: false): EmbedWorkers | undefined;
function readWorkers(value: unknown, threads: number, required: boolean): EmbedWorkers | undefined {
  if (value === undefined && !required) return undefined;
  if (value !== 'auto' && typeof value !== 'number') {
    throw new FieldError(`"workers" must be 'auto' or a whole number, got ${describe(value)}`);
  }
  try {
    resolveWorkerCount(value, threads);
  } catch (e) {
    throw new FieldError(e instanceof Error ? e.message : String(e));
  }
  return value;
}

/** A short, safe description of an untrusted value for an error message. */
function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') {
    return value.length > 40 ? `a string (${value.length} characters)` : JSON.stringify(value);
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return typeof value === 'object' ? 'an object' : typeof value;
}
