/**
 * The export as a value: live state in, the files to write out (manifests, transform code,
 * `.env.example`), the secret variables they name and notes. Pure: no API call, no file system; the
 * per-kind part is each kind's `export` registration, looped over here.
 */
import * as path from 'node:path';
import { registry } from '../kinds/registry.js';
import {
  resourceKey,
  type JsonValue,
  type LiveResource,
  type LiveState,
  type ResourceKey,
  type ResourceKind,
} from '../model/index.js';
import { ANY_CONTROL } from '../schema/escape-control.js';
import { envExample } from './env-example.js';
import { SecretVariables, type SecretVariable } from './env-names.js';
import type { ExportContext, ManifestItem } from './kinds/types.js';
import { layOut, type Layout } from './layout.js';
import { selectLive, type Selection } from './select.js';
import { toYaml } from './yaml-text.js';

export interface ExportOptions {
  readonly namespace: string;
  readonly selection: Selection;
  /** One file per object of this kind, with what only it uses (`--split pipelines`). */
  readonly split?: ResourceKind | undefined;
  /** The command line, for the files' header comment. */
  readonly command: string;
  /** Objects to leave out, with the reason to give (those a first try could not write). */
  readonly exclude?: ReadonlyMap<ResourceKey, string> | undefined;
}

export interface OutputFile {
  /** Relative to the output directory, `/`-separated. */
  readonly path: string;
  readonly text: string;
}

export interface ExportBundle {
  readonly files: readonly OutputFile[];
  readonly secrets: readonly SecretVariable[];
  /** Objects written, per kind in display order. */
  readonly counts: readonly { readonly kind: ResourceKind; readonly count: number }[];
  /** Left out, and why; things to know before applying. */
  readonly notes: readonly string[];
  /** The object of each manifest item, by file and section: `items.get('sources.yaml')?.get('sources')?.[3]`. */
  readonly items: ReadonlyMap<string, ReadonlyMap<string, readonly ResourceKey[]>>;
}

interface Run {
  readonly opts: ExportOptions;
  readonly layout: Layout;
  readonly vars: SecretVariables;
  readonly code: OutputFile[];
  readonly notes: string[];
}

/** `tags` of a manifest item: the live tags but the tool's own; undefined = leave them alone. */
function itemTags(live: LiveResource, run: Run): string[] | undefined {
  const tags = ('tags' in live ? (live.tags ?? []) : []).filter((t) => !t.startsWith('gitops:'));
  if (tags.some((t) => ANY_CONTROL.test(t))) {
    run.notes.push(`${live.kind} "${live.name}": a tag name holds control characters; its tags are left out`);
    return undefined;
  }
  return tags.length > 0 ? [...tags].sort() : undefined;
}

function contextFor(live: LiveResource, run: Run): ExportContext {
  const key = resourceKey(live.kind, live.name);
  const manifest = run.layout.fileOf.get(key) ?? '';
  return {
    secret: (field) => `\${env:${run.vars.name(live.kind, live.name, field)}}`,
    code: (text, extension) => {
      const file = `${registry.get(live.kind).manifest.key}/${run.layout.slugOf.get(key) ?? 'unnamed'}.${extension}`;
      run.code.push({ path: file, text });
      return path.posix.relative(path.posix.dirname(manifest), file);
    },
    warn: (message) => run.notes.push(message),
  };
}

function itemOf(live: LiveResource, run: Run): ManifestItem | undefined {
  const exporter = registry.get(live.kind).export;
  const body = exporter?.item(live as never, contextFor(live, run));
  if (body === undefined) return undefined;
  const item: ManifestItem = { name: live.name, ...body };
  if (!registry.get(live.kind).tagged) return item;
  const tags = itemTags(live, run);
  if (tags !== undefined) item['tags'] = tags;
  if ('protected' in live && live.protected) item['protected'] = true;
  return item;
}

/** Every file's items by kind, and what each file's objects refer to outside the export. */
interface FileContent {
  readonly sections: Map<ResourceKind, ManifestItem[]>;
  readonly keys: Map<ResourceKind, ResourceKey[]>;
  readonly external: Map<ResourceKind, Set<string>>;
}

function addExternal(content: FileContent, live: LiveResource, exported: ReadonlySet<ResourceKey>): void {
  for (const ref of registry.referencesOf(live)) {
    if (exported.has(resourceKey(ref.kind, ref.name))) continue;
    content.external.set(ref.kind, (content.external.get(ref.kind) ?? new Set()).add(ref.name));
  }
}

function fileData(namespace: string, content: FileContent): JsonValue {
  const data: Record<string, JsonValue> = { namespace };
  for (const kind of registry.names) {
    const items = content.sections.get(kind);
    if (items && items.length > 0) data[registry.get(kind).manifest.key] = items;
  }
  const external: Record<string, JsonValue> = {};
  for (const kind of registry.names) {
    const names = content.external.get(kind);
    if (names) external[registry.get(kind).manifest.key] = [...names].sort();
  }
  if (Object.keys(external).length > 0) data['external'] = external;
  return data;
}

export function buildExport(state: LiveState, opts: ExportOptions): ExportBundle {
  const selected = selectLive(state, opts.namespace, opts.selection, opts.exclude);
  const layout = layOut(selected, opts.split);
  const run: Run = { opts, layout, vars: new SecretVariables(), code: [], notes: [...selected.skipped] };
  const files = new Map<string, FileContent>();
  const written = new Set<ResourceKey>();
  const counts: { kind: ResourceKind; count: number }[] = [];
  // NOTE: items are made in one fixed order (kinds in display order, objects by name) whatever the
  // layout, so variable names and slugs do not depend on --split.
  for (const [kind, objects] of selected.byKind) {
    let count = 0;
    for (const live of objects) {
      const item = itemOf(live, run);
      if (item === undefined) continue;
      const key = resourceKey(kind, live.name);
      const file = layout.fileOf.get(key) ?? '';
      const content = files.get(file) ?? { sections: new Map(), keys: new Map(), external: new Map() };
      content.sections.set(kind, [...(content.sections.get(kind) ?? []), item]);
      content.keys.set(kind, [...(content.keys.get(kind) ?? []), key]);
      files.set(file, content);
      written.add(key);
      count++;
    }
    counts.push({ kind, count });
  }
  for (const [kind, objects] of selected.byKind) {
    for (const live of objects) {
      const file = layout.fileOf.get(resourceKey(kind, live.name));
      const content = file === undefined ? undefined : files.get(file);
      if (content && written.has(resourceKey(kind, live.name))) addExternal(content, live, written);
    }
  }
  if (selected.ownedElsewhere > 0) {
    run.notes.push(
      `namespace "${opts.namespace}" already owns ${selected.ownedElsewhere} object(s) this export does not hold: apply these files together with the manifests that declare them, or the plan deletes them`,
    );
  }
  const header = ` Written by ${opts.command}\n Secrets are \${env:NAME} references: set the variables listed in .env.example.`;
  const manifests = [...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const out: OutputFile[] = manifests.map(([file, content]) => ({
    path: file,
    text: toYaml(fileData(opts.namespace, content), header),
  }));
  out.push(...run.code, { path: '.env.example', text: envExample(run.vars.all) });
  const items = new Map(
    manifests.map(([file, c]) => [
      file,
      new Map([...c.keys].map(([kind, keys]) => [registry.get(kind).manifest.key, keys])),
    ]),
  );
  return { files: out, secrets: run.vars.all, counts, notes: run.notes, items };
}
