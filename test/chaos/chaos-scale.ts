/**
 * How much of the chaos suites a run takes: `npm test` runs a fixed subset sized for CI, `npm run
 * test:chaos` (vitest.chaos.config.ts sets STREAMKAP_CHAOS=full) runs everything. The subset is
 * chosen by position, never at random, so a failure in CI is the same failure on a laptop.
 */
export const FULL = process.env['STREAMKAP_CHAOS'] === 'full';

/** Every item in a full run; every `step`-th (from the first) otherwise. */
export function sample<T>(items: readonly T[], step: number): T[] {
  return FULL ? [...items] : items.filter((_, i) => i % step === 0);
}
