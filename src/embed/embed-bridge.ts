/**
 * The embed's side of the `postMessage` protocol (`src/protocol/embed.ts`): it validates
 * what the host page sends, drives the page through its automation API (the same
 * `window.fanout` the command line uses, so there is one way to run), and streams the
 * run's progress, output and final report back to the host.
 */
import { parseEmbedRequest } from '../core/embed-requests';
import {
  EMBED_PROTOCOL_VERSION,
  type EmbedEvent,
  type EmbedRequest,
  type EmbedRequestId,
  type EmbedWorkers,
} from '../protocol/embed';
import type { AutomationApi, RunLifecycleEvent, RunReport } from '../protocol/messages';

/** Progress messages per second during a run, at most. */
const PROGRESS_INTERVAL_MS = 250;
/** Lines per output message: a flood is sent in several messages, not one huge one. */
const LINES_PER_MESSAGE = 500;

/** A message as it arrives: its data, the sender's origin, and the window that sent it. */
export interface IncomingMessage {
  data: unknown;
  origin: string;
  source: unknown;
}

/** What the bridge needs from the page; `main.ts` passes the real window's parts. */
export interface EmbedBridgeOptions {
  api: AutomationApi;
  /** Origins allowed to drive the embed (`?origin=`), or `'any'` when none was given. */
  allowedOrigins: readonly string[] | 'any';
  /** Posts to the host page: `window.parent.postMessage(message, targetOrigin)`. */
  post: (message: EmbedEvent, targetOrigin: string) => void;
  /** Whether a message's `source` is the host page (`window.parent`). */
  isHost: (source: unknown) => boolean;
  hardwareThreads: number;
  crossOriginIsolated: boolean;
  /** The current worker setting. */
  workers: () => EmbedWorkers;
}

/** The run being streamed to the host. */
interface StreamedRun {
  runId: number;
  /** The id of the host's `fanout:run` request, when the host started it. */
  id?: EmbedRequestId;
  cursor: number;
  timer: ReturnType<typeof setInterval>;
}

/** Answers one host page's requests and streams runs to it. */
export class EmbedBridge {
  /** The origin run events go to: the last allowed sender, or the only allowed origin. */
  private hostOrigin: string | undefined;
  private streamed: StreamedRun | undefined;
  /** The id of a host's run request whose run is about to start. */
  private pendingRunId: EmbedRequestId | undefined;
  private lastReport: { runId: number; report: RunReport } | undefined;
  private readonly unsubscribe: () => void;

  constructor(private readonly options: EmbedBridgeOptions) {
    const { allowedOrigins } = options;
    if (allowedOrigins !== 'any' && allowedOrigins.length === 1)
      this.hostOrigin = allowedOrigins[0];
    this.unsubscribe = options.api.subscribe((event) => this.onRun(event));
  }

  /** Tells the host page that the embed is ready (to each allowed origin, or any parent). */
  announce(): void {
    const targets = this.options.allowedOrigins === 'any' ? ['*'] : this.options.allowedOrigins;
    for (const target of targets) this.send(this.ready(), target);
  }

  /** Handles one message from the window; never throws. */
  receive(message: IncomingMessage): void {
    if (!this.options.isHost(message.source)) return;
    const { origin } = message;
    const allowed = this.options.allowedOrigins;
    if (allowed !== 'any' && !allowed.includes(origin)) {
      if (origin !== 'null') {
        this.send(
          {
            type: 'fanout:error',
            code: 'origin-not-allowed',
            message: `this embed takes messages from ${allowed.join(', ') || 'no origin'} only, not from ${origin}`,
            hint: "Add the host page's origin to the iframe's address: ?embed&origin=https://your.site",
          },
          origin,
        );
      }
      return;
    }
    const parsed = parseEmbedRequest(message.data, this.options.hardwareThreads);
    const target = targetFor(origin);
    if (!parsed.ok) {
      this.send(parsed.error, target);
      return;
    }
    this.hostOrigin = target;
    this.handle(parsed.request, target);
  }

  /** Stops listening to runs. */
  dispose(): void {
    this.unsubscribe();
    if (this.streamed) clearInterval(this.streamed.timer);
  }

  private handle(request: EmbedRequest, target: string): void {
    const { api } = this.options;
    const withId = request.id === undefined ? {} : { id: request.id };
    const ack = (): void =>
      this.send({ type: 'fanout:ack', ...withId, request: request.type }, target);
    switch (request.type) {
      case 'fanout:hello':
        this.send({ ...this.ready(), ...withId }, target);
        return;
      case 'fanout:load':
        api.setCode(request.code);
        return ack();
      case 'fanout:set-workers':
        api.setWorkers(request.workers);
        return ack();
      case 'fanout:stop':
        api.stop();
        return ack();
      case 'fanout:get-report':
        if (this.lastReport) {
          this.send({ type: 'fanout:report', ...withId, ...this.lastReport }, target);
        } else {
          this.send(
            {
              type: 'fanout:error',
              ...withId,
              code: 'no-report',
              message: 'no run has finished yet',
              hint: 'Send fanout:run, or wait for the fanout:report of the run in progress.',
            },
            target,
          );
        }
        return;
      case 'fanout:run':
        this.run(request, target);
    }
  }

  private run(request: Extract<EmbedRequest, { type: 'fanout:run' }>, target: string): void {
    const withId = request.id === undefined ? {} : { id: request.id };
    if (this.streamed || this.options.api.snapshot()?.running) {
      this.send(
        {
          type: 'fanout:error',
          ...withId,
          code: 'busy',
          message: 'a run is already in progress',
          hint: 'Wait for its fanout:report, or send fanout:stop first.',
        },
        target,
      );
      return;
    }
    this.pendingRunId = request.id;
    const options = {
      ...(request.code === undefined ? {} : { code: request.code }),
      ...(request.workers === undefined ? {} : { workers: request.workers }),
    };
    this.options.api.run(options).then(
      () => undefined,
      (e: unknown) => {
        this.pendingRunId = undefined;
        this.send(
          {
            type: 'fanout:error',
            ...withId,
            code: 'failed',
            message: e instanceof Error ? e.message : String(e),
            hint: 'The embed could not start the run; its report, if any, says more.',
          },
          target,
        );
      },
    );
  }

  private onRun(event: RunLifecycleEvent): void {
    if (event.type === 'run-start') {
      if (this.streamed) clearInterval(this.streamed.timer);
      const id = this.pendingRunId;
      this.pendingRunId = undefined;
      this.streamed = {
        runId: event.runId,
        ...(id === undefined ? {} : { id }),
        cursor: 0,
        timer: setInterval(() => this.flush(), PROGRESS_INTERVAL_MS),
      };
      this.toHost({
        type: 'fanout:run-start',
        ...(id === undefined ? {} : { id }),
        runId: event.runId,
      });
      return;
    }
    const run = this.streamed;
    if (run?.runId === event.runId) {
      clearInterval(run.timer);
      this.flush();
      this.streamed = undefined;
    }
    this.lastReport = { runId: event.runId, report: event.report };
    const id = run?.runId === event.runId ? run.id : undefined;
    this.toHost({
      type: 'fanout:report',
      ...(id === undefined ? {} : { id }),
      runId: event.runId,
      report: event.report,
    });
  }

  /** Sends the streamed run's progress and the lines printed since the last flush. */
  private flush(): void {
    const run = this.streamed;
    if (!run) return;
    const snap = this.options.api.snapshot(run.cursor);
    if (!snap || snap.runId !== run.runId) return;
    run.cursor = snap.next;
    this.toHost({ type: 'fanout:progress', runId: run.runId, ...snap.progress });
    let dropped = snap.dropped;
    for (let i = 0; i < snap.lines.length || dropped > 0; i += LINES_PER_MESSAGE) {
      const lines = snap.lines.slice(i, i + LINES_PER_MESSAGE);
      this.toHost({ type: 'fanout:output', runId: run.runId, lines, dropped });
      dropped = 0;
    }
  }

  private ready(): EmbedEvent {
    return {
      type: 'fanout:ready',
      version: EMBED_PROTOCOL_VERSION,
      crossOriginIsolated: this.options.crossOriginIsolated,
      hardwareThreads: this.options.hardwareThreads,
      workers: this.options.workers(),
    };
  }

  /** Sends a run event to the host, when one has made itself known. */
  private toHost(message: EmbedEvent): void {
    if (this.hostOrigin !== undefined) this.send(message, this.hostOrigin);
  }

  private send(message: EmbedEvent, targetOrigin: string): void {
    try {
      this.options.post(message, targetOrigin);
    } catch (e) {
      // A host that went away or a report that cannot be cloned must not break the page.
      console.warn('Fanout embed: could not post to the host page:', e);
    }
  }
}

/**
 * The target origin for replies to `origin`. A host with an opaque origin (a `file:` page,
 * a sandboxed frame) has the origin `"null"`, which postMessage cannot target: such a host
 * is reachable only with `'*'`, and only when no origin restriction is set.
 */
function targetFor(origin: string): string {
  return origin === 'null' ? '*' : origin;
}

/** Connects the page to its parent window when it runs in an iframe; returns the bridge. */
export function connectEmbed(
  options: Omit<EmbedBridgeOptions, 'post' | 'isHost'>,
): EmbedBridge | undefined {
  if (window.parent === window) return undefined;
  const parent = window.parent;
  const bridge = new EmbedBridge({
    ...options,
    post: (message, target) => parent.postMessage(message, target),
    isHost: (source) => source === parent,
  });
  window.addEventListener('message', (event: MessageEvent<unknown>) =>
    bridge.receive({ data: event.data, origin: event.origin, source: event.source }),
  );
  return bridge;
}
