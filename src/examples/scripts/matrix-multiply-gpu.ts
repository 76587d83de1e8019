// Matrix multiply on the workers (parallel_dot) and on the GPU (lesson 5, GPU version).
// The workers get blocks of rows of A and all of B; the GPU gets A and B whole and
// multiplies them in 16 x 16 tiles held in its fast workgroup memory.
const c = await cluster();
const dview = c.view();

const n = 192; // A and B are n x n
const random = (rows: number, cols: number) =>
  Array.from({ length: rows }, () => Float64Array.from({ length: cols }, Math.random));

/** C = A B for a block of rows of A. */
function dot(A: Float64Array[], B: Float64Array[]): Float64Array[] {
  const cols = B[0].length;
  return A.map((row) => {
    const out = new Float64Array(cols);
    for (let k = 0; k < row.length; k++) {
      const a = row[k],
        bk = B[k];
      for (let j = 0; j < cols; j++) out[j] += a * bk[j];
    }
    return out;
  });
}

async function parallel_dot(A: Float64Array[], B: Float64Array[]): Promise<Float64Array[]> {
  await dview.scatter('A', A);
  await dview.push({ B, dot });
  await dview.execute('const C = dot(A, B)');
  return dview.gather('C');
}

const A = random(n, n);
const B = random(n, n);

// 1. The workers, as in the CPU version.
let t = performance.now();
const C = await parallel_dot(A, B);
print(`workers (${c.size}): ${(performance.now() - t).toFixed(0)} ms, sending A and B included`);

// 2. The GPU: one flat Float32Array per matrix, row after row. The GPU computes in 32-bit
// floats (about 7 significant digits), the workers in 64-bit.
let g: Gpu | undefined;
try {
  g = await gpu();
} catch (e) {
  const err = e as Error & { hint?: string };
  print(`No GPU for this run (${err.name}): ${err.message}`);
  print(`What to do: ${err.hint ?? 'run it in a browser with WebGPU.'}`);
}

if (g) {
  print(
    `GPU: ${g.info.description || g.info.architecture}${g.info.fallback ? ' (a software adapter: its times are CPU times, not GPU times)' : ''}`,
  );
  const flat = (M: Float64Array[]) => Float32Array.from(M.flatMap((row) => Array.from(row)));

  t = performance.now();
  const gA = await g.array(flat(A), [n, n]); // upload
  const gB = await g.array(flat(B), [n, n]);
  const tUpload = performance.now() - t;

  t = performance.now();
  const gC = await gA.matmul(gB); // compute: the result stays on the GPU
  const tMatmul = performance.now() - t;

  t = performance.now();
  const c32 = await gC.download(); // readback
  const tDownload = performance.now() - t;
  print(
    `GPU: upload ${tUpload.toFixed(0)} ms, matmul ${tMatmul.toFixed(0)} ms, read back ${tDownload.toFixed(0)} ms`,
  );
  for (const a of [gA, gB, gC]) a.free();

  // 3. Agreement: every entry against the workers' product. Entries are sums of n products,
  // so 32-bit rounding leaves differences of about 1e-5 of their size.
  let worst = 0;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++)
      worst = Math.max(worst, Math.abs(c32[i * n + j] - C[i][j]) / Math.abs(C[i][j]));
  print(
    `${n} x ${n} result, GPU against workers: largest relative difference ${worst.toExponential(1)}, ` +
      `${worst < 1e-5 ? 'within' : 'outside'} 32-bit rounding (1e-5)`,
  );
}
