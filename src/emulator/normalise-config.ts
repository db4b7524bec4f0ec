/**
 * Read-side normalisation (api-notes §5.3, §5.4, §8.8): what the backend does to a config between the
 * write and the next read. Clients must cope with every step, so each is reproduced here.
 */
import { createHash } from 'node:crypto';
import {
  getConnector,
  isPlaceholder,
  isReadOnly,
  PLACEHOLDER_PATTERN,
  SECRET_MASK,
  shortKeyFields,
  type ConnectorKind,
  type FieldSpec,
} from '../catalogue/index.js';
import type { BooleanText, SecretMaskMode, StringEncodingMode } from './settings.js';
import type { Json, JsonRecord } from './types.js';

export const MARK_OPTIONAL_KEY = 'transforms.MarkColumnsAsOptional.fields.include.list';
const SSH_PLACEHOLDER = '<SSH.PUBLIC.KEY>';
const USER_DEFINED = '.user.defined';

interface ConnectorFacts {
  readonly defaults: readonly FieldSpec[];
  readonly secrets: readonly string[];
  readonly apiKeys: ReadonlySet<string>;
  readonly readOnly: readonly string[];
  readonly portKeys: ReadonlySet<string>;
  /** Short key → its `.user.defined` twin's API key. */
  readonly twins: ReadonlyMap<string, string>;
}

const factsCache = new Map<string, ConnectorFacts | undefined>();

function facts(kind: ConnectorKind, code: string): ConnectorFacts | undefined {
  const cacheKey = `${kind}:${code}`;
  if (factsCache.has(cacheKey)) return factsCache.get(cacheKey);
  const spec = getConnector(kind, code);
  const result = spec && {
    defaults: spec.fields.filter((f) => f.default !== undefined && !isReadOnly(f)),
    secrets: [...new Set(spec.fields.filter((f) => f.secret).map((f) => f.apiKey))],
    apiKeys: new Set(spec.fields.map((f) => f.apiKey)),
    readOnly: [...new Set(spec.fields.filter(isReadOnly).map((f) => f.apiKey))],
    portKeys: new Set(
      spec.fields.filter((f) => f.type === 'int' && /port/.test(f.apiKey)).map((f) => f.apiKey),
    ),
    twins: new Map([...shortKeyFields(kind, code)].map(([short, f]) => [short, f.apiKey])),
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
  readonly booleanText: BooleanText;
  readonly quickstartKeys: boolean;
  /** Destination fed by a schemaless source: backfill MarkColumnsAsOptional with "*". */
  readonly markColumnsOptional?: boolean;
}

/**
 * Static defaults of a connector as they read back in an encoding mode, built once: a read starts
 * from a copy of this and lays the stored keys over it (the hot path of every list page).
 */
const templates = new Map<string, JsonRecord>();

const BOOLEAN_TEXT: Record<BooleanText, readonly [string, string]> = {
  'true-false': ['true', 'false'],
  '1-0': ['1', '0'],
  'yes-no': ['yes', 'no'],
};

/** A number or boolean as the server string-encodes it. */
function asText(v: number | boolean, booleanText: BooleanText): string {
  if (typeof v === 'number') return String(v);
  const [yes, no] = BOOLEAN_TEXT[booleanText];
  return v ? yes : no;
}

function defaultsTemplate(o: RenderOptions, f: ConnectorFacts): JsonRecord {
  const key = `${o.kind}:${o.code}:${o.encoding}:${o.booleanText}`;
  let template = templates.get(key);
  if (!template) {
    template = {};
    for (const field of f.defaults) {
      const v = field.default as Json;
      const scalar = typeof v === 'number' || typeof v === 'boolean';
      template[field.apiKey] = o.encoding !== 'none' && scalar ? asText(v, o.booleanText) : v;
    }
    templates.set(key, template);
  }
  return template;
}

interface CachedConfig {
  readonly generation: number;
  readonly plain?: string;
  readonly withheld?: string;
}
const rendered = new WeakMap<object, CachedConfig>();

/**
 * `renderConfig` as JSON text, memoised per record until the next state or settings change: a
 * source embedded in many pipelines, or listed page after page, is normalised and serialised once.
 */
export function cachedConfigJson(
  record: object,
  generation: number,
  stored: JsonRecord,
  o: RenderOptions,
): string {
  const slot = o.secretReturned ? 'plain' : 'withheld';
  let entry = rendered.get(record);
  if (entry?.generation !== generation) entry = { generation };
  const hit = entry[slot];
  if (hit !== undefined) return hit;
  const text = JSON.stringify(renderConfig(stored, o));
  rendered.set(record, { ...entry, [slot]: text });
  return text;
}

/** The config as a read returns it; `stored` is never modified. */
export function renderConfig(stored: JsonRecord, o: RenderOptions): JsonRecord {
  const f = facts(o.kind, o.code);
  const out: JsonRecord = f ? { ...defaultsTemplate(o, f) } : {};
  for (const k in stored) {
    const v = stored[k] as Json;
    // NOTE: a stored null is kept as null, not replaced by the default (only missing keys are filled).
    out[k] = isPlaceholder(v) ? resolvePlaceholder(v, o.entityId) : v;
  }
  if (!f) return withheldSecrets(out, [], o);
  if (o.quickstartKeys) dropTwinDefaults(out, stored, f);
  addReadOnly(out, f, o.entityId);
  if (o.markColumnsOptional && f.apiKeys.has(MARK_OPTIONAL_KEY) && isUnset(out[MARK_OPTIONAL_KEY])) {
    out[MARK_OPTIONAL_KEY] = '*';
  }
  addDerivedTwins(out, f);
  encodeScalars(out, f, o);
  return withheldSecrets(out, f.secrets, o);
}

function isUnset(v: Json | undefined): boolean {
  return v === undefined || v === null || v === '';
}

function resolvePlaceholder(v: Json, entityId: string): Json {
  if (typeof v !== 'string') return v;
  const m = PLACEHOLDER_PATTERN.exec(v);
  if (!m) return v;
  if (v === SSH_PLACEHOLDER) return fakeSshKey(entityId);
  return `emulated-${(m[1] as string).toLowerCase().replace(/[._]/g, '-')}-${digest(entityId).slice(0, 12)}`;
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

const sshKeys = new Map<string, string>();

/** A stable fake public key per entity (cached: every read of an ssh-capable connector shows one). */
export function fakeSshKey(entityId: string): string {
  const cached = sshKeys.get(entityId);
  if (cached) return cached;
  const body = createHash('sha256').update(`ssh:${entityId}`).digest('base64').replace(/=+$/, '');
  const key = `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${body} streamkap@emulator`;
  if (sshKeys.size > 100_000) sshKeys.clear();
  sshKeys.set(entityId, key);
  return key;
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
  for (const key in out) {
    if (!key.endsWith(USER_DEFINED)) continue;
    const short = key.slice(0, -USER_DEFINED.length);
    const v = out[key];
    if (f.apiKeys.has(short) || out[short] !== undefined || v === null || v === undefined) continue;
    if (typeof v === 'object') continue;
    out[short] = String(v);
  }
}

/** Defaults are encoded by the template; here user ports (defaults mode) or every scalar (all mode). */
function encodeScalars(out: JsonRecord, f: ConnectorFacts, o: RenderOptions): void {
  if (o.encoding === 'none') return;
  if (o.encoding === 'defaults') {
    for (const k of f.portKeys) {
      const v = out[k];
      if (typeof v === 'number') out[k] = String(v);
    }
    return;
  }
  for (const k in out) {
    const v = out[k];
    if (typeof v === 'number' || typeof v === 'boolean') out[k] = asText(v, o.booleanText);
  }
}

/**
 * An object made the quickstart's way holds the short key (`database.port`) as the value: the
 * server fills no `.user.defined` default next to it (quickstartKeys mode, api-notes §5.2).
 */
function dropTwinDefaults(out: JsonRecord, stored: JsonRecord, f: ConnectorFacts): void {
  for (const [short, twin] of f.twins) {
    if (stored[short] !== undefined && stored[short] !== null && stored[twin] === undefined) delete out[twin];
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
