/** Seeded randomness, so fault patterns and shuffles replay identically for a given seed. */

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [0, n). */
  int(n: number): number;
  /** `n` random hex digits. */
  hex(n: number): string;
  /** A shuffled copy. */
  shuffle<T>(items: readonly T[]): T[];
}

/** mulberry32: tiny, fast and good enough for test randomness (not for security). */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number): number => Math.floor(next() * n);
  return {
    next,
    int,
    hex(n) {
      let out = '';
      for (let i = 0; i < n; i++) out += int(16).toString(16);
      return out;
    },
    shuffle(items) {
      const copy = [...items];
      for (let i = copy.length - 1; i > 0; i--) {
        const j = int(i + 1);
        [copy[i], copy[j]] = [copy[j] as (typeof copy)[number], copy[i] as (typeof copy)[number]];
      }
      return copy;
    },
  };
}

/**
 * MongoDB-ObjectId-like ids (24 hex): 8 hex of seconds, 10 random, 6 of a counter, so they are
 * unique within a run even when the random part repeats.
 */
export function createIdGenerator(rng: Rng, now: () => number): () => string {
  let counter = rng.int(0xffffff);
  return () => {
    counter = (counter + 1) % 0x1000000;
    const seconds = Math.floor(now() / 1000)
      .toString(16)
      .padStart(8, '0')
      .slice(-8);
    return seconds + rng.hex(10) + counter.toString(16).padStart(6, '0');
  };
}
