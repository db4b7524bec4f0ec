/**
 * Rule 6, sets not lists: tags, tag types, pipeline topics and each transform's topics come back in
 * any order (tag `type` is shuffled by the server), so they compare as sets. Comma-separated strings
 * inside `config` are not sets: they stay strings.
 */
export function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const sa = new Set(a);
  const sb = new Set(b);
  if (sa.size !== sb.size) return false;
  for (const v of sa) if (!sb.has(v)) return false;
  return true;
}
