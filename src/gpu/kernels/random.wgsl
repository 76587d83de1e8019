// g.random: element i takes word (w + i) of the generator's stream starting at block
// (b0, b1), exactly as n calls of Rng.float32() (or uint32()) on the CPU would.
// Needs philox.wgsl and a prelude defining `alias Out` and `fn convert(u32) -> Out`.

struct Params {
  n: u32,
  row: u32,
  k0: u32,
  k1: u32,
  b0: u32,
  b1: u32,
  w: u32,
  pad: u32,
}

@group(0) @binding(0) var<uniform> P: Params;
@group(0) @binding(1) var<storage, read_write> out_: array<Out>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  let i = gid.x + gid.y * P.row;
  if (i >= P.n) {
    return;
  }
  let word = P.w + i;
  let block = word / 4u;
  let lo = P.b0 + block;
  let carry = select(0u, 1u, lo < P.b0);
  let bits = philox4x32_10(vec4u(lo, P.b1 + carry, 0u, 0u), vec2u(P.k0, P.k1));
  out_[i] = convert(bits[word % 4u]);
}
