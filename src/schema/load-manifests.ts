import type { Problem } from '../errors/index.js';
import { registry } from '../kinds/registry.js';
import type { DesiredState, Resource, ResourceKind } from '../model/index.js';
import { collectManifestPaths } from './collect-files.js';
import { collectDocument, emptyCollected, type Collected, type Entry } from './collect-entries.js';
import { EnvUses } from './env-uses.js';
import type { ManifestContext } from './kinds/types.js';
import { MAX_FILE_BYTES, parseManifestFiles } from './parse-documents.js';
import { ProblemList } from './problems.js';
import type { BuildOptions } from './reporter.js';
import { checkDuplicates, checkNamespace, checkPreviousNames, checkReference } from './semantic-rules.js';

export interface LoadOptions {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Missing variables are not errors (validate: structure only); secrets become empty SecretValues. */
  readonly allowMissingEnv?: boolean;
  /**
   * `--max-file-size`: largest file a manifest may name (default 1 MiB); manifests themselves may be
   * this large or 4 MiB, whichever is more.
   */
  readonly maxFileBytes?: number | undefined;
}

/** Paths used when none are given: the current directory, searched recursively. */
export const DEFAULT_MANIFEST_PATHS: readonly string[] = ['.'];

function namesByKind(entries: readonly Entry[]): Map<ResourceKind, Set<string>> {
  const out = new Map<ResourceKind, Set<string>>(registry.applyOrder.map((k) => [k, new Set<string>()]));
  for (const e of entries) if (e.name !== undefined) out.get(e.kind)?.add(e.name);
  return out;
}

function manifestContext(
  c: Collected,
  opts: BuildOptions,
  built: ReadonlyMap<string, Resource>,
): ManifestContext {
  const declared = namesByKind(c.entries);
  const none: ReadonlySet<string> = new Set();
  return {
    opts,
    built: (kind, name) => built.get(`${kind}/${name}`),
    checkReference: (e, kind, name, segs) =>
      checkReference(
        e,
        { kind, name, key: registry.get(kind).manifest.key },
        declared.get(kind) ?? none,
        c.external.get(kind) ?? none,
        segs,
      ),
  };
}

/**
 * Builds every valid entry through its kind's manifest registration, kind by kind in apply order
 * (what an item refers to is built first: pipelines read their sources); keeps non-duplicates.
 */
function buildResources(c: Collected, opts: BuildOptions): Resource[] {
  const dupes = checkDuplicates(c.entries);
  checkPreviousNames(c.entries);
  const built = new Map<string, Resource>();
  const ctx = manifestContext(c, opts, built);
  const resources: Resource[] = [];
  for (const kind of registry.applyOrder) {
    const manifest = registry.get(kind).manifest;
    for (const e of c.entries) {
      if (e.kind !== kind || !e.valid) continue;
      const resource = manifest.build(e, ctx);
      // NOTE: a duplicate is built only to report its own problems; the first declaration stands.
      if (dupes.has(e)) continue;
      built.set(`${kind}/${resource.name}`, resource);
      manifest.check?.(e, resource, ctx);
      resources.push(resource);
    }
  }
  return resources;
}

async function readAll(paths: readonly string[], opts: LoadOptions, problems: ProblemList) {
  const files = await collectManifestPaths(
    paths.length > 0 ? paths : DEFAULT_MANIFEST_PATHS,
    opts.cwd,
    problems,
  );
  const parsed = parseManifestFiles(files, Math.max(MAX_FILE_BYTES, opts.maxFileBytes ?? 0), problems);
  const collected = emptyCollected();
  for (const f of parsed) for (const d of f.documents) collectDocument(d, problems, collected);
  return { parsed, collected };
}

/** Loads, checks and merges the manifests; never throws for manifest problems. */
export async function validateManifests(
  paths: readonly string[],
  opts: LoadOptions,
): Promise<{ problems: Problem[]; state?: DesiredState }> {
  const problems = new ProblemList();
  const { parsed, collected } = await readAll(paths, opts, problems);
  const namespace = checkNamespace(collected, problems);
  const envUses = new EnvUses();
  const buildOpts = {
    env: opts.env,
    allowMissingEnv: opts.allowMissingEnv === true,
    envUses,
    maxFileBytes: opts.maxFileBytes,
  };
  const resources = buildResources(collected, buildOpts);
  envUses.report();
  const sorted = problems.sorted();
  if (problems.errorCount > 0 || namespace === undefined) return { problems: sorted };
  const state: DesiredState = {
    namespace,
    managedKinds: registry.applyOrder.filter((k) => collected.managed.has(k)),
    resources,
    external: Object.fromEntries([...collected.external].map(([kind, names]) => [kind, [...names]])),
    files: parsed.map((f) => ({ path: f.path, sha256: f.sha256 })).sort((a, b) => (a.path < b.path ? -1 : 1)),
  };
  return { problems: sorted, state };
}
