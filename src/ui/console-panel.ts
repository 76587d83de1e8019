import type { RunModel } from '../core/run-model';
import type { OutputLine, ValuePreview } from '../protocol/messages';

/** Lines drawn at most; older ones stay in the model (and the run report). */
const MAX_DRAWN = 1000;

function sourceName(source: OutputLine['source']): string {
  return source === 'driver' ? 'script' : `worker ${source}`;
}

/**
 * The console: every printed line tagged with its source, in time order or grouped by
 * source, with a visible count of lines dropped by the rate limit.
 */
export class ConsolePanel {
  private readonly body: HTMLElement;
  private readonly toggle: HTMLButtonElement;
  private grouped = false;
  private drawnVersion = -1;
  private model: RunModel | undefined;

  constructor(container: HTMLElement) {
    const head = document.createElement('div');
    head.className = 'panel-head';
    const title = document.createElement('h2');
    title.textContent = 'Console';
    this.toggle = document.createElement('button');
    this.toggle.type = 'button';
    this.toggle.className = 'small';
    this.toggle.setAttribute('aria-pressed', 'false');
    this.toggle.textContent = 'Group by source';
    head.append(title, this.toggle);
    this.body = document.createElement('div');
    this.body.className = 'console-body';
    this.body.dataset.testid = 'console';
    this.body.tabIndex = 0;
    container.replaceChildren(head, this.body);
    this.toggle.addEventListener('click', () => {
      this.grouped = !this.grouped;
      this.toggle.setAttribute('aria-pressed', String(this.grouped));
      this.drawnVersion = -1;
      if (this.model) this.render(this.model);
    });
  }

  /** Redraws when the model changed. */
  render(model: RunModel): void {
    // Only new lines redraw, so a value the person expanded stays open while tasks finish.
    if (model === this.model && model.linesReceived === this.drawnVersion) return;
    this.model = model;
    this.drawnVersion = model.linesReceived;
    const lines = model.output.slice(-MAX_DRAWN);
    const hidden = model.output.length - lines.length + model.droppedLines;
    const frag = document.createDocumentFragment();
    if (hidden > 0) frag.append(note(`${hidden} earlier lines not shown`));
    if (this.grouped) {
      const groups = new Map<string, OutputLine[]>();
      for (const l of lines) {
        const key = sourceName(l.source);
        let g = groups.get(key);
        if (!g) groups.set(key, (g = []));
        g.push(l);
      }
      for (const [name, group] of groups) {
        const d = document.createElement('details');
        d.open = true;
        const s = document.createElement('summary');
        s.textContent = `${name} (${group.length})`;
        d.append(s, ...group.map((l) => lineElement(l, false)));
        frag.append(d);
      }
    } else {
      for (const l of lines) frag.append(lineElement(l, true));
    }
    const atBottom = this.body.scrollTop + this.body.clientHeight >= this.body.scrollHeight - 4;
    this.body.replaceChildren(frag);
    if (atBottom) this.body.scrollTop = this.body.scrollHeight;
  }
}

function note(text: string): HTMLElement {
  const el = document.createElement('div');
  el.className = 'line note';
  el.textContent = text;
  return el;
}

function lineElement(l: OutputLine, tagged: boolean): HTMLElement {
  const el = document.createElement('div');
  el.className = `line ${l.level}`;
  el.dataset.source = String(l.source);
  if (tagged) {
    const tag = document.createElement('span');
    tag.className = `tag src-${l.source === 'driver' ? 'driver' : Number(l.source) % 8}`;
    tag.textContent = sourceName(l.source);
    el.append(tag);
  }
  if (l.values) {
    l.values.forEach((v, i) => {
      if (i > 0) el.append(' ');
      el.append(typeof v === 'string' ? v : valueElement(v));
    });
  } else {
    el.append(document.createTextNode(l.text));
  }
  return el;
}

/** A printed value: plain text, or a disclosure whose entries are built when first opened. */
function valueElement(v: ValuePreview): Node {
  if (!('e' in v)) return document.createTextNode(v.s);
  const d = document.createElement('details');
  d.className = 'value';
  const summary = document.createElement('summary');
  summary.textContent = v.s;
  d.append(summary);
  d.addEventListener(
    'toggle',
    () => {
      const rows: HTMLElement[] = v.e.map(([k, child]) => {
        const row = document.createElement('div');
        row.className = 'entry';
        const key = document.createElement('span');
        key.className = 'key';
        key.textContent = `${k}: `;
        row.append(key, valueElement(child));
        return row;
      });
      if (v.more > 0) rows.push(note(`… ${v.more} more`));
      d.append(...rows);
    },
    { once: true },
  );
  return d;
}
