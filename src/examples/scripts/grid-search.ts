// A grid search with cross-validation (IPython parallel lecture, homework 1; Berkeley SCF,
// parallel cross-validation). The model, k nearest neighbours, is written right here.
const c = await cluster();

// Two interleaved half-moons with noise: 400 labelled points.
const points: { x: number; y: number; label: number }[] = [];
for (let i = 0; i < 400; i++) {
  const label = i % 2,
    a = Math.random() * Math.PI;
  const x = label ? 1 - Math.cos(a) : Math.cos(a),
    y = label ? 0.5 - Math.sin(a) : Math.sin(a);
  points.push({
    x: x + 0.6 * (Math.random() - 0.5) * 2,
    y: y + 0.6 * (Math.random() - 0.5) * 2,
    label,
  });
}

/** Accuracy of k-nearest-neighbours with `weighting`, by 5-fold cross-validation on `data`. */
function crossValidate(
  k: number,
  weighting: string,
  data: { x: number; y: number; label: number }[],
): number {
  const folds = 5;
  let correct = 0;
  for (let f = 0; f < folds; f++) {
    const train = data.filter((_, i) => i % folds !== f);
    const test = data.filter((_, i) => i % folds === f);
    for (const p of test) {
      const near = train
        .map((q) => ({ d: Math.hypot(p.x - q.x, p.y - q.y), label: q.label }))
        .sort((a, b) => a.d - b.d)
        .slice(0, k);
      let vote = 0;
      for (const n of near)
        vote += (n.label ? 1 : -1) * (weighting === 'distance' ? 1 / (n.d + 1e-9) : 1);
      if ((vote > 0 ? 1 : 0) === p.label) correct++;
    }
  }
  return correct / data.length;
}

// The grid: every pair of hyperparameters, evaluated independently.
const grid = [1, 3, 5, 9, 15, 25, 41, 75].flatMap((k) =>
  ['uniform', 'distance'].map((weighting) => ({ k, weighting })),
);
await c.view().push({ crossValidate, points });
const ar = c
  .balanced()
  .map(
    ({ k, weighting }: { k: number; weighting: string }) => crossValidate(k, weighting, points),
    grid,
    { chunkSize: 1 },
  );
const scores = await ar;
print(
  `${grid.length} settings x 5 folds on ${c.size} workers: ${ar.timing.wall.toFixed(0)} ms, speedup ${ar.timing.speedup.toFixed(2)}x`,
);

const ranked = grid
  .map((g, i) => ({ ...g, accuracy: scores[i] }))
  .sort((a, b) => b.accuracy - a.accuracy);
const best = ranked[0];
print(
  `best: k = ${best.k}, ${best.weighting} weighting, cross-validated accuracy ${(100 * best.accuracy).toFixed(1)}%`,
);
table(
  ranked.map((r) => ({
    k: r.k,
    weighting: r.weighting,
    'accuracy (%)': (100 * r.accuracy).toFixed(1),
  })),
  { title: 'cross-validated accuracy, best first' },
);
