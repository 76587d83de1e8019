// Parallel bootstrap of a correlation coefficient (Nemmen, part 3: "easy parallel Monte Carlo").
// Push the data to every worker, run the same loop on each, gather the results.
const c = await cluster();
const v = c.view();

// Synthetic data: 80 (x, y) points with a true correlation of about 0.6.
const npoints = 80;
const xdata = Float64Array.from({ length: npoints }, () => Math.random() * 10);
const ydata = xdata.map((x) => 0.6 * x + 4 * (Math.random() - 0.5) * 2);

/** Pearson's correlation coefficient of x and y. */
function pearson(x: Float64Array, y: Float64Array): number {
  const n = x.length;
  let mx = 0,
    my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i];
    my += y[i];
  }
  mx /= n;
  my /= n;
  let sxy = 0,
    sxx = 0,
    syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i] - mx,
      dy = y[i] - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxy / Math.sqrt(sxx * syy);
}

/** `count` bootstrap replicates: resample the pairs with replacement, correlate each time. */
function bootstrap(x: Float64Array, y: Float64Array, count: number): Float64Array {
  const r = new Float64Array(count);
  const xs = new Float64Array(x.length),
    ys = new Float64Array(y.length);
  for (let b = 0; b < count; b++) {
    for (let i = 0; i < x.length; i++) {
      const j = Math.floor(Math.random() * x.length);
      xs[i] = x[j];
      ys[i] = y[j];
    }
    r[b] = pearson(xs, ys);
  }
  return r;
}

const nboot = 40_000;
const perWorker = Math.ceil(nboot / c.size); // the bootstraps that go to each worker

// Serial, for comparison.
let t = performance.now();
bootstrap(xdata, ydata, nboot);
print(`serial: ${(performance.now() - t).toFixed(0)} ms`);

// Parallel: push the data and the functions, run the loop everywhere, gather the parts.
t = performance.now();
await v.push({ xdata, ydata, n: perWorker, pearson, bootstrap });
await v.execute('const r = bootstrap(xdata, ydata, n)');
const r: Float64Array = await v.gather('r');
print(`parallel on ${c.size} workers: ${(performance.now() - t).toFixed(0)} ms`);

const sorted = Float64Array.from(r).sort();
const at = (q: number) => sorted[Math.floor(q * (sorted.length - 1))].toFixed(3);
print(`bootstrap: ${r.length.toLocaleString('en-US')} resamples`);
print(
  `r of the data: ${pearson(xdata, ydata).toFixed(3)}, 95% interval ${at(0.025)} to ${at(0.975)}`,
);
plot.hist(r, { bins: 50, title: 'bootstrap distribution of r' });
