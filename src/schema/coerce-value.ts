/**
 * Turns one manifest config value into the model's typed value for its catalogue field:
 * int → number, bool → boolean, list<string> → string[], maps → objects, secrets → SecretValue.
 */
import type { FieldSpec } from '../catalogue/index.js';
import { SecretValue, type ConfigValue, type JsonValue } from '../model/index.js';
import { isCommaListField } from './config-types.js';
import { interpolate, suggestEnvName, wholeEnvRef } from './interpolate.js';
import type { Segment } from './problems.js';
import type { BuildOptions, Reporter } from './reporter.js';
import { didYouMean, listSome } from './suggest.js';

export interface ValueSite {
  readonly r: Reporter;
  readonly segs: readonly Segment[];
  readonly resourceName: string;
  readonly opts: BuildOptions;
  /**
   * How messages show the value when it came from the environment: the manifest text (the
   * reference), never the variable's value, which may be a secret used in the wrong field.
   */
  readonly shownAs?: string;
}

/** `undefined` = not usable (a problem was reported, or a variable is missing under --allow-missing-env). */
export type Coerced = ConfigValue | undefined;

function show(v: unknown): string {
  const text = typeof v === 'string' ? JSON.stringify(v) : (JSON.stringify(v) ?? String(v));
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}

/** The value for a message: the manifest text when it held ${env:…} references. */
function shown(v: unknown, s: ValueSite): string {
  return s.shownAs ?? show(v);
}

function coerceSecret(f: FieldSpec, raw: unknown, s: ValueSite): Coerced {
  const name = typeof raw === 'string' ? wholeEnvRef(raw) : undefined;
  if (name === undefined) {
    // NOTE: never echo the value: it is probably the secret itself.
    const hint = `write ${f.name}: \${env:${suggestEnvName(s.resourceName, f.name)}}`;
    s.r.error(s.segs, `secret "${f.name}" must be an environment reference, not a literal value`, hint);
    return undefined;
  }
  s.opts.envUses?.secret(name);
  const value = s.opts.env[name];
  if (value !== undefined) return new SecretValue(value, `env:${name}`);
  if (s.opts.allowMissingEnv) return new SecretValue('', `env:${name}`);
  s.r.error(
    s.segs,
    `environment variable ${name} is not set`,
    `set ${name}, or run validate with --allow-missing-env`,
  );
  return undefined;
}

/** Replaces ${env:…} in every string of a value; reports missing or malformed references. */
function interpolateDeep(raw: unknown, s: ValueSite): { value: unknown; usable: boolean; fromEnv: boolean } {
  let usable = true;
  let fromEnv = false;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') {
      const out = interpolate(v, s.opts.env);
      if (out.value !== v) fromEnv = true;
      s.opts.envUses?.plain(v, s.r, s.segs);
      for (const m of out.malformed) {
        s.r.error(s.segs, `malformed reference ${m}`, 'write ${env:NAME}, or $${ for a literal "${"');
        usable = false;
      }
      if (out.missing.length > 0) {
        usable = false;
        if (!s.opts.allowMissingEnv) {
          const names = out.missing.join(', ');
          s.r.error(
            s.segs,
            `environment variable ${names} is not set`,
            'set it, or run validate with --allow-missing-env',
          );
        }
      }
      return out.value;
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object') {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    }
    return v;
  };
  const value = walk(raw);
  return { value, usable, fromEnv };
}

function coerceInt(f: FieldSpec, v: unknown, s: ValueSite): Coerced {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*[+-]?\d+\s*$/.test(v) ? Number(v) : NaN;
  if (!Number.isSafeInteger(n)) {
    s.r.error(s.segs, `expected an integer, got ${shown(v, s)}`);
    return undefined;
  }
  if (f.range && (n < f.range[0] || n > f.range[1])) {
    s.r.error(s.segs, `${s.shownAs ?? n} is out of range`, `allowed: ${f.range[0]} to ${f.range[1]}`);
    return undefined;
  }
  return n;
}

function coerceBool(v: unknown, s: ValueSite): Coerced {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string' && /^(true|false)$/i.test(v.trim())) return v.trim().toLowerCase() === 'true';
  const yamlOne = typeof v === 'string' && /^(yes|no|on|off|y|n)$/i.test(v);
  const hint = yamlOne
    ? 'manifests are YAML 1.2, where yes/no/on/off are strings: write true or false'
    : 'write true or false';
  s.r.error(s.segs, `expected a boolean, got ${shown(v, s)}`, hint);
  return undefined;
}

function coerceString(f: FieldSpec, v: unknown, s: ValueSite): Coerced {
  let text: string | undefined;
  if (typeof v === 'string') text = v;
  else if (typeof v === 'number' && Number.isInteger(v)) text = String(v);
  else if (
    Array.isArray(v) &&
    isCommaListField(f) &&
    v.every((x) => typeof x === 'string' || typeof x === 'number')
  ) {
    text = v.map(String).join(',');
  }
  if (text === undefined) {
    const hint = isCommaListField(f) ? 'write a string or a list of strings' : 'quote the value';
    s.r.error(s.segs, `expected a string, got ${shown(v, s)}`, hint);
    return undefined;
  }
  if (typeof v === 'string' && isCommaListField(f) && text.split(',').some((e) => /\S\s*\n\s*\S/.test(e))) {
    // NOTE: the API splits these lists on commas only: "a\nb" is one (regex) entry matching nothing.
    s.r.warn(
      s.segs,
      `"${f.name}" separates entries by line breaks only`,
      'put a comma after each entry, or write a YAML list',
    );
  }
  if (f.enum && !f.enum.includes(text)) {
    const sameCase = f.enum.find((e) => e.toLowerCase() === text.toLowerCase());
    const hint = sameCase
      ? `did you mean "${sameCase}"?`
      : (didYouMean(text, f.enum) ?? `allowed: ${listSome(f.enum)}`);
    s.r.error(s.segs, `${shown(text, s)} is not an allowed value of "${f.name}"`, hint);
    return undefined;
  }
  return text;
}

function coerceList(v: unknown, s: ValueSite): Coerced {
  if (typeof v === 'string')
    return v
      .split(',')
      .map((x) => x.trim())
      .filter((x) => x !== '');
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
  s.r.error(s.segs, `expected a list of strings, got ${shown(v, s)}`);
  return undefined;
}

function parseJsonObject(v: unknown): Record<string, unknown> | undefined {
  let x = v;
  if (typeof v === 'string') {
    try {
      x = JSON.parse(v) as unknown;
    } catch {
      return undefined;
    }
  }
  return x !== null && typeof x === 'object' && !Array.isArray(x)
    ? (x as Record<string, unknown>)
    : undefined;
}

function coerceStringMap(v: unknown, s: ValueSite): Coerced {
  const obj = parseJsonObject(v);
  if (!obj || !Object.values(obj).every((x) => ['string', 'number', 'boolean'].includes(typeof x))) {
    s.r.error(s.segs, 'expected a mapping of strings', 'e.g. {raw_table: dedupe_table}');
    return undefined;
  }
  return Object.fromEntries(Object.entries(obj).map(([k, x]) => [k, String(x)]));
}

function coerceObjectMap(f: FieldSpec, v: unknown, s: ValueSite): Coerced {
  const obj = parseJsonObject(v);
  if (!obj) {
    s.r.error(s.segs, 'expected a mapping of mappings');
    return undefined;
  }
  const inner = f.mapValueFields ?? {};
  const out: Record<string, JsonValue> = {};
  for (const [key, raw] of Object.entries(obj)) {
    const entry = parseJsonObject(raw);
    const at = { ...s, segs: [...s.segs, key] };
    if (!entry) {
      s.r.error(at.segs, 'expected a mapping');
      continue;
    }
    out[key] = coerceMapEntry(entry, inner, at);
  }
  return out;
}

function coerceMapEntry(
  entry: Record<string, unknown>,
  inner: NonNullable<FieldSpec['mapValueFields']>,
  s: ValueSite,
): JsonValue {
  const out: Record<string, JsonValue> = {};
  for (const [k, x] of Object.entries(entry)) {
    const spec = inner[k];
    if (!spec) {
      s.r.error(
        [...s.segs, k],
        `unknown key "${k}"`,
        didYouMean(k, Object.keys(inner)) ?? `allowed: ${Object.keys(inner).join(', ')}`,
        'key',
      );
      continue;
    }
    const isInt = /^int/.test(spec.type);
    const at = { ...s, segs: [...s.segs, k] };
    const value = isInt
      ? coerceInt({ name: k, apiKey: k, type: 'int', required: false, secret: false }, x, at)
      : x;
    if (value !== undefined) out[k] = isInt ? (value as number) : String(x);
  }
  for (const [k, spec] of Object.entries(inner)) {
    if (spec.required && !(k in entry)) s.r.error(s.segs, `missing required key "${k}"`);
  }
  return out;
}

/** The typed model value, or undefined after reporting why not. */
export function coerceValue(f: FieldSpec, raw: unknown, s: ValueSite): Coerced {
  if (f.secret) return coerceSecret(f, raw, s);
  const interpolated = interpolateDeep(raw, s);
  if (!interpolated.usable) return undefined;
  const value = interpolated.value;
  if (interpolated.fromEnv) s = { ...s, shownAs: `${show(raw)} (value from the environment, not shown)` };
  switch (f.type) {
    case 'int':
      return coerceInt(f, value, s);
    case 'bool':
      return coerceBool(value, s);
    case 'string':
      return coerceString(f, value, s);
    case 'list<string>':
      return coerceList(value, s);
    case 'map<string,string>':
      return coerceStringMap(value, s);
    case 'map<string,object>':
      return coerceObjectMap(f, value, s);
    case 'json-string':
      return typeof value === 'string' ? value : JSON.stringify(value);
  }
}
