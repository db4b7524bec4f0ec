/**
 * A sparkline: a series as one line of block characters, lowest value ▁, highest █. Pure.
 * Longer series are cut into `width` buckets, each drawn at its highest value (a lag peak must not
 * vanish by averaging); a bucket without any value is a space. A flat series is drawn at ▁.
 */
const BARS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'] as const;

/** Buckets of at most `width`, each the max of its known values (null when it has none). */
export function resample(values: readonly (number | null)[], width: number): (number | null)[] {
  if (values.length <= width) return [...values];
  const out: (number | null)[] = [];
  for (let i = 0; i < width; i++) {
    const slice = values.slice(
      Math.floor((i * values.length) / width),
      Math.floor(((i + 1) * values.length) / width),
    );
    const known = slice.filter((v): v is number => v !== null);
    out.push(known.length > 0 ? Math.max(...known) : null);
  }
  return out;
}

export function sparkline(values: readonly (number | null)[], width = 12): string {
  const points = resample(values, Math.max(1, width));
  const known = points.filter((v): v is number => v !== null && Number.isFinite(v));
  if (known.length === 0) return '';
  const min = Math.min(...known);
  const span = Math.max(...known) - min;
  return points
    .map((v) => {
      if (v === null || !Number.isFinite(v)) return ' ';
      const level = span === 0 ? 0 : Math.round(((v - min) / span) * (BARS.length - 1));
      return BARS[level];
    })
    .join('');
}
