import { getConnector, type ConnectorKind, type FieldSpec } from '../../catalogue/index.js';
import type { JsonValue } from '../../model/index.js';
import { staticDefault } from './defaults.js';
import { isReadOnlyField } from './read-only.js';

/** A catalogue field as the differ uses it, with its typed default computed once. */
export interface ManagedField {
  readonly spec: FieldSpec;
  readonly name: string;
  readonly default: JsonValue | undefined;
  /** The default as the API string-encodes it (`"5432"`, `"true"`), for a fast equality check. */
  readonly defaultText: string | undefined;
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
        .filter((f) => !isReadOnlyField(f))
        .map((f) => {
          const d = staticDefault(f);
          const text =
            typeof d === 'string' || typeof d === 'number' || typeof d === 'boolean' ? String(d) : undefined;
          return { spec: f, name: f.name, default: d, defaultText: text };
        })
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    : null;
  cache.set(cacheKey, fields);
  return fields;
}
