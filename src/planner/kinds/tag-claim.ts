/**
 * A manifest tag that already exists but is not this namespace's (issue 12.7): made by hand (or by
 * a version of the tool before owner markers), or owned by another namespace. It is written only
 * when taken over (`--adopt` for an unmarked tag, `--adopt-from <owner>` for another namespace's);
 * otherwise an identical tag is left as it is (with a warning) and a differing one stays a plain
 * update, which the ownership guard refuses (../tag-ownership.ts, exit 3) in plan and apply alike.
 */
import type { FieldChange, LiveTag } from '../../model/index.js';
import type { DraftAction, DraftSet } from '../types.js';
import type { AdoptOptions } from './types.js';

export interface TagClaim extends AdoptOptions {
  readonly namespace: string;
}

function mayTake(live: LiveTag, claim: TagClaim): boolean {
  return live.owner === undefined ? claim.adopt : claim.adoptFrom.includes(live.owner);
}

function ownerChange(live: LiveTag, namespace: string): FieldChange {
  return live.owner === undefined
    ? { path: 'owner', after: namespace }
    : { path: 'owner', before: live.owner, after: namespace };
}

function adoptReason(live: LiveTag): string {
  return live.owner === undefined
    ? 'adopt: marks the tag as owned by this namespace (a marker at the end of its description)'
    : `adopt from namespace "${live.owner}": the owner marker in its description becomes ours`;
}

function leftAsIs(action: DraftAction, live: LiveTag, set: DraftSet): void {
  const unmarked = live.owner === undefined;
  set.warnings.push({
    code: 'unowned-tag-kept',
    id: action.id,
    message: unmarked
      ? `tag "${live.name}" exists without an owner marker (made by hand, or by streamkap-gitops before tags were marked); it matches the manifest, so nothing is written, but a later change to it is refused`
      : `tag "${live.name}" is owned by namespace "${live.owner}"; it matches the manifest, so nothing is written, but a change to it is refused`,
    hint: unmarked
      ? "pass --adopt once to mark it as this namespace's tag"
      : `leave it to namespace "${live.owner}" (resources may still carry it), or take it over with --adopt-from ${live.owner} (that team agrees)`,
  });
}

/** Settles the action of a manifest tag against its live namesake's owner (see the file comment). */
export function claimTag(action: DraftAction, live: LiveTag, claim: TagClaim, set: DraftSet): void {
  if (live.owner === claim.namespace || live.system) return;
  if (mayTake(live, claim)) {
    action.type = 'update';
    action.adopt = true;
    action.changes = [...action.changes, ownerChange(live, claim.namespace)];
    action.reason = adoptReason(live);
    return;
  }
  if (action.type === 'noop') leftAsIs(action, live, set);
}
