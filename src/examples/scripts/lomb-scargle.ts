// Periods of variable stars with a Lomb-Scargle periodogram (IPython parallel lecture,
// homework 2: the periods of ~1000 LINEAR stars with a load-balanced view).
// The light curves are synthetic: unevenly sampled sines plus noise, with known periods.
const c = await cluster();
const stars = 200;

interface LightCurve {
  t: Float64Array;
  y: Float64Array;
  period: number;
}

/** One star: 40 observations at random times over 30 nights, brightness a noisy sine. */
function observe(): LightCurve {
  const period = 0.15 + Math.random() * 1.35; // days
  const phase = Math.random() * 2 * Math.PI;
  const t = Float64Array.from({ length: 40 }, () => Math.random() * 30).sort();
  const y = t.map(
    (ti) => Math.sin((2 * Math.PI * ti) / period + phase) + 0.4 * (Math.random() - 0.5),
  );
  return { t, y, period };
}

/** The classical Lomb-Scargle periodogram's best period, over 800 trial frequencies. */
function bestPeriod({ t, y }: LightCurve): number {
  const n = t.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += y[i];
  mean /= n;
  let best = 0,
    bestPower = -1;
  for (let f = 0; f < 800; f++) {
    const w = 2 * Math.PI * (0.5 + (f * 9.5) / 800); // 0.5 to 10 cycles a day
    let s2 = 0,
      c2 = 0;
    for (let i = 0; i < n; i++) {
      s2 += Math.sin(2 * w * t[i]);
      c2 += Math.cos(2 * w * t[i]);
    }
    const tau = Math.atan2(s2, c2) / (2 * w);
    let yc = 0,
      ys = 0,
      cc = 0,
      ss = 0;
    for (let i = 0; i < n; i++) {
      const cs = Math.cos(w * (t[i] - tau)),
        sn = Math.sin(w * (t[i] - tau)),
        d = y[i] - mean;
      yc += d * cs;
      ys += d * sn;
      cc += cs * cs;
      ss += sn * sn;
    }
    const power = (yc * yc) / cc + (ys * ys) / ss;
    if (power > bestPower) {
      bestPower = power;
      best = (2 * Math.PI) / w;
    }
  }
  return best;
}

const curves = Array.from({ length: stars }, observe);
const ar = c.balanced().map(bestPeriod, curves, { chunkSize: 'auto' });
let reported = 0;
for await (const period of ar) {
  if (!(period > 0)) print('a periodogram found no peak');
  // Results arrive as the workers finish them: report every quarter.
  if (ar.progress >= reported + stars / 4)
    print(`${(reported = ar.progress)} of ${stars} stars done`);
}
const found = await ar;
print(
  `periodograms of ${stars} stars on ${c.size} workers: ${ar.timing.wall.toFixed(0)} ms, speedup ${ar.timing.speedup.toFixed(2)}x`,
);

const recovered = found.filter(
  (p, i) => Math.abs(p - curves[i].period) / curves[i].period < 0.01,
).length;
print(`recovered within 1%: ${recovered} of ${stars}`);
plot.scatter(
  curves.map((cv) => cv.period),
  found,
  { title: 'found period against true period (days)', name: 'star' },
);
