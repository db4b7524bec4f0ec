import { ownershipTag, resourceKey, type ResourceKey } from '../model/index.js';
import type { PlanLiveIndex } from './live-index.js';
import type { DraftAction, DraftSet } from './types.js';

function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** What a create/update/replace/noop needs first: tags it carries, and a pipeline's references. */
function forwardDependencies(action: DraftAction, ownTag: ResourceKey, set: DraftSet): void {
  const desired = action.desired ?? {};
  const wanted: ResourceKey[] = [ownTag, ...stringsOf(desired['tags']).map((t) => resourceKey('tag', t))];
  if (action.kind === 'pipeline') {
    wanted.push(...stringsOf(desired['source']).map((n) => resourceKey('source', n)));
    wanted.push(...stringsOf(desired['destination']).map((n) => resourceKey('destination', n)));
    for (const key of ['transforms', 'topicAutoDiscovery'] as const) {
      const list = Array.isArray(desired[key]) ? (desired[key] as unknown[]) : [];
      for (const t of list) {
        const name =
          (t as { name?: unknown; transform?: unknown }).name ?? (t as { transform?: unknown }).transform;
        if (typeof name === 'string') wanted.push(resourceKey('transform', name));
      }
    }
  }
  for (const id of wanted) if (id !== action.id && set.actions.has(id)) action.dependsOn.add(id);
}

function references(pipeline: DraftAction, kind: string, name: string): boolean {
  const d = pipeline.desired ?? {};
  if (kind === 'source' || kind === 'destination') return d[kind] === name;
  const list = Array.isArray(d['transforms']) ? (d['transforms'] as { name?: unknown }[]) : [];
  return list.some((t) => t.name === name);
}

/**
 * A replaced source/destination/transform gets a new id, so a kept pipeline that still uses it is
 * repointed: its action becomes (or stays) an update that runs after the replace.
 */
function repoint(pipeline: DraftAction, replaced: DraftAction): void {
  const path = replaced.kind === 'transform' ? `transforms[${replaced.name}].id` : `${replaced.kind}.id`;
  const before = replaced.liveId ?? null;
  pipeline.changes = [...pipeline.changes, { path, before, after: '(known after apply)' }];
  if (pipeline.type === 'noop') {
    pipeline.type = 'update';
    pipeline.reason = `repointed: ${replaced.id} is replaced`;
  }
  pipeline.dependsOn.add(replaced.id);
}

/**
 * Deletes run bottom-up: a delete (or the delete half of a replace) of a source, destination or
 * transform waits for every live pipeline using it to be deleted or repointed first.
 */
function reverseDependencies(
  action: DraftAction,
  index: PlanLiveIndex,
  byLiveId: Map<string, DraftAction>,
  set: DraftSet,
): void {
  if (action.kind !== 'source' && action.kind !== 'destination' && action.kind !== 'transform') return;
  const liveName = action.type === 'delete' ? action.name : (action.renamedFrom ?? action.name);
  for (const p of index.pipelinesReferencing(action.kind, liveName)) {
    const pa = byLiveId.get(p.live.id);
    if (!pa) {
      set.warnings.push({
        code: 'referenced-by-unmanaged',
        id: action.id,
        message: `${action.id} is used by pipeline "${p.name}", which this namespace does not manage; the ${action.type} may break it`,
      });
      continue;
    }
    if (action.type === 'replace' && pa.type !== 'delete' && references(pa, action.kind, action.name)) {
      // NOTE: a pipeline that is itself replaced already runs after the replace it depends on.
      if (pa.type !== 'replace') repoint(pa, action);
      continue;
    }
    if (pa.type !== 'noop' && pa.type !== 'create') action.dependsOn.add(pa.id);
  }
}

/** Fills every action's dependsOn (see docs/plan-format.md, "Dependencies"). */
export function addDependencies(namespace: string, index: PlanLiveIndex, set: DraftSet): void {
  const ownTag = resourceKey('tag', ownershipTag(namespace));
  const byLiveId = new Map<string, DraftAction>();
  for (const a of set.actions.values()) {
    if (a.kind === 'pipeline' && a.liveId !== undefined) byLiveId.set(a.liveId, a);
    if (a.kind !== 'tag' && a.type !== 'delete') forwardDependencies(a, ownTag, set);
  }
  for (const a of set.actions.values()) {
    if (a.type === 'delete' || a.type === 'replace') reverseDependencies(a, index, byLiveId, set);
  }
}
