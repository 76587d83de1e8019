/**
 * The console: every printed line tagged with its source, in time order or grouped by
 * source, with a visible count of lines not shown. New lines are appended to what is drawn,
 * never redrawn, so a value the person expanded stays open while the run goes on.
 */
import type { RunModel } from '../core/run-model';
import type { OutputLine, ValuePreview } from '../protocol/messages';
import { h } from './dom';
import { formatCount } from './format';
import type { Panel } from './panel';

/** Lines drawn at most; older ones stay in the model (and the run report). */
const MAX_DRAWN = 1000;

function sourceName(source: OutputLine['source']): string {
  return source === 'driver' ? 'script' : `worker ${source}`;
}

/** A source's group in the grouped view: its disclosure and how many lines it shows. */
interface Group {
  box: HTMLDetailsElement;
  summary: HTMLElement;
  name: string;
  count: number;
}

/** The console panel. */
export class ConsolePanel implements Panel {
  private readonly body = h('div', {
    className: 'console-body',
    data: { testid: 'console' },
    attrs: { tabindex: 0 },
  });
  private readonly toggle = h('button', {
    className: 'small',
    text: 'Group by source',
    attrs: { type: 'button', 'aria-pressed': 'false' },
  });
  private readonly head = h(
    'div',
    { className: 'panel-head' },
    h('h2', { text: 'Console' }),
    this.toggle,
  );
  private readonly hiddenNote = h('div', { className: 'line note' });
  private grouped = false;
  private model: RunModel | undefined;
  /** Lines drawn so far, counted from the run's first (`linesReceived` numbering). */
  private drawnUpTo = 0;
  /** Drawn line elements, oldest first, with their group in the grouped view. */
  private readonly drawn: { el: HTMLElement; group?: Group }[] = [];
  private readonly groups = new Map<string, Group>();

  /** Builds the header and the (empty) body in `container`. */
  mount(container: HTMLElement): void {
    container.replaceChildren(this.head, this.body);
    this.toggle.addEventListener('click', () => {
      this.grouped = !this.grouped;
      this.toggle.setAttribute('aria-pressed', String(this.grouped));
      if (this.model) this.redraw(this.model);
    });
  }

  /** Removes the panel's DOM. */
  dispose(): void {
    this.head.remove();
    this.body.remove();
  }

  /** Appends the lines printed since the last call (a new run starts a new console). */
  render(model: RunModel): void {
    if (model !== this.model) {
      this.redraw(model);
      return;
    }
    if (model.linesReceived === this.drawnUpTo) return;
    const { lines, next } = model.linesSince(this.drawnUpTo);
    this.drawnUpTo = next;
    this.keepScrolled(() => {
      for (const l of lines.slice(-MAX_DRAWN)) this.append(l);
      this.trim();
    });
  }

  /** Draws `model`'s lines from scratch (a new run, or the grouping changed). */
  private redraw(model: RunModel): void {
    this.model = model;
    this.drawn.length = 0;
    this.groups.clear();
    this.body.replaceChildren(this.hiddenNote);
    const { lines, next } = model.linesSince(0);
    this.drawnUpTo = next;
    this.keepScrolled(() => {
      for (const l of lines.slice(-MAX_DRAWN)) this.append(l);
      this.trim();
    });
  }

  /** Runs `change`, then keeps the view at the bottom if it was there before. */
  private keepScrolled(change: () => void): void {
    const b = this.body;
    const atBottom = b.scrollTop + b.clientHeight >= b.scrollHeight - 4;
    change();
    if (atBottom) b.scrollTop = b.scrollHeight;
  }

  private append(l: OutputLine): void {
    if (!this.grouped) {
      const el = lineElement(l, true);
      this.body.append(el);
      this.drawn.push({ el });
      return;
    }
    const name = sourceName(l.source);
    let group = this.groups.get(name);
    if (!group) {
      const summary = h('summary');
      const box = h('details', {}, summary);
      box.open = true;
      group = { box, summary, name, count: 0 };
      this.groups.set(name, group);
      this.body.append(box);
    }
    const el = lineElement(l, false);
    group.box.append(el);
    group.count++;
    group.summary.textContent = `${name} (${group.count})`;
    this.drawn.push({ el, group });
  }

  /** Removes the oldest lines beyond `MAX_DRAWN` and counts every line not shown. */
  private trim(): void {
    const extra = this.drawn.length - MAX_DRAWN;
    for (const { el, group } of this.drawn.splice(0, Math.max(0, extra))) {
      el.remove();
      if (group) {
        group.count--;
        group.summary.textContent = `${group.name} (${group.count})`;
      }
    }
    const hidden = (this.model?.linesReceived ?? 0) - this.drawn.length;
    this.hiddenNote.hidden = hidden <= 0;
    this.hiddenNote.textContent =
      hidden > 0 ? `${formatCount(hidden)} earlier lines not shown` : '';
  }
}

function note(text: string): HTMLElement {
  return h('div', { className: 'line note', text });
}

function lineElement(l: OutputLine, tagged: boolean): HTMLElement {
  const el = h('div', { className: `line ${l.level}`, data: { source: String(l.source) } });
  if (tagged) {
    const colour = l.source === 'driver' ? 'driver' : Number(l.source) % 8;
    el.append(h('span', { className: `tag src-${colour}`, text: sourceName(l.source) }));
  }
  if (l.values) {
    l.values.forEach((v, i) => {
      if (i > 0) el.append(' ');
      el.append(typeof v === 'string' ? v : valueElement(v));
    });
  } else {
    el.append(l.text);
  }
  return el;
}

/** A printed value: plain text, or a disclosure whose entries are built when first opened. */
function valueElement(v: ValuePreview): Node {
  if (!('e' in v)) return document.createTextNode(v.s);
  const d = h('details', { className: 'value' }, h('summary', { text: v.s }));
  d.addEventListener(
    'toggle',
    () => {
      const rows: HTMLElement[] = v.e.map(([k, child]) =>
        h(
          'div',
          { className: 'entry' },
          h('span', { className: 'key', text: `${k}: ` }),
          valueElement(child),
        ),
      );
      if (v.more > 0) rows.push(note(`… ${v.more} more`));
      d.append(...rows);
    },
    { once: true },
  );
  return d;
}
