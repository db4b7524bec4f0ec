/**
 * Read-side normalisation (§5.3, §5.4, §8 item 8): what the backend does to a config between the
 * write and the next read. Clients must cope with every step, so each is reproduced here.
 */
import { createHash } from 'node:crypto';
import { getConnector, type ConnectorKind, type FieldSpec } from '../catalogue/index.js';
import type { SecretMaskMode, StringEncodingMode } from './settings.js';
import type { Json, JsonRecord } from './types.js';

export const SECRET_MASK = '********';
export const MARK_OPTIONAL_KEY = 'transforms.MarkColumnsAsOptional.fields.include.list';
const SSH_PLACEHOLDER = '<SSH.PUBLIC.KEY>';
const PLACEHOLDER = /^<([A-Z0-9_.]+)>$/;
const USER_DEFINED = '.user.defined';

interface ConnectorFacts {
  readonly defaults: readonly FieldSpec[];
  readonly secrets: readonly string[];
  readonly apiKeys: ReadonlySet<string>;
  readonly readOnly: readonly string[];
  readonly portKeys: ReadonlySet<string>;
}

const factsCache = new Map<string, ConnectorFacts | undefined>();

function facts(kind: ConnectorKind, code: string): ConnectorFacts | undefined {
  const cacheKey = `${kind}:${code}`;
  if (factsCache.has(cacheKey)) return factsCache.get(cacheKey);
  const spec = getConnector(kind, code);
  const result = spec && {
    defaults: spec.fields.filter((f) => f.default !== undefined && !f.readOnly),
    secrets: [...new Set(spec.fields.filter((f) => f.secret).map((f) => f.apiKey))],
    apiKeys: new Set(spec.fields.map((f) => f.apiKey)),
    readOnly: [...new Set(spec.fields.filter((f) => f.readOnly).map((f) => f.apiKey))],
    portKeys: new Set(
      spec.fields.filter((f) => f.type === 'int' && /port/.test(f.apiKey)).map((f) => f.apiKey),
    ),
  };
  factsCache.set(cacheKey, result);
  return result;
}

export interface RenderOptions {
  readonly kind: ConnectorKind;
  readonly code: string;
  /** Seeds the generated read-only values (a stable fake ssh key per entity). */
  readonly entityId: string;
  readonly secretReturned: boolean;
  readonly secretMask: SecretMaskMode;
  readonly encoding: StringEncodingMode;
  /** Destination fed by a schemaless source: backfill MarkColumnsAsOptional with "*". */
  readonly markColumnsOptional?: boolean;
}

/** The config as a read returns it; `stored` is never modified. */
export function renderConfig(stored: JsonRecord, o: RenderOptions): JsonRecord {
  const f = facts(o.kind, o.code);
  const out: JsonRecord = {};
  for (const [k, v] of Object.entries(stored)) out[k] = resolvePlaceholder(v, o.entityId);
  if (!f) return withheldSecrets(out, [], o);
  const filled = new Set<string>();
  for (const field of f.defaults) {
    if (out[field.apiKey] === undefined && field.default !== undefined) {
      out[field.apiKey] = field.default;
      filled.add(field.apiKey);
    }
  }
  addReadOnly(out, f, o.entityId);
  if (o.markColumnsOptional && f.apiKeys.has(MARK_OPTIONAL_KEY) && isUnset(out[MARK_OPTIONAL_KEY])) {
    out[MARK_OPTIONAL_KEY] = '*';
  }
  addDerivedTwins(out, f);
  encodeScalars(out, f, filled, o.encoding);
  return withheldSecrets(out, f.secrets, o);
}

function isUnset(v: Json | undefined): boolean {
  return v === undefined || v === null || v === '';
}

function resolvePlaceholder(v: Json, entityId: string): Json {
  if (typeof v !== 'string') return v;
  const m = PLACEHOLDER.exec(v);
  if (!m) return v;
  if (v === SSH_PLACEHOLDER) return fakeSshKey(entityId);
  return `emulated-${(m[1] as string).toLowerCase().replace(/[._]/g, '-')}-${digest(entityId).slice(0, 12)}`;
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function fakeSshKey(entityId: string): string {
  const body = createHash('sha256').update(`ssh:${entityId}`).digest('base64').replace(/=+$/, '');
  return `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${body} streamkap@emulator`;
}

/** Server-generated keys: the ssh public key shown to users, the Mongo host parsed from the URI. */
function addReadOnly(out: JsonRecord, f: ConnectorFacts, entityId: string): void {
  for (const key of f.readOnly) {
    if (key.startsWith('ssh.public.key')) out[key] = resolvePlaceholder(SSH_PLACEHOLDER, entityId);
    else if (key === 'mongodb.connection.hostname') {
      const uri = out['mongodb.connection.string.user.defined'];
      const host = typeof uri === 'string' ? /^[a-z+]+:\/\/(?:[^@/]*@)?([^/?,]+)/i.exec(uri)?.[1] : undefined;
      if (host) out[key] = host;
      else delete out[key];
    }
  }
}

/**
 * NOTE: the backend derives the effective Kafka Connect key from its `.user.defined` twin
 * (`database.hostname` from `database.hostname.user.defined`). These extras are not catalogue
 * keys, so a client that does not ignore unknown keys shows false drift.
 */
function addDerivedTwins(out: JsonRecord, f: ConnectorFacts): void {
  for (const key of Object.keys(out)) {
    if (!key.endsWith(USER_DEFINED)) continue;
    const short = key.slice(0, -USER_DEFINED.length);
    const v = out[key];
    if (f.apiKeys.has(short) || out[short] !== undefined || v === null || v === undefined) continue;
    if (typeof v === 'object') continue;
    out[short] = String(v);
  }
}

function encodeScalars(
  out: JsonRecord,
  f: ConnectorFacts,
  filled: ReadonlySet<string>,
  mode: StringEncodingMode,
): void {
  if (mode === 'none') return;
  for (const [k, v] of Object.entries(out)) {
    if (typeof v !== 'number' && typeof v !== 'boolean') continue;
    if (mode === 'all' || filled.has(k) || f.portKeys.has(k)) out[k] = String(v);
  }
}

function withheldSecrets(out: JsonRecord, secrets: readonly string[], o: RenderOptions): JsonRecord {
  for (const key of secrets) {
    const v = out[key];
    const neverSet = v === undefined || v === null || v === 'null';
    if (o.secretReturned) out[key] = neverSet ? null : v;
    else if (o.secretMask === 'omit') delete out[key];
    else if (o.secretMask === 'null' || neverSet) out[key] = null;
    else out[key] = SECRET_MASK;
  }
  return out;
}
