/**
 * The driver: runs the user's script (already emitted to JavaScript) with the parallel API
 * as globals, owns the scheduler, and streams events to the page in batches.
 */
import * as Comlink from 'comlink';
import type {
  DriverApi,
  EnginesReplyMessage,
  EnginesRequestMessage,
  HostApi,
  PortLike,
  RunOutcome,
  RunRequest,
} from '../protocol/messages';
import { EventBuffer } from './events';
import { runScript } from './script';

let host: HostApi | undefined;
let events: EventBuffer | undefined;

/** Asks the page for engines over the events port and matches its answers by id. */
function hostOver(port: MessagePort): HostApi {
  let nextId = 0;
  const waiting = new Map<number, (reply: EnginesReplyMessage) => void>();
  port.onmessage = (e: MessageEvent<EnginesReplyMessage>) => {
    const resolve = waiting.get(e.data.id);
    waiting.delete(e.data.id);
    resolve?.(e.data);
  };
  return {
    engines: (count: number) =>
      new Promise((resolve, reject) => {
        const id = ++nextId;
        waiting.set(id, (reply) => {
          if (reply.error !== undefined) reject(new Error(reply.error));
          else resolve(reply.ports);
        });
        port.postMessage({ type: 'engines', id, count } satisfies EnginesRequestMessage);
      }),
  };
}

const api: DriverApi = {
  init(port: PortLike): void {
    host = hostOver(port as MessagePort);
    events = new EventBuffer(port as MessagePort);
  },
  run(request: RunRequest): Promise<RunOutcome> {
    if (!host || !events) throw new Error('driver: init() must come before run()');
    events.sent = 0;
    return runScript(request, host, events);
  },
};

Comlink.expose(api);
