/**
 * The embed protocol: `postMessage` between a host page and Fanout in an iframe
 * (`?embed`). The host sends an {@link EmbedRequest}; Fanout answers with
 * {@link EmbedEvent}s. One interface per message, joined in unions with a string `type`
 * discriminant; every `type` starts with `fanout:` so a host can tell these messages
 * from others. README "Embed protocol" documents it for host pages.
 *
 * Everything a host sends is untrusted: Fanout validates each message
 * (`core/embed-requests.ts`) and answers a bad one with an {@link EmbedErrorMessage}.
 */
import type { RunReport } from './messages';

/** Version of this protocol, sent in {@link EmbedReadyMessage}; bumped on a breaking change. */
export const EMBED_PROTOCOL_VERSION = 1;

/** Longest script a host may send, in UTF-16 code units (1 MiB of ASCII). */
export const MAX_EMBED_CODE_LENGTH = 1 << 20;

/** Longest string id a host may put on a request. */
export const MAX_EMBED_ID_LENGTH = 200;

/** A worker setting as the toolbar takes it: `'auto'`, a count, or joblib's -1 / -2. */
export type EmbedWorkers = number | 'auto';

/** The host's name for a request, echoed on every reply to it. */
export type EmbedRequestId = string | number;

// ---------------------------------------------------------------------------
// Host page -> Fanout

/** Subscribes the sender to run events and asks for {@link EmbedReadyMessage} again. */
export interface EmbedHelloMessage {
  type: 'fanout:hello';
  id?: EmbedRequestId;
}

/** Replaces the editor's text (a run in progress is not affected). */
export interface EmbedLoadMessage {
  type: 'fanout:load';
  id?: EmbedRequestId;
  code: string;
}

/** Sets the worker count for the next runs (the toolbar's setting). */
export interface EmbedSetWorkersMessage {
  type: 'fanout:set-workers';
  id?: EmbedRequestId;
  workers: EmbedWorkers;
}

/** Runs the editor's script, after loading `code` and setting `workers` when given. */
export interface EmbedRunMessage {
  type: 'fanout:run';
  id?: EmbedRequestId;
  code?: string;
  workers?: EmbedWorkers;
}

/** Stops the run in progress, if any; its report follows. */
export interface EmbedStopMessage {
  type: 'fanout:stop';
  id?: EmbedRequestId;
}

/** Asks for the report of the last finished run. */
export interface EmbedGetReportMessage {
  type: 'fanout:get-report';
  id?: EmbedRequestId;
}

/** Every message a host page may send. */
export type EmbedRequest =
  | EmbedHelloMessage
  | EmbedLoadMessage
  | EmbedSetWorkersMessage
  | EmbedRunMessage
  | EmbedStopMessage
  | EmbedGetReportMessage;

/** The `type` of each request, for validation. */
export const EMBED_REQUEST_TYPES: readonly EmbedRequest['type'][] = [
  'fanout:hello',
  'fanout:load',
  'fanout:set-workers',
  'fanout:run',
  'fanout:stop',
  'fanout:get-report',
];

// ---------------------------------------------------------------------------
// Fanout -> host page

/**
 * Fanout is ready for requests. Sent once when the page has loaded (to the allowed
 * origins, or to any parent when none is set) and in reply to `fanout:hello`.
 */
export interface EmbedReadyMessage {
  type: 'fanout:ready';
  id?: EmbedRequestId;
  version: typeof EMBED_PROTOCOL_VERSION;
  /** Whether SharedArrayBuffer and fine timers are available (see README on isolation). */
  crossOriginIsolated: boolean;
  hardwareThreads: number;
  /** The current worker setting. */
  workers: EmbedWorkers;
}

/** A request other than `run` and `hello` was carried out. */
export interface EmbedAckMessage {
  type: 'fanout:ack';
  id?: EmbedRequestId;
  request: EmbedRequest['type'];
}

/** A run began (asked for by this host, or by the person pressing Run). */
export interface EmbedRunStartMessage {
  type: 'fanout:run-start';
  /** The id of the `fanout:run` request that started it, if a host did. */
  id?: EmbedRequestId;
  runId: number;
}

/** Progress of one parallel call. */
export interface EmbedCallProgress {
  callId: number;
  label: string;
  /** Tasks finished and tasks the call will run (0 when not known up front). */
  done: number;
  total: number;
  finished: boolean;
}

/** Progress of the run in progress, about four times a second and once at its end. */
export interface EmbedProgressMessage {
  type: 'fanout:progress';
  runId: number;
  /** Milliseconds since the script started. */
  elapsed: number;
  tasksDone: number;
  tasksSent: number;
  calls: EmbedCallProgress[];
}

/** Lines the script and its workers printed since the last output message, in order. */
export interface EmbedOutputMessage {
  type: 'fanout:output';
  runId: number;
  lines: RunReport['output'];
  /** Lines printed but not sent: a flood beyond what the page keeps (see the console panel). */
  dropped: number;
}

/** A run ended: by itself, with an error, or by Stop. */
export interface EmbedReportMessage {
  type: 'fanout:report';
  id?: EmbedRequestId;
  runId: number;
  report: RunReport;
}

/** Why a request was refused or failed. */
export type EmbedErrorCode =
  'bad-message' | 'unknown-type' | 'origin-not-allowed' | 'busy' | 'no-report' | 'failed';

/** A request was refused or failed; the embed itself carries on. */
export interface EmbedErrorMessage {
  type: 'fanout:error';
  /** The request's id, when it had a readable one. */
  id?: EmbedRequestId;
  code: EmbedErrorCode;
  /** What happened. */
  message: string;
  /** What to do about it. */
  hint?: string;
}

/** Every message Fanout sends to the host page. */
export type EmbedEvent =
  | EmbedReadyMessage
  | EmbedAckMessage
  | EmbedRunStartMessage
  | EmbedProgressMessage
  | EmbedOutputMessage
  | EmbedReportMessage
  | EmbedErrorMessage;
