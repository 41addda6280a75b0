/** A seeded source of random choices (pure-rand's xoroshiro128+): the same seed, the same region. */
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

export class Dice {
  private readonly rng: ReturnType<typeof xoroshiro128plus>;

  constructor(seed: number) {
    this.rng = xoroshiro128plus(seed);
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return max <= min ? min : uniformInt(this.rng, min, max);
  }

  /** True with probability `p` (to a millionth). */
  chance(p: number): boolean {
    return this.int(0, 999_999) < p * 1_000_000;
  }

  pick<T>(list: readonly T[]): T {
    const item = list[this.int(0, list.length - 1)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  /** Spreads `total` over buckets by weight, one unit at a time (totals are small). */
  spread(total: number, weights: readonly number[]): number[] {
    const out = weights.map(() => 0);
    const sum = weights.reduce((a, b) => a + b, 0);
    for (let n = 0; n < total; n += 1) {
      let at = this.int(0, sum - 1);
      const index = weights.findIndex((w) => (at -= w) < 0);
      out[index] = (out[index] ?? 0) + 1;
    }
    return out;
  }
}
