import { ownershipTag, PROTECTED_TAG } from '../../model/index.js';
import { sortedUnique } from '../canonical.js';

/**
 * Rule 7, tags: the EFFECTIVE tag names to write. A manifest without `tags` leaves the live tags
 * alone (live `null` = none); a manifest with `tags: []` clears them. The ownership tag is always
 * present and `gitops:protected` present exactly when the manifest says `protected: true`, whatever
 * the manifest lists, because ownership and protection are enforced, not declared.
 */
export function effectiveTags(
  desiredTags: readonly string[] | undefined,
  liveTags: readonly string[] | null | undefined,
  namespace: string,
  isProtected: boolean,
  adoptFrom: readonly string[] = [],
): string[] {
  const base = new Set(desiredTags ?? liveTags ?? []);
  // NOTE: `gitops:*` names are the tool's, not the manifest's: another namespace's ownership tag
  // stays, so a manifest's tag list never silently takes an object from its owner. Only
  // `--adopt-from <namespace>` moves an object: that namespace's tag is dropped.
  const released = new Set(adoptFrom.map(ownershipTag));
  for (const t of foreignOwnershipTags(liveTags, namespace)) if (!released.has(t)) base.add(t);
  for (const t of released) base.delete(t);
  base.delete(PROTECTED_TAG);
  base.add(ownershipTag(namespace));
  if (isProtected) base.add(PROTECTED_TAG);
  return sortedUnique([...base]);
}

/** The live `gitops:<other>` ownership tags of namespaces other than `namespace`. */
export function foreignOwnershipTags(
  liveTags: readonly string[] | null | undefined,
  namespace: string,
): string[] {
  const own = ownershipTag(namespace);
  return (liveTags ?? []).filter((t) => t.startsWith('gitops:') && t !== own && t !== PROTECTED_TAG);
}

/** Live tag names, `null`/absent read as none (desired `[]` equals live `null`). */
export function liveTagNames(liveTags: readonly string[] | null | undefined): string[] {
  return sortedUnique(liveTags ?? []);
}
