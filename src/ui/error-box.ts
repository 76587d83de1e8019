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
    const where = error.line !== undefined ? ` (line ${error.line})` : '';
    head.textContent = `${error.name}${where}: ${error.message}`;
    const parts: HTMLElement[] = [head];
    for (const g of error.groups ?? []) {
      const row = document.createElement('div');
      row.className = 'error-group';
      const n = g.workers.length;
      row.textContent = `× ${n} worker${n === 1 ? '' : 's'} (${g.workers.join(', ')}): ${g.error.name}: ${g.error.message}`;
      parts.push(row);
    }
    const hint = error.hint ?? error.groups?.find((g) => g.error.hint)?.error.hint;
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
