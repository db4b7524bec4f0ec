/**
 * Who owns a custom tag (issue 12.7). A tag has no place for metadata but its description, so the
 * namespace that created or adopted a tag appends a marker to it: `Orders data [gitops:shop]`. The
 * state reader splits it off (the model's description never holds it: plans, drift and export
 * compare and show the user's text) and keeps the owner beside it; the writer appends it again on
 * every create and update. Only a trailing marker after one space (or the whole description) counts,
 * with a namespace that is a valid namespace name, so a description that merely mentions one is text.
 */
import { isLockTag } from './state.js';

/** A namespace name (the manifest's `namespace`), without anchors. */
export const NAMESPACE_NAME = '[a-z0-9][a-z0-9-]{0,40}';

const MARKER = new RegExp(`(?:^| )\\[gitops:(${NAMESPACE_NAME})\\]$`);

/** The marker the namespace writes at the end of its tags' descriptions. */
export function tagOwnerMarker(namespace: string): string {
  return `[gitops:${namespace}]`;
}

/**
 * Names of the tool's own tags: ownership tags and `gitops:protected` (shared by every namespace)
 * and the namespace locks. They are never user tags, carry no marker and are never marked.
 */
export function isToolTagName(name: string): boolean {
  return name.startsWith('gitops:') || isLockTag(name);
}

export interface SplitDescription {
  /** The user's description; `null` when the marker was all of it. */
  readonly description: string | null;
  /** The namespace the marker names; absent when there is none. */
  readonly owner?: string;
}

/** A description as read: the user's text and the owner its trailing marker names. */
export function splitTagDescription(raw: string | null): SplitDescription {
  if (raw === null) return { description: null };
  const m = MARKER.exec(raw);
  if (m === null) return { description: raw };
  const text = raw.slice(0, m.index);
  return { description: text === '' ? null : text, owner: m[1] as string };
}

/** The description to write: the user's text (if any), a space and the namespace's marker. */
export function markedTagDescription(description: string | null, namespace: string): string {
  const marker = tagOwnerMarker(namespace);
  return description === null || description === '' ? marker : `${description} ${marker}`;
}
