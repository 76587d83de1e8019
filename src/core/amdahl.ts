/**
 * Amdahl's law fitted to measured speedups: S(n) = 1 / (f + (1 - f) / n), where f is the
 * serial fraction of the work. DOM-free; the scaling sweep draws the fitted curve.
 */

/** One measured point: a worker count and the speedup over one worker. */
export interface SpeedupPoint {
  workers: number;
  speedup: number;
}

/** The fitted serial fraction, the curve it implies and how far the points are from it. */
export interface AmdahlFit {
  serialFraction: number;
  predict(n: number): number;
  rmse: number;
}

/** Amdahl's speedup for `n` workers with serial fraction `f`. */
export function amdahl(f: number, n: number): number {
  return 1 / (f + (1 - f) / n);
}

/** Least-squares fit of f in [0, 1] (a grid search, then golden-section refinement). */
export function fitAmdahl(points: ReadonlyArray<SpeedupPoint>): AmdahlFit {
  const usable = points.filter(
    (p) => p.workers > 0 && Number.isFinite(p.workers) && Number.isFinite(p.speedup),
  );
  const sse = (f: number): number => {
    let s = 0;
    for (const p of usable) s += (amdahl(f, p.workers) - p.speedup) ** 2;
    return s;
  };
  let f = 0;
  if (usable.length > 0) {
    const steps = 200;
    let best = 0;
    let bestErr = Infinity;
    for (let i = 0; i <= steps; i++) {
      const e = sse(i / steps);
      if (e < bestErr) [best, bestErr] = [i / steps, e];
    }
    let lo = Math.max(0, best - 1 / steps);
    let hi = Math.min(1, best + 1 / steps);
    const g = (Math.sqrt(5) - 1) / 2;
    let a = hi - g * (hi - lo);
    let b = lo + g * (hi - lo);
    let ea = sse(a);
    let eb = sse(b);
    for (let i = 0; i < 80 && hi - lo > 1e-10; i++) {
      if (ea < eb) {
        hi = b;
        b = a;
        eb = ea;
        a = hi - g * (hi - lo);
        ea = sse(a);
      } else {
        lo = a;
        a = b;
        ea = eb;
        b = lo + g * (hi - lo);
        eb = sse(b);
      }
    }
    const mid = (lo + hi) / 2;
    f = [best, mid].reduce((x, y) => (sse(y) < sse(x) ? y : x));
  }
  const serialFraction = Math.min(1, Math.max(0, f));
  return {
    serialFraction,
    predict: (n: number) => amdahl(serialFraction, n),
    rmse: usable.length > 0 ? Math.sqrt(sse(serialFraction) / usable.length) : 0,
  };
}
