import { CONNECTOR_SPECS } from '../catalogue/connectors.generated.js';
import { looksSecret, SECRET_KEY_PATTERN, shortApiKey } from '../catalogue/field-rules.js';

/**
 * Secret masking for anything that may reach a log line or an error message. pino's `redact`
 * only knows fixed paths; this walks any depth and matches key names, so pipeline responses that
 * embed whole source objects (secrets included) are covered too.
 */
const MASK = '[redacted]';

/** Every catalogue key (wire key, short form and friendly name) marked `secret: true`. */
const CATALOGUE_SECRET_KEYS: ReadonlySet<string> = buildCatalogueSecretKeys();

function buildCatalogueSecretKeys(): Set<string> {
  const keys = new Set<string>();
  for (const spec of CONNECTOR_SPECS) {
    for (const field of spec.fields) {
      if (!field.secret) continue;
      keys.add(field.apiKey);
      keys.add(shortApiKey(field.apiKey));
      keys.add(field.name);
    }
    for (const alias of spec.deprecatedAliases) {
      const target = spec.fields.find((f) => f.name === alias.canonical);
      if (target?.secret) keys.add(alias.name);
    }
  }
  return keys;
}

/** Catalogue secret keys (for building pino redaction paths). */
export function catalogueSecretKeys(): readonly string[] {
  return [...CATALOGUE_SECRET_KEYS].sort();
}

function isSecretKey(key: string): boolean {
  return CATALOGUE_SECRET_KEYS.has(key) || looksSecret(key);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

const MAX_DEPTH = 32;

/**
 * A deep copy of `value` with the value of every secret-looking key replaced by a mask. Only plain
 * objects and arrays are walked: errors, SecretValues and other class instances are kept as they
 * are (they mask themselves or carry already-scrubbed messages).
 */
export function scrubSecrets<T>(value: T): T {
  return scrubAt(value, 0, new WeakSet()) as T;
}

function scrubAt(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[circular]';
  if (Array.isArray(value)) {
    seen.add(value);
    const out = value.map((item) => scrubAt(item, depth + 1, seen));
    seen.delete(value);
    return out;
  }
  if (!isPlainObject(value)) return value;
  seen.add(value);
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (isSecretKey(key) && item !== null && item !== undefined && item !== '') out[key] = MASK;
    else out[key] = scrubAt(item, depth + 1, seen);
  }
  seen.delete(value);
  return out;
}

/**
 * Every string held under a secret key anywhere in `value` (e.g. a request body), so that the same
 * strings can be masked in free text such as an error body echoing its input.
 */
export function collectSecretStrings(value: unknown, into: Set<string> = new Set()): Set<string> {
  collectAt(value, false, 0, into);
  return into;
}

function collectAt(value: unknown, underSecret: boolean, depth: number, into: Set<string>): void {
  if (depth > MAX_DEPTH || value === null || value === undefined) return;
  if (typeof value === 'string') {
    if (underSecret && value.length >= 4) into.add(value);
    return;
  }
  if (typeof value !== 'object') return;
  if (typeof (value as { reveal?: unknown }).reveal === 'function') {
    const plain = (value as { reveal(): unknown }).reveal();
    if (typeof plain === 'string' && plain.length >= 4) into.add(plain);
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value) collectAt(item, underSecret, depth + 1, into);
    return;
  }
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    collectAt(item, underSecret || isSecretKey(key), depth + 1, into);
  }
}

/** A withheld value as the API shows it (`********`): nothing to remember. */
const WITHHELD = /^\**$/;

/**
 * Every string under a catalogue secret key anywhere in `value` (a response body: pipelines embed
 * whole sources), so that the API client can mask values it has seen in later error text.
 * NOTE: only catalogue keys, not SECRET_KEY_PATTERN: values under keys such as `sasl.mechanism`
 * (`PLAIN`) would otherwise be masked in every later message.
 */
export function collectCatalogueSecretStrings(value: unknown, into: Set<string>): Set<string> {
  collectCatalogueAt(value, false, 0, into);
  return into;
}

function collectCatalogueAt(value: unknown, under: boolean, depth: number, into: Set<string>): void {
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') {
    if (under && typeof value === 'string' && value.length >= 4 && !WITHHELD.test(value)) into.add(value);
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value) collectCatalogueAt(item, under, depth + 1, into);
    return;
  }
  const record = value as Record<string, unknown>;
  for (const key in record) {
    collectCatalogueAt(record[key], under || CATALOGUE_SECRET_KEYS.has(key), depth + 1, into);
  }
}

/** Not at an already masked value: `key=[redacted])` must keep its `)`. */
const NOT_MASKED = '(?!\\[redacted\\])';

/** `Bearer xyz`, `"password": "xyz"`, `token=xyz`, `scheme://user:xyz@` and the like in free text. */
const TEXT_PATTERNS: readonly RegExp[] = [
  /(bearer\s+)(?!\[redacted\])[A-Za-z0-9._~+/=-]+/gi,
  new RegExp(
    `("[^"]*(?:${SECRET_KEY_PATTERN.source})[^"]*"\\s*:\\s*)${NOT_MASKED}("(?:[^"\\\\]|\\\\.)*"|[^,}\\s]+)`,
    'gi',
  ),
  new RegExp(`(\\b[\\w.-]*(?:${SECRET_KEY_PATTERN.source})[\\w.-]*=)${NOT_MASKED}[^&\\s"',;]+`, 'gi'),
  // The password of a URL's user info (an API or proxy URL, a connection string in a message).
  new RegExp(`(\\b[a-z][a-z0-9+.-]*://[^/\\s:@"']*:)${NOT_MASKED}[^@\\s/"']+(?=@)`, 'gi'),
];

/**
 * Masks secrets inside free text: every known secret string (client secret, tokens, secret config
 * values of the request) and anything that looks like a bearer token or a `key=value` / JSON pair
 * with a secret-looking key.
 */
export function scrubText(text: string, known: Iterable<string> = []): string {
  let out = text;
  // NOTE: `known` may hold every secret of an account; only the variants present are replaced.
  const present: string[] = [];
  for (const secret of known) {
    if (secret.length < 4) continue;
    for (const variant of secretVariants(secret)) if (text.includes(variant)) present.push(variant);
  }
  // Longest first, so a value is masked whole before a shorter one inside it.
  present.sort((a, b) => b.length - a.length);
  for (const variant of present) out = out.split(variant).join(MASK);
  for (const pattern of TEXT_PATTERNS) out = out.replace(pattern, `$1${MASK}`);
  return out;
}

// NOTE: every API call scrubs its path with the client's secrets: their variants are worked out once.
const variantsOf = new Map<string, readonly string[]>();
const MAX_CACHED_VARIANTS = 10_000;

/** The value as is, echoed inside a JSON string (escaped once or twice), and URL-encoded. */
function secretVariants(secret: string): readonly string[] {
  let variants = variantsOf.get(secret);
  if (variants === undefined) {
    const once = JSON.stringify(secret).slice(1, -1);
    variants = [secret, once, JSON.stringify(once).slice(1, -1), encodeURIComponent(secret)];
    if (variantsOf.size >= MAX_CACHED_VARIANTS) variantsOf.clear();
    variantsOf.set(secret, variants);
  }
  return variants;
}
