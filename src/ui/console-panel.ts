import type { RunModel } from '../core/run-model';
import type { OutputLine } from '../protocol/messages';

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
    container.innerHTML = `<div class="panel-head"><h2>Console</h2>
      <button type="button" class="small" aria-pressed="false">Group by source</button></div>
      <div class="console-body" data-testid="console" tabindex="0"></div>`;
    this.body = container.querySelector('.console-body')!;
    this.toggle = container.querySelector('button')!;
    this.toggle.addEventListener('click', () => {
      this.grouped = !this.grouped;
      this.toggle.setAttribute('aria-pressed', String(this.grouped));
      this.drawnVersion = -1;
      if (this.model) this.render(this.model);
    });
  }

  /** Redraws when the model changed. */
  render(model: RunModel): void {
    if (model === this.model && model.version === this.drawnVersion) return;
    this.model = model;
    this.drawnVersion = model.version;
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
  el.append(document.createTextNode(l.text));
  return el;
}
