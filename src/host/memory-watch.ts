/**
 * A memory budget for the run's workers, where the platform allows one. Browsers give a
 * page no way to cap a worker's heap, and a worker that runs out of memory takes the whole
 * tab down; but a cross-origin isolated page can measure its workers' memory
 * (`performance.measureUserAgentSpecificMemory`), so the host measures it while a run goes
 * on and ends the run before the tab dies. Chromium answers at its next garbage
 * collection (at once with `--enable-blink-features=ForceEagerMeasureMemory`, which the
 * command line and the tests pass), so a very fast leak can still outrun it.
 */

/** Bytes the run's workers may use together before the run is ended. */
export const MEMORY_BUDGET_BYTES = 1024 ** 3;

/** Milliseconds between the end of one measurement and the start of the next. */
const INTERVAL_MS = 250;

interface Measurement {
  bytes: number;
  breakdown: { bytes: number; attribution: { url?: string; scope?: string }[] }[];
}

type Measure = () => Promise<Measurement>;

/** What the watch found when the budget was passed. */
export interface OverBudget {
  /** Bytes measured in total. */
  bytes: number;
  /** True when the script's own worker (the driver) holds most of it. */
  driver: boolean;
}

/** Measures the page's memory in a loop while active and reports the first time it is over. */
export class MemoryWatch {
  private active = false;

  constructor(
    private readonly onOver: (over: OverBudget) => void,
    private readonly budget = MEMORY_BUDGET_BYTES,
  ) {}

  /** True when this browser lets the page measure its workers' memory. */
  static get supported(): boolean {
    return crossOriginIsolated && typeof measureFunction() === 'function';
  }

  /** Starts measuring (no-op where unsupported or already active). */
  start(): void {
    const measure = measureFunction();
    if (this.active || !crossOriginIsolated || !measure) return;
    this.active = true;
    this.loop(measure).catch(() => {
      // The browser refused to measure (it may, e.g. while the page is hidden): no budget.
      this.active = false;
    });
  }

  /** Stops measuring; a measurement under way is ignored when it returns. */
  stop(): void {
    this.active = false;
  }

  private async loop(measure: Measure): Promise<void> {
    while (this.active) {
      const m = await measure();
      if (!this.active) return;
      if (m.bytes > this.budget) {
        this.active = false;
        this.onOver({ bytes: m.bytes, driver: bytesOf(m, 'driver') > bytesOf(m, 'engine') });
        return;
      }
      await new Promise((r) => setTimeout(r, INTERVAL_MS));
    }
  }
}

/** The browser's measuring function, bound, or undefined. */
function measureFunction(): Measure | undefined {
  const p = performance as Performance & { measureUserAgentSpecificMemory?: Measure };
  return p.measureUserAgentSpecificMemory?.bind(performance);
}

/** Bytes attributed to workers whose script is the driver's or an engine's. */
function bytesOf(m: Measurement, which: 'driver' | 'engine'): number {
  let sum = 0;
  for (const b of m.breakdown) {
    if (b.attribution.some((a) => a.url?.includes(`${which}.worker`))) sum += b.bytes;
  }
  return sum;
}
