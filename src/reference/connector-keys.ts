/**
 * The connector catalogue as a reader needs it: which connectors exist and, for one, the keys a
 * manifest may set. `connectors [name]` and docs/connectors.md are both rendered from these rows.
 */
import {
  getConnector,
  listConnectors,
  type ConnectorKind,
  type ConnectorSpec,
  type FieldSpec,
  type ScalarDefault,
} from '../catalogue/index.js';
import { UserError } from '../errors/index.js';
import { didYouMean } from '../schema/suggest.js';

/** One settable key of a connector (read-only, server-generated keys are left out). */
export interface ConnectorKey {
  /** The manifest spelling under `config:`. */
  readonly name: string;
  /** The key on the wire (also accepted in manifests). */
  readonly apiKey: string;
  readonly type: string;
  readonly required: boolean;
  readonly default?: ScalarDefault;
  /** An enum's values, or a range as `min..max`. */
  readonly allowed?: readonly string[];
  readonly secret: boolean;
  /** Changing it replaces the resource. */
  readonly setOnce: boolean;
}

export interface ConnectorEntry {
  readonly kind: ConnectorKind;
  readonly code: string;
  readonly keys: readonly ConnectorKey[];
  /** Deprecated spellings still accepted: `old` stands for `canonical`. */
  readonly deprecated: readonly { readonly name: string; readonly canonical: string }[];
}

function allowedValues(f: FieldSpec): readonly string[] | undefined {
  if (f.enum !== undefined) return f.enum;
  if (f.range !== undefined) return [`${f.range[0]}..${f.range[1]}`];
  return undefined;
}

function keyOf(f: FieldSpec): ConnectorKey {
  const allowed = allowedValues(f);
  return {
    name: f.name,
    apiKey: f.apiKey,
    type: f.type,
    required: f.required,
    ...(f.default === undefined ? {} : { default: f.default }),
    ...(allowed === undefined ? {} : { allowed }),
    secret: f.secret,
    setOnce: f.setOnce === true,
  };
}

export function connectorEntry(spec: ConnectorSpec): ConnectorEntry {
  return {
    kind: spec.kind,
    code: spec.code,
    keys: spec.fields.filter((f) => f.readOnly !== true).map(keyOf),
    deprecated: spec.deprecatedAliases.map((a) => ({ name: a.name, canonical: a.canonical })),
  };
}

/** Every connector, sources first, then destinations, then transforms; each by code. */
export function allConnectorEntries(kind?: ConnectorKind): ConnectorEntry[] {
  const order: ConnectorKind[] = ['source', 'destination', 'transform'];
  return order
    .filter((k) => kind === undefined || k === kind)
    .flatMap((k) => [...listConnectors(k)].sort((a, b) => a.code.localeCompare(b.code)))
    .map(connectorEntry);
}

/**
 * The connectors a name refers to: `postgresql` is both a source and a destination, so both come
 * back unless `kind` narrows it. An unknown name is a UserError with the closest code.
 */
export function findConnectorEntries(name: string, kind?: ConnectorKind): ConnectorEntry[] {
  const kinds: ConnectorKind[] = kind === undefined ? ['source', 'destination', 'transform'] : [kind];
  const found = kinds.flatMap((k) => {
    const spec = getConnector(k, name);
    return spec === undefined ? [] : [connectorEntry(spec)];
  });
  if (found.length > 0) return found;
  const codes = new Set(kinds.flatMap((k) => listConnectors(k).map((s) => s.code)));
  const hint = didYouMean(name, codes);
  throw new UserError(`No ${kind ?? 'connector'} "${name}" in the connector catalogue.`, {
    hint: `${hint === undefined ? '' : `${hint} `}List them with: streamkap-gitops connectors${kind === undefined ? '' : ` --kind ${kind}`}`,
  });
}

/** `true`, `3`, `"json"`: a default as a manifest would spell it; `''` when there is none. */
export function formatDefault(value: ScalarDefault | undefined): string {
  if (value === undefined) return '';
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}
