import { CONNECTOR_SPECS } from './connectors.generated.js';
import { shortApiKey } from './field-rules.js';
import type { ConnectorKind, ConnectorSpec, FieldSpec } from './types.js';

/** How a config key spelled in a manifest or a response resolved to a catalogue field. */
export interface KeyResolution {
  readonly field: FieldSpec;
  /** Which spelling was used: the friendly name, a deprecated alias, the API key or its short dotted form. */
  readonly spelling: 'friendly' | 'deprecated' | 'api' | 'short';
}

interface ConnectorIndex {
  readonly spec: ConnectorSpec;
  readonly byName: ReadonlyMap<string, FieldSpec>;
  readonly byApiKey: ReadonlyMap<string, FieldSpec>;
  readonly byShortKey: ReadonlyMap<string, FieldSpec>;
  readonly byAlias: ReadonlyMap<string, FieldSpec>;
}

function buildIndex(spec: ConnectorSpec): ConnectorIndex {
  const byName = new Map(spec.fields.map((f) => [f.name, f]));
  const byApiKey = new Map(spec.fields.map((f) => [f.apiKey, f]));
  const byShortKey = new Map<string, FieldSpec>();
  for (const f of spec.fields) {
    const short = shortApiKey(f.apiKey);
    // NOTE: a short form that is itself another field's exact API key (the derived, server-computed
    // twin) must not shadow that field.
    if (short !== f.apiKey && !byApiKey.has(short)) byShortKey.set(short, f);
  }
  const byAlias = new Map<string, FieldSpec>();
  for (const a of spec.deprecatedAliases) {
    const target = byName.get(a.canonical);
    if (target) byAlias.set(a.name, target);
  }
  return { spec, byName, byApiKey, byShortKey, byAlias };
}

const indexes = new Map<string, ConnectorIndex>();
for (const spec of CONNECTOR_SPECS) indexes.set(`${spec.kind}:${spec.code}`, buildIndex(spec));

/** Every connector of the catalogue, sorted by kind then code. */
export function listConnectors(kind?: ConnectorKind): readonly ConnectorSpec[] {
  return kind ? CONNECTOR_SPECS.filter((s) => s.kind === kind) : CONNECTOR_SPECS;
}

export function getConnector(kind: ConnectorKind, code: string): ConnectorSpec | undefined {
  return indexes.get(`${kind}:${code}`)?.spec;
}

export function connectorCodes(kind: ConnectorKind): string[] {
  return listConnectors(kind).map((s) => s.code);
}

/** The field a friendly name refers to (no aliases). */
export function fieldByName(kind: ConnectorKind, code: string, name: string): FieldSpec | undefined {
  return indexes.get(`${kind}:${code}`)?.byName.get(name);
}

/**
 * Resolves any accepted spelling of a config key: friendly name, deprecated alias, exact API key,
 * or the short dotted form without `.user.defined`.
 */
export function resolveKey(kind: ConnectorKind, code: string, key: string): KeyResolution | undefined {
  const idx = indexes.get(`${kind}:${code}`);
  if (!idx) return undefined;
  const friendly = idx.byName.get(key);
  if (friendly) return { field: friendly, spelling: 'friendly' };
  const alias = idx.byAlias.get(key);
  if (alias) return { field: alias, spelling: 'deprecated' };
  const api = idx.byApiKey.get(key);
  if (api) return { field: api, spelling: 'api' };
  const short = idx.byShortKey.get(key);
  if (short) return { field: short, spelling: 'short' };
  return undefined;
}

/**
 * Short dotted forms (`database.hostname`) of `.user.defined`/`.user.displayed` keys that are not
 * themselves catalogue keys, each with the field it is the twin of (api-notes §5.2).
 */
export function shortKeyFields(kind: ConnectorKind, code: string): ReadonlyMap<string, FieldSpec> {
  return indexes.get(`${kind}:${code}`)?.byShortKey ?? new Map();
}
