// Philox4x32-10 (Salmon et al., SC11; Random123), the same bits as src/core/philox.ts.
// WGSL has no 64-bit integers: the high word of a 32x32 product is built from 16-bit halves.

fn mulhi32(a: u32, b: u32) -> u32 {
  let a_lo = a & 0xffffu;
  let a_hi = a >> 16u;
  let b_lo = b & 0xffffu;
  let b_hi = b >> 16u;
  let lolo = a_lo * b_lo;
  let mid1 = a_hi * b_lo;
  let mid2 = a_lo * b_hi;
  let carry = ((lolo >> 16u) + (mid1 & 0xffffu) + (mid2 & 0xffffu)) >> 16u;
  return a_hi * b_hi + (mid1 >> 16u) + (mid2 >> 16u) + carry;
}

fn philox4x32_10(counter: vec4u, key: vec2u) -> vec4u {
  var x = counter;
  var k = key;
  for (var r = 0u; r < 10u; r++) {
    if (r > 0u) {
      k = k + vec2u(0x9e3779b9u, 0xbb67ae85u);
    }
    let hi0 = mulhi32(0xd2511f53u, x.x);
    let lo0 = 0xd2511f53u * x.x;
    let hi1 = mulhi32(0xcd9e8d57u, x.z);
    let lo1 = 0xcd9e8d57u * x.z;
    x = vec4u(hi1 ^ x.y ^ k.x, lo1, hi0 ^ x.w ^ k.y, lo0);
  }
  return x;
}
