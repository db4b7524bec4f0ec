/** Durations in words for report lines: `850 ms`, `42 s`, `54 min`, `1 h`, `3 d`. */

const UNITS: readonly (readonly [number, string, number])[] = [
  // [unit in ms, name, below this many ms use it]
  [1000, 's', 120_000],
  [60_000, 'min', 2 * 3_600_000],
  [3_600_000, 'h', 2 * 86_400_000],
  [86_400_000, 'd', Number.POSITIVE_INFINITY],
];

export function duration(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < 1000) return `${Math.round(ms)} ms`;
  const [unit, name] = UNITS.find(([, , below]) => abs < below) ?? [86_400_000, 'd'];
  const n = Math.round((ms / unit) * 10) / 10;
  return `${n} ${name}`;
}
