// Histogram with atomics: each workgroup counts its grid-strided share into workgroup
// memory (fast, contended only within the group), then adds its counts to the global
// bins once. Equal-width bins over [lo, hi]; hi falls in the last bin, as in numpy.
// Needs a prelude defining `alias T` (the input's element type).

struct Params {
  n: u32,
  bins: u32,
  lo: f32,
  hi: f32,
}

@group(0) @binding(0) var<uniform> P: Params;
@group(0) @binding(1) var<storage, read> src: array<T>;
@group(0) @binding(2) var<storage, read_write> counts: array<atomic<u32>>;

var<workgroup> local_counts: array<atomic<u32>, 1024>;

@compute @workgroup_size(256)
fn main(
  @builtin(local_invocation_id) lid: vec3u,
  @builtin(workgroup_id) wid: vec3u,
  @builtin(num_workgroups) groups: vec3u,
) {
  for (var b = lid.x; b < P.bins; b += 256u) {
    atomicStore(&local_counts[b], 0u);
  }
  workgroupBarrier();
  var i = wid.x * 256u + lid.x;
  let stride = groups.x * 256u;
  let scale = f32(P.bins) / (P.hi - P.lo);
  while (i < P.n) {
    let x = f32(src[i]);
    if (x >= P.lo && x <= P.hi) {
      let b = min(u32((x - P.lo) * scale), P.bins - 1u);
      atomicAdd(&local_counts[b], 1u);
    }
    i += stride;
  }
  workgroupBarrier();
  for (var b = lid.x; b < P.bins; b += 256u) {
    let c = atomicLoad(&local_counts[b]);
    if (c > 0u) {
      atomicAdd(&counts[b], c);
    }
  }
}
