// A reduction in two passes: each workgroup folds a grid-strided share of `src` into one
// value in workgroup memory (a tree), then one workgroup folds the partial results.
// Needs a prelude defining `alias T`, `const IDENTITY: T` and `fn combine(T, T) -> T`.

struct Params {
  n: u32,
  groups: u32,
}

@group(0) @binding(0) var<uniform> P: Params;
@group(0) @binding(1) var<storage, read> src: array<T>;
@group(0) @binding(2) var<storage, read_write> dst: array<T>;

var<workgroup> acc: array<T, 256>;

@compute @workgroup_size(256)
fn main(@builtin(local_invocation_id) lid: vec3u, @builtin(workgroup_id) wid: vec3u) {
  var v: T = IDENTITY;
  var i = wid.x * 256u + lid.x;
  let stride = P.groups * 256u;
  while (i < P.n) {
    v = combine(v, src[i]);
    i += stride;
  }
  acc[lid.x] = v;
  workgroupBarrier();
  for (var s = 128u; s > 0u; s >>= 1u) {
    if (lid.x < s) {
      acc[lid.x] = combine(acc[lid.x], acc[lid.x + s]);
    }
    workgroupBarrier();
  }
  if (lid.x == 0u) {
    dst[wid.x] = acc[0];
  }
}
