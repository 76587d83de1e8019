// Batch image processing (Langford, example 2: the same steps applied to many image files).
// Generate a batch of images, filter each one in a worker, and look at a result.
const lv = (await cluster()).balanced();
const size = 128; // each image is size x size grey levels in [0, 1]

/** A synthetic "photo": a few bright discs on a noisy background. */
function makeImage(seed: number): Float32Array {
  const size = 128;
  const img = new Float32Array(size * size);
  const discs = Array.from({ length: 3 + (seed % 4) }, () => [
    Math.random() * size,
    Math.random() * size,
    8 + Math.random() * 20,
  ]);
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const inside = discs.some(([cx, cy, r]) => (x - cx) ** 2 + (y - cy) ** 2 < r * r);
      img[y * size + x] = (inside ? 0.8 : 0.2) + 0.15 * (Math.random() - 0.5);
    }
  return img;
}

/** Blur (3x3 box) then Sobel edges: returns the edge image and how many pixels are edges. */
function findEdges(img: Float32Array): { edges: Float32Array; edgePixels: number } {
  const size = Math.sqrt(img.length);
  const at = (a: Float32Array, x: number, y: number) =>
    a[Math.min(size - 1, Math.max(0, y)) * size + Math.min(size - 1, Math.max(0, x))];
  const blur = new Float32Array(img.length);
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      let s = 0;
      for (let dy = -1; dy <= 1; dy++)
        for (let dx = -1; dx <= 1; dx++) s += at(img, x + dx, y + dy);
      blur[y * size + x] = s / 9;
    }
  const edges = new Float32Array(img.length);
  let edgePixels = 0;
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const gx =
        at(blur, x + 1, y - 1) +
        2 * at(blur, x + 1, y) +
        at(blur, x + 1, y + 1) -
        at(blur, x - 1, y - 1) -
        2 * at(blur, x - 1, y) -
        at(blur, x - 1, y + 1);
      const gy =
        at(blur, x - 1, y + 1) +
        2 * at(blur, x, y + 1) +
        at(blur, x + 1, y + 1) -
        at(blur, x - 1, y - 1) -
        2 * at(blur, x, y - 1) -
        at(blur, x + 1, y - 1);
      const g = Math.hypot(gx, gy);
      edges[y * size + x] = g;
      if (g > 0.8) edgePixels++;
    }
  return { edges, edgePixels };
}

// The "files": 48 images, made here as a camera would have saved them.
const images = Array.from({ length: 48 }, (_, i) => makeImage(i));
print(`${images.length} images of ${size} x ${size} pixels`);

// The same filter on every image, each in whichever worker is free (joblib's Parallel).
const ar = lv.map(findEdges, images, { chunkSize: 2 });
const results = await ar;
print(
  `filtered ${results.length} images in ${ar.timing.wall.toFixed(0)} ms, speedup ${ar.timing.speedup.toFixed(2)}x`,
);

table(
  results.slice(0, 8).map((r, i) => ({ image: `image_${i}.png`, 'edge pixels': r.edgePixels })),
  { title: 'edge pixels per image (first 8)' },
);
// A result: the first image before and after the filter.
plot.image(images[0], size, size, { title: 'image 0: the input' });
plot.image(results[0].edges, size, size, { title: 'image 0: edge strength after the filter' });
