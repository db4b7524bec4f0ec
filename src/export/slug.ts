/**
 * File names from names the API returned: hostile input. A slug holds only `a-z`, `0-9`, `-` and
 * `_` (so no separator, no `..`, no control character, no leading dot), is never empty and never
 * a name Windows reserves, and is short enough for any file system. Collisions (`Orders DB` and
 * `orders-db`, or two names past the length limit) are resolved the same way on every run.
 */

/** Longest slug before a collision suffix: file names stay well under the usual 255-byte limit. */
const MAX_SLUG = 64;
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/;

/** One name as a file-name-safe slug (not yet unique). */
export function slugify(name: string): string {
  const base = name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-_]+|[-_]+$/g, '')
    .slice(0, MAX_SLUG)
    .replace(/[-_]+$/, '');
  if (base === '') return 'unnamed';
  return RESERVED.test(base) ? `${base}-1` : base;
}

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A unique slug per name, the same whatever order the names come in: names are taken sorted, and
 * the second name wanting a slug gets `-2`, the third `-3` (skipping any slug another name has).
 */
export function uniqueSlugs(names: Iterable<string>): Map<string, string> {
  const sorted = [...new Set(names)].sort(byCodeUnit);
  const wanted = new Map(sorted.map((n) => [n, slugify(n)]));
  const taken = new Set<string>();
  const out = new Map<string, string>();
  // NOTE: a name whose slug is exactly its own wins its slug before any suffixed one takes it.
  for (const n of sorted) {
    const slug = wanted.get(n) ?? 'unnamed';
    if (slug === n && !taken.has(slug)) {
      taken.add(slug);
      out.set(n, slug);
    }
  }
  for (const n of sorted) {
    if (out.has(n)) continue;
    const slug = wanted.get(n) ?? 'unnamed';
    let candidate = slug;
    for (let i = 2; taken.has(candidate); i++) candidate = `${slug}-${i}`;
    taken.add(candidate);
    out.set(n, candidate);
  }
  return out;
}
