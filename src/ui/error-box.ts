import type { SerializedError } from '../protocol/messages';

/**
 * The one place errors are shown: what happened, where (worker, task, editor line), and
 * what to do. Identical failures on several workers are shown once with a count.
 */
export class ErrorBox {
  constructor(private readonly el: HTMLElement) {}

  /** Shows an error. */
  show(error: SerializedError): void {
    const head = document.createElement('div');
    head.className = 'error-head';
    const parts: HTMLElement[] = [head];
    const groups = error.groups ?? [];
    if (groups.length > 0) {
      const tasks = groups.reduce((n, g) => n + Math.max(1, g.tasks.length), 0);
      const workers = new Set(groups.flatMap((g) => g.workers)).size;
      head.textContent = `${tasks} tasks failed on ${workers} worker${workers === 1 ? '' : 's'}${atLine(error.line)}`;
      for (const g of groups) {
        const row = document.createElement('div');
        row.className = 'error-group';
        const n = g.workers.length;
        row.textContent = `× ${n} worker${n === 1 ? '' : 's'} (${g.workers.join(', ')})${atLine(g.error.line)}: ${withoutPlace(g.error)}`;
        parts.push(row);
      }
    } else if (error.name === 'RemoteError') {
      head.textContent = `${error.message}${atLine(error.line)}`;
    } else {
      head.textContent = `${error.name}${atLine(error.line)}: ${error.message}`;
    }
    const hint = error.hint ?? groups.find((g) => g.error.hint)?.error.hint;
    if (hint) {
      const h = document.createElement('div');
      h.className = 'error-hint';
      h.textContent = hint;
      parts.push(h);
    }
    this.el.replaceChildren(...parts);
    this.el.hidden = false;
    this.el.dataset.error = error.name;
  }

  /** Hides the box. */
  clear(): void {
    this.el.hidden = true;
    this.el.replaceChildren();
  }
}

function atLine(line: number | undefined): string {
  return line === undefined ? '' : `, line ${line}`;
}

/** `RangeError: bad item` from a RemoteError's `RangeError on worker 0 (task 1): bad item`. */
function withoutPlace(error: SerializedError): string {
  if (error.name !== 'RemoteError') return `${error.name}: ${error.message}`;
  return error.message.replace(/^(\S+) on worker \d+(?: \(task \d+\))?: /, '$1: ');
}
