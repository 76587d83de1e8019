/**
 * The frame's side of the run sandbox: a WorkerHost driven over a MessagePort by the page.
 * The frame's own thread runs only this (user code runs in its workers), so it beats
 * steadily; when its process ends (out of memory), the beats stop and the page notices.
 */
import { now } from '../core/clock';
import type { WorkerHost } from './worker-host';
import { BEAT_MS } from './sandbox-protocol';
import type { FromSandbox, ToSandbox } from './sandbox-protocol';

/** Serves `host` to the page on `port` until the frame goes away. */
export function serveHost(port: MessagePort, host: WorkerHost): void {
  const send = (m: FromSandbox): void => port.postMessage(m);
  let seq = 0;
  host.onEvents = (events) => send({ type: 'events', seq: ++seq, events });
  host.onWorkerError = (source, message) => send({ type: 'worker-error', source, message });
  port.onmessage = (e: MessageEvent<ToSandbox>) => {
    const m = e.data;
    if (m.type === 'run') {
      host.run(m.request).then(
        (outcome) => send({ type: 'outcome', id: m.id, outcome }),
        (error: unknown) =>
          send({
            type: 'outcome',
            id: m.id,
            outcome: {
              ok: false,
              error: { name: 'DriverError', message: `the run could not start: ${String(error)}` },
              ended: now(),
              workers: 0,
            },
          }),
      );
    } else if (m.type === 'stop') {
      host.stop();
    } else if (m.type === 'ping') {
      send({ type: 'beat' });
    }
  };
  setInterval(() => send({ type: 'beat' }), BEAT_MS);
  send({ type: 'ready', isolated: crossOriginIsolated });
}
