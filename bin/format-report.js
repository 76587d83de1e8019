/**
 * Text output of `fanout run`: what the script printed, one line per parallel call, and
 * the error with its editor line.
 */

/** @typedef {import('../src/protocol/messages').RunReport} RunReport */
/** @typedef {import('../src/protocol/messages').ReportCall} ReportCall */

/**
 * The human-readable report: every output line tagged by its source, one summary line
 * per parallel call, and the total time.
 * @param {RunReport} report
 */
export function formatText(report) {
  const lines = [];
  for (const call of report.calls) lines.push(formatCall(call));
  if (report.gpu) lines.push(...formatGpu(report.gpu));
  if (report.ok) lines.push(`done in ${report.wall.toFixed(1)} ms`);
  return formatLines(report.output) + lines.map((l) => l + '\n').join('');
}

/**
 * Printed lines, each tagged with its source (`[driver]`, `[worker 1]`) and its level
 * when it is a warning or an error.
 * @param {RunReport['output']} output
 */
export function formatLines(output) {
  const lines = [];
  for (const { source, level, text } of output) {
    const tag = source === 'driver' ? '[driver]' : `[worker ${source}]`;
    const prefix =
      level === 'warn' ? `${tag} warning: ` : level === 'error' ? `${tag} error: ` : `${tag} `;
    for (const line of text.split('\n')) lines.push(prefix + line);
  }
  return lines.map((l) => l + '\n').join('');
}

/**
 * One line about a parallel call, e.g.
 * `map(isPrime): 10000 items in 8 tasks, wall 123.4 ms, serial 240.1 ms, speedup 1.95x on 2 workers`.
 * @param {ReportCall} call
 */
function formatCall({ label, tasks, timing }) {
  const items = tasks.reduce((sum, t) => sum + t.items, 0);
  const counts = [items > 0 ? plural(items, 'item') : '', plural(tasks.length, 'task')];
  return (
    `${label}: ${counts.filter(Boolean).join(' in ')}, wall ${timing.wall.toFixed(1)} ms, ` +
    `serial ${timing.serial.toFixed(1)} ms, speedup ${timing.speedup.toFixed(2)}x ` +
    `on ${plural(timing.workers, 'worker')}`
  );
}

/**
 * The GPU's adapter (software adapters labelled: their times are not GPU times) and one
 * line per GPU call with its upload, compute and readback phases.
 * @param {NonNullable<RunReport['gpu']>} gpu
 */
function formatGpu({ adapter, calls }) {
  const out = [];
  if (adapter) {
    const name = adapter.description || `${adapter.architecture} (${adapter.vendor})`;
    out.push(
      `GPU: ${name}${adapter.fallback ? ', software adapter: times below are not GPU times' : ''}`,
    );
  }
  for (const c of calls) {
    const kernel = c.kernelMs === undefined ? '' : ` (kernel ${c.kernelMs.toFixed(2)} ms)`;
    out.push(
      `gpu ${c.label}: upload ${c.upload.toFixed(1)} ms, compute ${c.compute.toFixed(1)} ms${kernel}, ` +
        `readback ${c.readback.toFixed(1)} ms${c.ok ? '' : ' FAILED'}`,
    );
  }
  return out;
}

/**
 * @param {number} n
 * @param {string} noun
 */
function plural(n, noun) {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/**
 * The failure, at its editor line, and what to do about it.
 * @param {NonNullable<RunReport['error']>} error
 */
export function formatError({ name, message, line, hint }) {
  const where = line === undefined ? 'Error' : `Error at line ${line}`;
  // A plain Error (a thrown string becomes one) is not named twice: "Error: Error: ...".
  const what = name === 'Error' ? message : `${name}: ${message}`;
  return `${where}: ${what}\n${hint ? `  ${hint}\n` : ''}`;
}
