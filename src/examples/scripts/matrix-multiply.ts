// Distributed matrix multiply: parallel_dot (IPython parallel lecture, "DirectView: scatter and gather").
// Scatter the rows of A, push all of B, multiply the blocks on every worker, gather the rows of C.
const c = await cluster();
const dview = c.view();

const n = 360; // A is n x n, B is n x n
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
  await dview.scatter('A', A); // each worker gets a contiguous block of rows
  await dview.push({ B, dot }); // every worker gets all of B
  await dview.execute('const C = dot(A, B)');
  return dview.gather('C'); // the blocks of rows of C, in order
}

const A = random(n, n);
const B = random(n, n);

let t = performance.now();
const serial = dot(A, B);
print(`serial: ${(performance.now() - t).toFixed(0)} ms`);

t = performance.now();
const C = await parallel_dot(A, B);
print(
  `parallel on ${c.size} workers: ${(performance.now() - t).toFixed(0)} ms (sending B to every worker included)`,
);

const close = C.every((row, i) => row.every((v, j) => Math.abs(v - serial[i][j]) < 1e-9));
print(`${C.length} x ${C[0].length} result, same as the serial product: ${close}`);
