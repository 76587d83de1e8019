// C (m x n) = A (m x k) * B (k x n), row-major f32, in 16 x 16 tiles staged through
// workgroup memory: each element of A and B is read from storage once per tile, not once
// per product. Edges of matrices that are not multiples of 16 are padded with zeros.

struct Params {
  m: u32,
  k: u32,
  n: u32,
  pad: u32,
}

@group(0) @binding(0) var<uniform> P: Params;
@group(0) @binding(1) var<storage, read> A: array<f32>;
@group(0) @binding(2) var<storage, read> B: array<f32>;
@group(0) @binding(3) var<storage, read_write> C: array<f32>;

const TILE = 16u;
var<workgroup> As: array<array<f32, 16>, 16>;
var<workgroup> Bs: array<array<f32, 16>, 16>;

@compute @workgroup_size(16, 16)
fn main(@builtin(local_invocation_id) lid: vec3u, @builtin(workgroup_id) wid: vec3u) {
  let row = wid.y * TILE + lid.y;
  let col = wid.x * TILE + lid.x;
  var sum = 0.0;
  let tiles = (P.k + TILE - 1u) / TILE;
  for (var t = 0u; t < tiles; t++) {
    let ak = t * TILE + lid.x;
    let bk = t * TILE + lid.y;
    var a = 0.0;
    if (row < P.m && ak < P.k) {
      a = A[row * P.k + ak];
    }
    var b = 0.0;
    if (bk < P.k && col < P.n) {
      b = B[bk * P.n + col];
    }
    As[lid.y][lid.x] = a;
    Bs[lid.y][lid.x] = b;
    workgroupBarrier();
    for (var kk = 0u; kk < TILE; kk++) {
      sum += As[lid.y][kk] * Bs[kk][lid.x];
    }
    workgroupBarrier();
  }
  if (row < P.m && col < P.n) {
    C[row * P.n + col] = sum;
  }
}
