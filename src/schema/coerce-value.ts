/**
 * Turns one manifest config value into the model's typed value for its catalogue field through the
 * catalogue codec (int → number, bool → boolean, list<string> → string[], maps → objects), and
 * reports at its node, with a hint, every value that does not fit. Secrets become SecretValue.
 */
import { decode, isCommaListField, type Decoded, type FieldSpec } from '../catalogue/index.js';
import { SecretValue, type ConfigValue } from '../model/index.js';
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
            `set ${names}, or run validate with --allow-missing-env`,
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

/** Where a misfit is, and what the manifest should say instead, by catalogue type. */
function report(f: FieldSpec, v: unknown, d: Extract<Decoded, { ok: false }>, s: ValueSite): undefined {
  const segs = [...s.segs, ...d.at];
  switch (f.type) {
    case 'int':
      s.r.error(segs, `expected an integer, got ${shown(v, s)}`);
      break;
    case 'bool': {
      const yamlOne = typeof v === 'string' && /^(on|off|y|n)$/i.test(v.trim());
      const hint = yamlOne
        ? 'manifests are YAML 1.2, where on/off/y/n are strings: write true or false'
        : 'write true or false';
      s.r.error(segs, `expected a boolean, got ${shown(v, s)}`, hint);
      break;
    }
    case 'string':
      s.r.error(
        segs,
        `expected a string, got ${shown(v, s)}`,
        isCommaListField(f) ? 'write a string or a list of strings' : 'quote the value',
      );
      break;
    case 'list<string>':
      s.r.error(segs, `expected a list of strings, got ${shown(v, s)}`);
      break;
    case 'map<string,string>':
      s.r.error(segs, 'expected a mapping of strings', 'e.g. {raw_table: dedupe_table}');
      break;
    default:
      s.r.error(
        segs,
        d.at.length === 0
          ? 'expected a mapping of mappings'
          : d.at.length === 1
            ? 'expected a mapping'
            : `expected ${d.reason.replace(/^not /, '')}`,
      );
  }
  return undefined;
}

function checkRange(f: FieldSpec, n: number, s: ValueSite): boolean {
  if (!f.range || (n >= f.range[0] && n <= f.range[1])) return true;
  s.r.error(s.segs, `${s.shownAs ?? n} is out of range`, `allowed: ${f.range[0]} to ${f.range[1]}`);
  return false;
}

function checkString(f: FieldSpec, v: unknown, text: string, s: ValueSite): boolean {
  if (typeof v === 'string' && isCommaListField(f) && text.split(',').some((e) => /\S\s*\n\s*\S/.test(e))) {
    // NOTE: the API splits these lists on commas only: "a\nb" is one (regex) entry matching nothing.
    s.r.warn(
      s.segs,
      `"${f.name}" separates entries by line breaks only`,
      'put a comma after each entry, or write a YAML list',
    );
  }
  if (!f.enum || f.enum.includes(text)) return true;
  const sameCase = f.enum.find((e) => e.toLowerCase() === text.toLowerCase());
  const hint = sameCase
    ? `did you mean "${sameCase}"?`
    : (didYouMean(text, f.enum) ?? `allowed: ${listSome(f.enum)}`);
  s.r.error(s.segs, `${shown(text, s)} is not an allowed value of "${f.name}"`, hint);
  return false;
}

/** Keys of map<string,object> entries: unknown ones and missing required ones are reported. */
function checkMapEntries(f: FieldSpec, map: Record<string, unknown>, s: ValueSite): boolean {
  const inner = f.mapValueFields ?? {};
  const allowed = Object.keys(inner);
  let ok = true;
  for (const [key, entry] of Object.entries(map)) {
    const keys = Object.keys(entry as Record<string, unknown>);
    for (const k of keys.filter((x) => !(x in inner))) {
      s.r.error(
        [...s.segs, key, k],
        `unknown key "${k}"`,
        didYouMean(k, allowed) ?? `allowed: ${allowed.join(', ')}`,
        'key',
      );
      ok = false;
    }
    for (const k of allowed.filter((x) => inner[x]?.required && !keys.includes(x))) {
      s.r.error([...s.segs, key], `missing required key "${k}"`);
      ok = false;
    }
  }
  return ok;
}

/** Checks beyond the type (ranges, allowed values, map entry keys); false after reporting. */
function checkTyped(f: FieldSpec, v: unknown, typed: ConfigValue, s: ValueSite): boolean {
  if (typeof typed === 'number') return checkRange(f, typed, s);
  if (typeof typed === 'string' && f.type === 'string') return checkString(f, v, typed, s);
  if (f.type === 'map<string,object>') return checkMapEntries(f, typed as Record<string, unknown>, s);
  return true;
}

/**
 * The typed model value, or undefined after reporting why not. The typing rules are the catalogue
 * codec's (the same ones live values are read with); this adds the manifest's own: secrets must be
 * environment references, ${env:…} is substituted first, and ranges and allowed values are checked.
 */
export function coerceValue(f: FieldSpec, raw: unknown, s: ValueSite): Coerced {
  if (f.secret) return coerceSecret(f, raw, s);
  const interpolated = interpolateDeep(raw, s);
  if (!interpolated.usable) return undefined;
  const value = interpolated.value;
  if (interpolated.fromEnv) s = { ...s, shownAs: `${show(raw)} (value from the environment, not shown)` };
  const decoded = decode(f, value);
  if (!decoded.ok) return report(f, value, decoded, s);
  if (decoded.value === undefined || !checkTyped(f, value, decoded.value, s)) return undefined;
  return decoded.value;
}
