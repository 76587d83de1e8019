/**
 * Random numbers for parallel code: a counter-based generator (Philox4x32-10) whose
 * numbers depend only on a key and a position, never on which worker or GPU thread draws
 * them. `rng(seed)` is the root; `spawn(n)` derives independent children (numpy's
 * `SeedSequence.spawn`), `stream(i)` the stream of task or element `i`, so a Monte Carlo
 * result does not depend on the worker count.
 *
 * Layout of the 128-bit counter: words 0-1 are the block index (each block gives four
 * 32-bit outputs), words 2-3 are zero when drawing. Children get their own 64-bit keys,
 * derived by Philox itself from the parent's key with words 2-3 set to a tag that draws
 * never use, so a derivation never repeats a drawn block.
 */
import { UsageError } from './errors';
import { philox4x32 } from './philox';

const TWO32 = 0x1_0000_0000;
const TAG_STREAM = 1;
const TAG_SPAWN = 2;
const DERIVE = 0xffffffff;

/** The plain data of a generator: what survives structured clone on the way to a worker. */
export interface RngState {
  /** Key words (64-bit key). */
  k0: number;
  k1: number;
  /** Block index, low and high words. */
  b0: number;
  b1: number;
  /** Next word (0-3) within the current block. */
  w: number;
  /** Children spawned so far (the next spawn continues after them). */
  spawned: number;
}

/** Throws a UsageError unless `n` is an integer in [0, 2^53). */
function assertIndex(n: unknown, what: string): asserts n is number {
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) {
    throw new UsageError(`${what} must be a whole number from 0 to 2^53 - 1, got ${String(n)}`, {
      hint: 'Use a non-negative integer, e.g. rng(42) or r.stream(taskIndex()).',
    });
  }
}

/** True when `x` has the fields of an {@link RngState} (a generator that crossed to a worker). */
export function isRngState(x: unknown): x is RngState {
  if (typeof x !== 'object' || x === null) return false;
  const s = x as Record<string, unknown>;
  return ['k0', 'k1', 'b0', 'b1', 'w', 'spawned'].every((k) => typeof s[k] === 'number');
}

/**
 * A Philox4x32-10 stream: a key and a position. Drawing advances the position; the same
 * key and position give the same numbers in every worker and on the GPU.
 */
export class Rng implements RngState {
  k0: number;
  k1: number;
  b0 = 0;
  b1 = 0;
  w = 0;
  spawned = 0;
  /** The current block's four words (recomputed when the position enters a new block). */
  private readonly block = new Uint32Array(4);

  /** A generator with the key `k0, k1` at position 0. */
  constructor(k0: number, k1: number) {
    this.k0 = k0 >>> 0;
    this.k1 = k1 >>> 0;
  }

  /** Continues a generator from its state (e.g. one that was sent to a worker). */
  static fromState(s: RngState): Rng {
    const r = new Rng(s.k0, s.k1);
    r.b0 = s.b0 >>> 0;
    r.b1 = s.b1 >>> 0;
    r.w = s.w & 3;
    r.spawned = s.spawned;
    if (r.w !== 0) philox4x32(r.block, r.b0, r.b1, 0, 0, r.k0, r.k1);
    return r;
  }

  /** The next 32 random bits, as an unsigned integer in [0, 2^32). */
  uint32(): number {
    if (this.w === 0) philox4x32(this.block, this.b0, this.b1, 0, 0, this.k0, this.k1);
    const v = this.block[this.w]!;
    this.w++;
    if (this.w === 4) this.advanceBlocks(1);
    return v;
  }

  /** Moves the position on by `n` words (what a GPU fill of `n` numbers consumed). */
  skip(n: number): void {
    assertIndex(n, 'skip count');
    const words = this.w + n;
    const blocks = Math.floor(words / 4);
    this.w = words % 4;
    this.advanceBlocks(blocks);
    if (this.w !== 0) philox4x32(this.block, this.b0, this.b1, 0, 0, this.k0, this.k1);
  }

  private advanceBlocks(n: number): void {
    if (n === 0) return;
    if (this.w === 4) this.w = 0;
    const lo = this.b0 + (n % TWO32);
    this.b0 = lo >>> 0;
    this.b1 = (this.b1 + Math.floor(n / TWO32) + (lo >= TWO32 ? 1 : 0)) >>> 0;
  }

  /** A float in [0, 1) with 24 random bits: exactly what the GPU's `g.random` gives (f32). */
  float32(): number {
    return (this.uint32() >>> 8) / 16777216;
  }

  /** A float in [0, 1) with 53 random bits (two words); with `n`, a Float64Array of n. */
  random(): number;
  random(n: number): Float64Array;
  random(n?: number): number | Float64Array {
    if (n === undefined) {
      const a = this.uint32() >>> 5;
      const b = this.uint32() >>> 6;
      return (a * 67108864 + b) / 9007199254740992;
    }
    assertIndex(n, 'random(n): n');
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = this.random();
    return out;
  }

  /** A float in [low, high). */
  uniform(low = 0, high = 1): number {
    return low + (high - low) * this.random();
  }

  /** An integer in [low, high), without modulo bias; the range may span up to 2^32 values. */
  integers(low: number, high: number): number {
    const range = high - low;
    if (!Number.isSafeInteger(low) || !Number.isSafeInteger(high) || range < 1 || range > TWO32) {
      throw new UsageError(`integers(${low}, ${high}): expected integers with low < high`, {
        hint: 'high is excluded and the range may hold at most 2^32 values, e.g. integers(0, 6) for a die.',
      });
    }
    const limit = TWO32 - (TWO32 % range);
    for (;;) {
      const u = this.uint32();
      if (u < limit) return low + (u % range);
    }
  }

  /** A normal deviate (Box-Muller on two `random()` draws); with `n`, a Float64Array of n. */
  normal(mean?: number, sd?: number): number;
  normal(mean: number, sd: number, n: number): Float64Array;
  normal(mean = 0, sd = 1, n?: number): number | Float64Array {
    if (n !== undefined) {
      assertIndex(n, 'normal(mean, sd, n): n');
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = this.normal(mean, sd);
      return out;
    }
    const u1 = 1 - this.random();
    const u2 = this.random();
    return mean + sd * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /**
   * The stream of task or element `i`: its own key derived from this generator's key and
   * `i` alone, so it is the same whichever worker asks and however many workers there are.
   */
  stream(i: number): Rng {
    assertIndex(i, 'stream index');
    return this.derive(TAG_STREAM, i);
  }

  /** `n` independent children, new ones on every call (after numpy's `SeedSequence.spawn`). */
  spawn(n: number): Rng[] {
    assertIndex(n, 'spawn count');
    const out: Rng[] = [];
    for (let j = 0; j < n; j++) out.push(this.derive(TAG_SPAWN, this.spawned + j));
    this.spawned += n;
    return out;
  }

  private derive(tag: number, i: number): Rng {
    const out = new Uint32Array(4);
    philox4x32(out, i % TWO32, Math.floor(i / TWO32), tag, DERIVE, this.k0, this.k1);
    return new Rng(out[0]!, out[1]!);
  }

  /** The plain state (key and position), e.g. to print or to send. */
  state(): RngState {
    const { k0, k1, b0, b1, w, spawned } = this;
    return { k0, k1, b0, b1, w, spawned };
  }
}

/**
 * The script's and the workers' `rng(seed)`: a root generator keyed by `seed` (an integer
 * from 0 to 2^53 - 1), or the continuation of a generator that was sent to a worker (it
 * arrives as plain data).
 */
export function rng(seed: number | RngState): Rng {
  if (seed instanceof Rng) return Rng.fromState(seed.state());
  if (isRngState(seed)) return Rng.fromState(seed);
  assertIndex(seed, 'rng(seed): seed');
  return new Rng(seed % TWO32, Math.floor(seed / TWO32));
}

/** `rng` as the script and the workers see it: the function plus `rng.philox`. */
export type RngGlobal = typeof rng & {
  /** The raw Philox4x32-10 block of `counter` (4 words) under `key` (2 words). */
  philox(counter: ArrayLike<number>, key: ArrayLike<number>): Uint32Array;
};

/** Builds the `rng` global installed on the driver and on every engine. */
export function createRngGlobal(): RngGlobal {
  const philox = (counter: ArrayLike<number>, key: ArrayLike<number>): Uint32Array => {
    if (counter.length !== 4 || key.length !== 2) {
      throw new UsageError('rng.philox(counter, key): expected 4 counter words and 2 key words', {
        hint: 'e.g. rng.philox([0, 0, 0, 0], [42, 0])',
      });
    }
    const c = Array.from(counter, Number);
    const k = Array.from(key, Number);
    return philox4x32(new Uint32Array(4), c[0]!, c[1]!, c[2]!, c[3]!, k[0]!, k[1]!);
  };
  return Object.assign((seed: number | RngState) => rng(seed), { philox });
}
