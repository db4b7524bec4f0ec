import { TAG_KIND } from '../kinds/registry.js';
import {
  FORMAT_VERSION,
  ownershipTag,
  PROTECTED_TAG,
  resourceKey,
  type DesiredState,
  type FieldChange,
  type LiveState,
  type PlanProblem,
  type ResourceKey,
  type ResourceKind,
} from '../model/index.js';
import { buildPlan } from './build-plan.js';
import { isRefusal } from './ownership-guard.js';
import { compileGlob, type Glob } from './glob-match.js';
import { foreignOwners, isManaged, isOwned } from './resource-actions.js';

export const DRIFT_FORMAT_VERSION = FORMAT_VERSION;

export interface DriftItem {
  readonly id: ResourceKey;
  readonly kind: ResourceKind;
  readonly name: string;
  readonly liveId?: string;
}

export interface DriftChange extends DriftItem {
  /** before = live, after = manifests. */
  readonly changes: readonly FieldChange[];
  /** The difference can only be undone by replacing the object (e.g. its connector changed). */
  readonly replace: boolean;
}

export interface DriftReport {
  readonly formatVersion: typeof DRIFT_FORMAT_VERSION;
  readonly namespace: string;
  /** Managed objects edited outside git, field by field. */
  readonly changed: readonly DriftChange[];
  /** Managed objects (in the manifests) absent from the account: deleted outside git, or never applied. */
  readonly missing: readonly DriftItem[];
  /** Objects carrying the ownership tag that no manifest declares (apply would delete them). */
  readonly orphaned: readonly DriftItem[];
  /**
   * Objects of managed kinds that carry no `gitops:` ownership tag at all (made by hand). Objects
   * another namespace owns are that namespace's business and are not listed. Shown, but they do not
   * make the report out of sync (`drift --fail-on-unmanaged` makes them count).
   */
  readonly unmanaged: { readonly count: number; readonly items: readonly DriftItem[] };
  /** Problems that block a plan (duplicate live names, unknown tags). */
  readonly errors: readonly PlanProblem[];
  /** Entries silenced by the ignore file. */
  readonly ignored: number;
}

export interface DriftOptions {
  /** Treat live secrets that read back null as drift. */
  readonly resendSecrets?: boolean;
}

/** Ignore entry: kind (or `*`), a name glob, optionally a field-path glob (docs/drift.md). */
export interface DriftIgnoreRule {
  readonly kind: string;
  readonly name: string;
  readonly path?: string;
}

// NOTE: drift output never contains desired values in plan form, so no HMAC leaves this function;
// the key only satisfies buildPlan.
const DRIFT_HMAC_KEY = 'streamkap-gitops drift';

/**
 * Drift, pure: the planner's comparison, read-only and classified. Same normalisation rules as
 * `plan`, so `drift` is in sync exactly when `plan` has nothing to do (apart from unmanaged objects).
 */
export function detectDrift(desired: DesiredState, live: LiveState, options: DriftOptions = {}): DriftReport {
  const plan = buildPlan(desired, live, {
    hmacKey: DRIFT_HMAC_KEY,
    resendSecrets: options.resendSecrets === true,
  });
  const builtin = new Set([
    resourceKey(TAG_KIND, ownershipTag(desired.namespace)),
    resourceKey(TAG_KIND, PROTECTED_TAG),
  ]);
  const item = (a: { id: ResourceKey; kind: ResourceKind; name: string; liveId?: string }): DriftItem =>
    a.liveId === undefined
      ? { id: a.id, kind: a.kind, name: a.name }
      : { id: a.id, kind: a.kind, name: a.name, liveId: a.liveId };
  const managed = new Set(desired.managedKinds);
  const unmanaged = live.resources
    .filter(
      (r) =>
        isManaged(r) &&
        managed.has(r.kind) &&
        !isOwned(r, desired.namespace) &&
        foreignOwners(r, desired.namespace).length === 0,
    )
    .map((r) => ({ id: resourceKey(r.kind, r.name), kind: r.kind, name: r.name, liveId: r.live.id }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    formatVersion: DRIFT_FORMAT_VERSION,
    namespace: desired.namespace,
    changed: plan.actions
      .filter((a) => a.type === 'update' || a.type === 'replace')
      .map((a) => ({ ...item(a), changes: a.changes, replace: a.type === 'replace' })),
    missing: plan.actions.filter((a) => a.type === 'create' && !builtin.has(a.id)).map(item),
    orphaned: plan.actions.filter((a) => a.type === 'delete').map(item),
    unmanaged: { count: unmanaged.length, items: unmanaged },
    // NOTE: a refused delete stays reported as orphaned; the refusal is apply's business.
    errors: plan.errors.filter((e) => e.code !== 'unowned-namesake' && !isRefusal(e)),
    ignored: 0,
  };
}

/**
 * True when nothing this namespace owns differs or is missing (ignored entries do not count, nor do
 * unmanaged objects: `hasDrift` counts them on request).
 */
export function isInSync(report: DriftReport): boolean {
  return (
    report.changed.length === 0 &&
    report.missing.length === 0 &&
    report.orphaned.length === 0 &&
    report.errors.length === 0
  );
}

/** Drift that fails the check (exit 2): anything out of sync, and unmanaged objects when asked. */
export function hasDrift(report: DriftReport, options: { failOnUnmanaged: boolean }): boolean {
  return !isInSync(report) || (options.failOnUnmanaged && report.unmanaged.count > 0);
}

interface CompiledRule {
  readonly kind: string;
  readonly name: Glob;
  readonly path: Glob | undefined;
}

/** Silences drift entries: a rule without a path silences the object in every class. */
export function applyDriftIgnore(report: DriftReport, rules: readonly DriftIgnoreRule[]): DriftReport {
  if (rules.length === 0) return report;
  const compiled: CompiledRule[] = rules.map((r) => ({
    kind: r.kind,
    name: compileGlob(r.name),
    path: r.path === undefined ? undefined : compileGlob(r.path),
  }));
  const matching = (i: DriftItem): CompiledRule[] =>
    compiled.filter((r) => (r.kind === '*' || r.kind === i.kind) && r.name.test(i.name));
  let ignored = 0;
  const keepItem = (i: DriftItem): boolean => {
    const silenced = matching(i).some((r) => r.path === undefined);
    if (silenced) ignored += 1;
    return !silenced;
  };
  const changed: DriftChange[] = [];
  for (const c of report.changed) {
    if (!keepItem(c)) continue;
    const pathRules = matching(c).filter((r) => r.path !== undefined);
    const changes = c.changes.filter((f) => !pathRules.some((r) => r.path?.test(f.path)));
    ignored += c.changes.length - changes.length;
    if (changes.length > 0) changed.push({ ...c, changes });
  }
  const unmanaged = report.unmanaged.items.filter(keepItem);
  return {
    ...report,
    changed,
    missing: report.missing.filter(keepItem),
    orphaned: report.orphaned.filter(keepItem),
    unmanaged: { count: unmanaged.length, items: unmanaged },
    ignored: report.ignored + ignored,
  };
}
