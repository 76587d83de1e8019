// @ts-check
/**
 * A tutorial page that embeds Fanout and drives it with the embed protocol
 * (README "Embed protocol", types in src/protocol/embed.ts). Everything the iframe sends
 * is shown with textContent: it is data, never markup.
 */

/** @typedef {import('../src/protocol/embed').EmbedEvent} EmbedEvent */
/** @typedef {import('../src/protocol/embed').EmbedRequest} EmbedRequest */
/** @typedef {import('../src/protocol/messages').RunReport} RunReport */

/** The lesson's program: the primality test scattered over the workers. */
const EXAMPLE = `// Which of 20,000 numbers are prime? One part per worker.
const c = await cluster();
const v = c.view();

function isPrime(n: number): boolean {
  if (n < 2) return false;
  for (let i = 2; i * i <= n; i++) if (n % i === 0) return false;
  return true;
}

const numbers = Int32Array.from({ length: 20_000 }, (_, i) => 1_000_000_000 + i);
await v.push({ isPrime });
await v.scatter('part', numbers);
await v.execute('var flags = part.map((n) => (isPrime(n) ? 1 : 0))');
const flags = await v.gather('flags');
print(\`\${numbers.length} numbers on \${c.ids.length} workers\`);
print(\`primes found: \${flags.reduce((a: number, b: number) => a + b, 0)}\`);
`;

/** @param {string} id */
function $(id) {
  const el = document.getElementById(id);
  if (!el) throw new Error(`embed-demo.html has no #${id}`);
  return el;
}

const frame = /** @type {HTMLIFrameElement} */ ($('fanout'));
const loadButton = /** @type {HTMLButtonElement} */ ($('load'));
const runButton = /** @type {HTMLButtonElement} */ ($('run'));
const stopButton = /** @type {HTMLButtonElement} */ ($('stop'));
const workersSelect = /** @type {HTMLSelectElement} */ ($('workers'));
const statusLine = $('status');
const progress = /** @type {HTMLProgressElement} */ ($('progress'));
const summary = $('summary');
const calls = /** @type {HTMLTableElement} */ ($('calls'));
const output = $('output');

// Fanout is served next to this page. Only this page's origin may drive it (origin=).
const fanoutUrl = new URL('./', location.href);
const restrict = location.origin === 'null' ? '' : `&origin=${encodeURIComponent(location.origin)}`;
frame.src = `${fanoutUrl.href}?embed${restrict}`;
const fanoutOrigin = fanoutUrl.origin === 'null' ? '*' : fanoutUrl.origin;

let nextId = 1;
/** @param {EmbedRequest} request */
function send(request) {
  frame.contentWindow?.postMessage(request, fanoutOrigin);
}

/** @param {boolean} running */
function setRunning(running) {
  runButton.disabled = running;
  stopButton.disabled = !running;
  document.body.dataset.state = running ? 'running' : 'idle';
}

/** @param {RunReport} report */
function showReport(report) {
  const text = report.ok
    ? `Finished in ${report.wall.toFixed(1)} ms on ${report.workers} worker${report.workers === 1 ? '' : 's'}.`
    : `${report.error?.name ?? 'Error'}: ${report.error?.message ?? 'the run failed'}`;
  summary.textContent = text;
  summary.classList.toggle('muted', false);
  const body = calls.tBodies[0];
  if (!body) return;
  body.replaceChildren(
    ...report.calls.map((call) => {
      const row = document.createElement('tr');
      for (const cell of [
        call.label,
        String(call.timing.tasks),
        `${call.timing.wall.toFixed(1)} ms`,
        `${call.timing.speedup.toFixed(2)}×`,
      ]) {
        const td = document.createElement('td');
        td.textContent = cell;
        row.append(td);
      }
      return row;
    }),
  );
  calls.hidden = report.calls.length === 0;
}

/** @param {MessageEvent} event */
function onMessage(event) {
  if (event.source !== frame.contentWindow) return;
  if (fanoutOrigin !== '*' && event.origin !== fanoutOrigin) return;
  /** @type {unknown} */
  const data = event.data;
  const message = /** @type {EmbedEvent} */ (data);
  switch (message?.type) {
    case 'fanout:ready':
      statusLine.textContent = `Playground ready: ${message.hardwareThreads} hardware threads, ${
        message.crossOriginIsolated ? 'cross-origin isolated' : 'not isolated (data is copied)'
      }.`;
      for (const el of [loadButton, runButton, workersSelect]) el.disabled = false;
      document.body.dataset.ready = 'true';
      break;
    case 'fanout:run-start':
      setRunning(true);
      output.textContent = '';
      progress.value = 0;
      statusLine.textContent = 'Running…';
      break;
    case 'fanout:progress': {
      const total = message.calls.reduce((sum, c) => sum + c.total, 0);
      progress.max = Math.max(1, total);
      progress.value = message.calls.reduce((sum, c) => sum + c.done, 0);
      statusLine.textContent = `Running: ${message.tasksDone} tasks done, ${(message.elapsed / 1000).toFixed(1)} s`;
      break;
    }
    case 'fanout:output':
      for (const line of message.lines) {
        const source = line.source === 'driver' ? 'script' : `worker ${line.source}`;
        output.append(`[${source}] ${line.text}\n`);
      }
      if (message.dropped > 0) output.append(`(${message.dropped} lines not shown)\n`);
      break;
    case 'fanout:report':
      setRunning(false);
      progress.value = progress.max;
      statusLine.textContent = message.report.ok ? 'Done.' : 'The run ended with an error.';
      showReport(message.report);
      break;
    case 'fanout:error':
      statusLine.textContent = `The playground refused a request: ${message.message}`;
      break;
  }
}

window.addEventListener('message', onMessage);
loadButton.addEventListener('click', () =>
  send({ type: 'fanout:load', id: nextId++, code: EXAMPLE }),
);
workersSelect.addEventListener('change', () => {
  const value = workersSelect.value;
  send({
    type: 'fanout:set-workers',
    id: nextId++,
    workers: value === 'auto' ? 'auto' : Number(value),
  });
});
runButton.addEventListener('click', () => {
  const value = workersSelect.value;
  send({ type: 'fanout:run', id: nextId++, workers: value === 'auto' ? 'auto' : Number(value) });
});
stopButton.addEventListener('click', () => send({ type: 'fanout:stop', id: nextId++ }));
