/**
 * The manifests against the account (doctor with paths): the namespace's ownership tag, live
 * namesakes the namespace does not own (the plan refuses to touch them), `external:` names that
 * must resolve to exactly one live object, and connectors the account has never used. Reads the
 * live state as plan does, through the read-only API. Names come from the user's manifests and the
 * account; no config value is looked at.
 */
import { ApiError } from '../../errors/index.js';
import { registry } from '../../kinds/registry.js';
import {
  ownershipTag,
  type DesiredState,
  type LiveResource,
  type LiveState,
  type ResourceKind,
} from '../../model/index.js';
import { liveTagsOf } from '../../planner/resource-actions.js';
import { foreignOwnershipTags } from '../../planner/rules/tags.js';
import { loadLiveState } from '../../state/index.js';
import { fail, ok, runCheck, warn, type CheckDef, type Verdict } from '../check.js';
import type { ReadApi } from '../read-api.js';
import type { CheckResult } from '../types.js';

const def = (id: string, title: string, assumed: string, setting?: string): CheckDef => ({
  id,
  group: 'manifests',
  title,
  assumed,
  ...(setting === undefined ? {} : { setting }),
});

const OWNERSHIP = def(
  'ownership-tag',
  'Namespace ownership tag',
  'the tag gitops:<namespace> marks what the namespace owns; the first apply creates it',
  "the manifests' namespace: key",
);
const NAMESAKES = def(
  'namesakes',
  'Namesakes owned by others',
  'no live object of the same kind and name exists unless this namespace owns it',
  'plan/apply --adopt takes over an unowned namesake',
);
const EXTERNAL = def(
  'external-references',
  'External references',
  'every name under external: is exactly one live object',
);
const CONNECTORS = def(
  'connectors-used',
  'Connectors the account has used',
  'every connector the manifests use exists in the account already (its config keys are known there)',
);

function byKindName(state: LiveState): Map<string, LiveResource[]> {
  const out = new Map<string, LiveResource[]>();
  for (const r of state.resources) {
    const key = `${r.kind}\u0000${r.name}`;
    out.set(key, [...(out.get(key) ?? []), r]);
  }
  return out;
}

function ownershipVerdict(desired: DesiredState, live: LiveState): Verdict {
  const name = ownershipTag(desired.namespace);
  const tags = live.tags.filter((t) => t.name === name);
  if (tags.length > 1) {
    return fail(
      `${tags.length} tags are named ${name}`,
      'Delete all but one in the Streamkap UI: the plan cannot tell which one owns.',
    );
  }
  if (tags.length === 0) return ok(`${name} does not exist yet: the first apply creates it`);
  const owned = live.resources.filter((r) => r.kind !== 'tag' && liveTagsOf(r).includes(name)).length;
  return ok(`${name} exists; ${owned} objects carry it`);
}

function namesakesVerdict(desired: DesiredState, index: Map<string, LiveResource[]>): Verdict {
  const mine = ownershipTag(desired.namespace);
  const found: string[] = [];
  for (const r of desired.resources) {
    if (r.kind === 'tag') continue;
    for (const l of index.get(`${r.kind}\u0000${r.name}`) ?? []) {
      if (liveTagsOf(l).includes(mine)) continue;
      const owners = foreignOwnershipTags(liveTagsOf(l), desired.namespace);
      found.push(
        `${r.kind} "${r.name}" (${owners.length > 0 ? `owned by ${owners.join(', ')}` : 'unowned'})`,
      );
    }
  }
  if (found.length === 0) return ok(`none among ${desired.resources.length} manifest objects`);
  return fail(
    found.join('; '),
    'The plan will not touch these: rename the manifest object, move it to external:, or (unowned only) pass --adopt to take it over.',
  );
}

function externalVerdict(desired: DesiredState, index: Map<string, LiveResource[]>): Verdict {
  const refs = Object.entries(desired.external).flatMap(([kind, names]) =>
    (names ?? []).map((name) => ({ kind, name })),
  );
  if (refs.length === 0) return ok('the manifests list no external references');
  const problems = refs.flatMap(({ kind, name }) => {
    const n = (index.get(`${kind}\u0000${name}`) ?? []).length;
    if (n === 1) return [];
    return [`${kind} "${name}" ${n === 0 ? 'does not exist' : `exists ${n} times`}`];
  });
  if (problems.length === 0) return ok(`${refs.length} external references, each one live object`);
  return fail(
    problems.join('; '),
    'Create the object, fix the name under external:, or remove the duplicate.',
  );
}

function connectorsVerdict(desired: DesiredState, live: LiveState): Verdict {
  const codeOf = (r: { kind: string; connector?: unknown }): string | undefined =>
    typeof r.connector === 'string' ? `${r.kind} ${r.connector}` : undefined;
  const used = new Set(live.resources.flatMap((r) => codeOf(r) ?? []));
  const wanted = [...new Set(desired.resources.flatMap((r) => codeOf(r) ?? []))].sort();
  if (wanted.length === 0) return ok('the manifests declare no source or destination');
  const fresh = wanted.filter((c) => !used.has(c));
  if (fresh.length === 0) return ok(`${wanted.length} connectors, each already used in the account`);
  return warn(
    `never used in the account: ${fresh.join(', ')}`,
    "The tool's connector catalogue is a snapshot: read the first plan of these carefully, and compare its keys with the Streamkap UI.",
  );
}

/** The four manifest checks; a failed live read fails each with its reason. */
export async function manifestChecks(api: ReadApi, desired: DesiredState): Promise<CheckResult[]> {
  const kinds: ResourceKind[] = [...registry.applyOrder];
  let live: LiveState;
  try {
    live = await loadLiveState(api.asClient(), kinds);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    const why = fail(
      `the live state could not be read: ${error.message}`,
      error.hint ?? 'plan would fail the same way.',
    );
    return Promise.all(
      [OWNERSHIP, NAMESAKES, EXTERNAL, CONNECTORS].map((d) => runCheck(d, () => why, undefined)),
    );
  }
  const index = byKindName(live);
  return Promise.all([
    runCheck(OWNERSHIP, () => ownershipVerdict(desired, live), undefined),
    runCheck(NAMESAKES, () => namesakesVerdict(desired, index), undefined),
    runCheck(EXTERNAL, () => externalVerdict(desired, index), undefined),
    runCheck(CONNECTORS, () => connectorsVerdict(desired, live), undefined),
  ]);
}
