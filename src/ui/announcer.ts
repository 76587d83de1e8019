/**
 * Says what changed on the page to screen readers, politely and once: run started, each
 * call finished, an error, stopped. Messages that arrive close together are joined, and a
 * flood of finished calls (a loop of 10,000 submits) becomes one sentence with a count.
 */
import type { RunModel } from '../core/run-model';
import { formatCount, formatMs } from './format';

/** Announcements are at most this often; what arrives in between is joined. */
const GAP_MS = 800;

/** A polite live region and the queue of what it will say next. */
export class Announcer {
  private pending: { key: string | undefined; count: number; text: (n: number) => string }[] = [];
  private lastAt = -Infinity;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly heard = new Set<number>();
  private heardModel: RunModel | undefined;

  /** Uses `region` (made a polite status region here) to speak. */
  constructor(private readonly region: HTMLElement) {
    region.setAttribute('role', 'status');
    region.setAttribute('aria-live', 'polite');
    region.setAttribute('aria-atomic', 'true');
  }

  /** Announces `text` (joined with others arriving within a moment). */
  say(text: string): void {
    this.queue(undefined, () => text);
  }

  /** Announces calls of `model` that finished since the last look. */
  callsFinished(model: RunModel): void {
    if (model !== this.heardModel) {
      this.heardModel = model;
      this.heard.clear();
    }
    for (const c of model.calls.values()) {
      const id = c.start.callId;
      if (!c.end || this.heard.has(id)) continue;
      this.heard.add(id);
      if (c.start.kind === 'push' || c.start.kind === 'clear') continue;
      const { label } = c.start;
      const wall = formatMs(c.end.timing.wall);
      const failed = c.end.error !== undefined;
      this.queue('call', (n) =>
        n === 1
          ? `${label} ${failed ? 'failed' : 'finished'} in ${wall}.`
          : `${formatCount(n)} calls finished, the last ${label} in ${wall}.`,
      );
    }
  }

  /** What the region says now (tests read it through the DOM). */
  get text(): string {
    return this.region.textContent ?? '';
  }

  private queue(key: string | undefined, text: (n: number) => string): void {
    const same = key === undefined ? undefined : this.pending.find((p) => p.key === key);
    if (same) {
      same.count++;
      same.text = text;
    } else this.pending.push({ key, count: 1, text });
    if (this.timer !== undefined) return;
    const wait = Math.max(0, this.lastAt + GAP_MS - performance.now());
    this.timer = setTimeout(() => this.flush(), wait);
  }

  private flush(): void {
    this.timer = undefined;
    this.lastAt = performance.now();
    const text = this.pending.map((p) => p.text(p.count)).join(' ');
    this.pending = [];
    this.region.textContent = text;
  }
}
