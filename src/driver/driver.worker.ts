/**
 * The driver: runs the user's script (already emitted to JavaScript) with the parallel API
 * as globals, owns the scheduler, and streams events to the page in batches.
 */
import * as Comlink from 'comlink';
import type { DriverApi, HostApi, PortLike, RunOutcome, RunRequest } from '../protocol/messages';
import { EventBuffer } from './events';
import { runScript } from './script';

let host: HostApi | undefined;
let events: EventBuffer | undefined;

const api: DriverApi = {
  init(h: HostApi, port: PortLike): void {
    host = h;
    events = new EventBuffer(port as MessagePort);
  },
  run(request: RunRequest): Promise<RunOutcome> {
    if (!host || !events) throw new Error('driver: init() must come before run()');
    events.sent = 0;
    return runScript(request, host, events);
  },
};

Comlink.expose(api);
