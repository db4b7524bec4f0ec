import type { Problem } from '../errors/index.js';
import { registry } from '../kinds/registry.js';
import type { DesiredState, Resource, ResourceKind } from '../model/index.js';
import { buildPipeline } from './build-pipelines.js';
import { buildConnector, buildTag, buildTransform } from './build-resources.js';
import { collectManifestPaths } from './collect-files.js';
import { collectDocument, emptyCollected, type Collected, type Entry } from './collect-entries.js';
import { EnvUses } from './env-uses.js';
import { parseManifestFiles } from './parse-documents.js';
import { ProblemList } from './problems.js';
import type { BuildOptions } from './reporter.js';
import { checkDuplicates, checkNamespace, checkPipeline, checkPreviousNames, type Names } from './semantic-rules.js';

export interface LoadOptions {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Missing variables are not errors (validate: structure only); secrets become empty SecretValues. */
  readonly allowMissingEnv?: boolean;
}

/** Paths used when none are given: the current directory, searched recursively. */
export const DEFAULT_MANIFEST_PATHS: readonly string[] = ['.'];

function namesByKind(entries: readonly Entry[]): Map<ResourceKind, Set<string>> {
  const out = new Map<ResourceKind, Set<string>>(registry.applyOrder.map((k) => [k, new Set<string>()]));
  for (const e of entries) if (e.name !== undefined) out.get(e.kind)?.add(e.name);
  return out;
}

function buildOne(e: Entry, opts: BuildOptions, sources: Map<string, Resource>): Resource {
  switch (e.kind) {
    case 'tag':
      return buildTag(e);
    case 'source':
    case 'destination':
      return buildConnector(e as Entry & { kind: 'source' | 'destination' }, opts);
    case 'transform':
      return buildTransform(e, opts);
    case 'pipeline':
      return buildPipeline(e, sources);
  }
}

/** Builds every valid entry, kind by kind (pipelines last: they read their sources); keeps non-duplicates. */
function buildResources(c: Collected, opts: BuildOptions): Resource[] {
  const dupes = checkDuplicates(c.entries);
  checkPreviousNames(c.entries);
  const names: Names = { names: namesByKind(c.entries), sources: new Map(), external: c.external };
  const sources = names.sources as Map<string, Resource>;
  const resources: Resource[] = [];
  for (const kind of registry.applyOrder) {
    for (const e of c.entries) {
      if (e.kind !== kind || !e.valid) continue;
      const resource = buildOne(e, opts, sources);
      // NOTE: a duplicate is built only to report its own problems; the first declaration stands.
      if (dupes.has(e)) continue;
      if (resource.kind === 'source') sources.set(resource.name, resource);
      if (resource.kind === 'pipeline') checkPipeline(e, resource, names);
      resources.push(resource);
    }
  }
  return resources;
}

async function readAll(paths: readonly string[], opts: LoadOptions, problems: ProblemList) {
  const files = await collectManifestPaths(paths.length > 0 ? paths : DEFAULT_MANIFEST_PATHS, opts.cwd, problems);
  const parsed = await parseManifestFiles(files, problems);
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
  const buildOpts = { env: opts.env, allowMissingEnv: opts.allowMissingEnv === true, envUses };
  const resources = buildResources(collected, buildOpts);
  envUses.report();
  const sorted = problems.sorted();
  if (problems.errorCount > 0 || namespace === undefined) return { problems: sorted };
  const state: DesiredState = {
    namespace,
    managedKinds: registry.applyOrder.filter((k) => collected.managed.has(k)),
    resources,
    external: {
      source: [...collected.external.sources],
      destination: [...collected.external.destinations],
      transform: [...collected.external.transforms],
    },
    files: parsed.map((f) => ({ path: f.path, sha256: f.sha256 })).sort((a, b) => (a.path < b.path ? -1 : 1)),
  };
  return { problems: sorted, state };
}
