/**
 * The run sandbox's entry (sandbox.html): the page loads it in a sandboxed frame (an opaque
 * origin, so the browser gives it a process of its own), and the frame hosts the run's
 * driver and engines. When user code exhausts memory, the browser ends this process, not
 * the page's. See src/host/sandbox-host.ts for the page's side.
 */
import { serveHost } from './host/sandbox-frame';
import { WorkerHost } from './host/worker-host';

addEventListener('message', function connect(e: MessageEvent<unknown>) {
  const port = e.ports[0];
  if (e.source !== parent || e.data !== 'fanout:sandbox' || !port) return;
  removeEventListener('message', connect);
  serveHost(port, new WorkerHost());
});
