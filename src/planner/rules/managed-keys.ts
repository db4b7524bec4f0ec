import { getConnector, isReadOnly, type ConnectorKind, type FieldSpec } from '../../catalogue/index.js';
import type { JsonValue } from '../../model/index.js';
import { staticDefault } from './defaults.js';

/** A catalogue field as the differ uses it, with its typed default computed once. */
export interface ManagedField {
  readonly spec: FieldSpec;
  readonly name: string;
  readonly default: JsonValue | undefined;
}

const cache = new Map<string, readonly ManagedField[] | null>();

/**
 * Rule 1, managed keys only: the fields of the connector's catalogue entry minus read-only ones.
 * Live keys outside this list (derived `database.hostname`, top-level extras) are never compared.
 * Computed once per connector: planning 10,000 resources must not redo catalogue lookups.
 * Sorted by name, so configs built from it have a stable key order. Returns null for a connector
 * the catalogue does not know.
 */
export function managedFields(kind: ConnectorKind, code: string): readonly ManagedField[] | null {
  const cacheKey = `${kind}:${code}`;
  const hit = cache.get(cacheKey);
  if (hit !== undefined) return hit;
  const spec = getConnector(kind, code);
  const fields = spec
    ? spec.fields
        .filter((f) => !isReadOnly(f))
        .map((f) => ({ spec: f, name: f.name, default: staticDefault(f) }))
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    : null;
  cache.set(cacheKey, fields);
  return fields;
}
