/**
 * A resource's `config` map: every accepted spelling of a key resolves to the catalogue's friendly
 * name, values are typed, secrets become SecretValue, and every mistake is reported at its node.
 */
import {
  getConnector,
  isReadOnly,
  looksSecret,
  resolveKey,
  shortApiKey,
  type ConnectorKind,
  type ConnectorSpec,
  type FieldSpec,
} from '../catalogue/index.js';
import type { ConfigValue, JsonValue } from '../model/index.js';
import { coerceValue } from './coerce-value.js';
import { interpolate } from './interpolate.js';
import type { Segment } from './problems.js';
import type { BuildOptions, Reporter } from './reporter.js';
import { schemasOfTables, spaceSeparatedEntries } from './quickstart-hints.js';
import { closest } from './suggest.js';

export interface ConfigSite {
  readonly r: Reporter;
  readonly kind: ConnectorKind;
  readonly code: string;
  readonly resourceName: string;
  /** Path of the resource (`['sources', 0]`). */
  readonly base: readonly Segment[];
  readonly opts: BuildOptions;
}

export interface ResolvedConfig {
  readonly config: Record<string, ConfigValue>;
  /** Friendly names the manifest sets (also those left unresolved under --allow-missing-env). */
  readonly present: ReadonlySet<string>;
}

/** Every spelling the catalogue accepts, mapped to the spelling shown in a hint. */
function spellings(spec: ConnectorSpec): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of spec.fields) {
    if (isReadOnly(f)) continue;
    out.set(f.name, f.name);
    out.set(f.apiKey, f.apiKey);
    out.set(shortApiKey(f.apiKey), shortApiKey(f.apiKey));
  }
  return out;
}

function reportUnknownKey(spec: ConnectorSpec, key: string, segs: Segment[], site: ConfigSite): void {
  if (spec.removedKeys.includes(key)) {
    const message = `"${key}" was dropped by the Streamkap backend and is no longer accepted`;
    site.r.error(segs, message, 'remove it', 'key');
    return;
  }
  const guess = closest(key, spellings(spec).keys());
  const hint = guess
    ? `did you mean "${guess}"?`
    : 'see `streamkap-gitops schema`; keys the catalogue does not know yet go under extra_config';
  site.r.error(segs, `unknown config key "${key}" for ${site.kind} connector "${site.code}"`, hint, 'key');
}

interface ConnectorRules {
  readonly required: readonly FieldSpec[];
  readonly placeholders: readonly FieldSpec[];
  readonly hasSshHost: boolean;
}

const rulesCache = new Map<ConnectorSpec, ConnectorRules>();

/** Per-connector lists, computed once: the checks below run for every resource. */
function rulesOf(spec: ConnectorSpec): ConnectorRules {
  let rules = rulesCache.get(spec);
  if (!rules) {
    rules = {
      required: spec.fields.filter((f) => f.required && !isReadOnly(f)),
      placeholders: spec.fields.filter(
        (f) => typeof f.default === 'string' && f.default.startsWith('placeholder-'),
      ),
      hasSshHost: spec.fields.some((f) => f.name === 'ssh_host'),
    };
    rulesCache.set(spec, rules);
  }
  return rules;
}

/** Fields the manifest wrote empty (`key:` or `key: null`): friendly name → the key as written. */
function nulledFields(configSegs: Segment[], site: ConfigSite): Map<string, string> {
  const out = new Map<string, string>();
  for (const key of site.r.nullKeysAt(configSegs)) {
    const field = resolveKey(site.kind, site.code, key)?.field;
    if (field) out.set(field.name, key);
  }
  return out;
}

/** An include list written with spaces instead of commas (the quickstart's lists are comma-separated). */
function checkIncludeLists(out: ResolvedConfig, configSegs: Segment[], site: ConfigSite): void {
  for (const key of ['schema_include_list', 'table_include_list', 'column_include_list']) {
    const entries = spaceSeparatedEntries(out.config[key]);
    if (entries === undefined) continue;
    site.r.error(
      [...configSegs, key],
      `${key} "${entries.join(' ')}" separates its entries with spaces; the list is comma-separated`,
      `write "${key}: ${entries.join(', ')}"`,
    );
  }
}

function checkRequired(
  spec: ConnectorSpec,
  out: ResolvedConfig,
  configSegs: Segment[],
  site: ConfigSite,
): void {
  const rules = rulesOf(spec);
  const nulled = nulledFields(configSegs, site);
  for (const f of rules.required) {
    if (out.present.has(f.name)) continue;
    const written = nulled.get(f.name);
    if (written !== undefined) {
      const message = `missing required config key "${f.name}": it is empty, and null means not set`;
      site.r.error([...configSegs, written], message, `give it a value (API key "${f.apiKey}")`);
    } else {
      const schemas =
        f.name === 'schema_include_list' ? schemasOfTables(out.config['table_include_list']) : undefined;
      site.r.error(
        [...configSegs, f.name],
        `missing required config key "${f.name}"`,
        schemas === undefined
          ? `API key "${f.apiKey}"`
          : `add "schema_include_list: ${schemas}" (the schemas of table_include_list; API key "${f.apiKey}")`,
      );
    }
  }
  checkIncludeLists(out, configSegs, site);
  // Conditional requirement the catalogue cannot express (api-notes §5.7): an SSH tunnel needs a host.
  if (rules.hasSshHost && out.config['ssh_enabled'] === true && !out.present.has('ssh_host')) {
    site.r.error(
      [...configSegs, 'ssh_host'],
      'missing config key "ssh_host" (required when ssh_enabled is true)',
    );
  }
  for (const f of rules.placeholders) {
    if (!out.present.has(f.name)) {
      site.r.warn(
        configSegs,
        `"${f.name}" is not set: the backend default is placeholder text`,
        `set ${f.name}`,
      );
    }
  }
}

function resolveOne(
  key: string,
  raw: unknown,
  field: FieldSpec,
  seen: Map<string, string>,
  segs: Segment[],
  site: ConfigSite,
): ConfigValue | undefined | null {
  if (isReadOnly(field)) {
    site.r.error(segs, `"${key}" is read-only: the server sets it`, 'remove it', 'key');
    return null;
  }
  const earlier = seen.get(field.name);
  if (earlier !== undefined) {
    const message = `"${key}" and "${earlier}" are two spellings of the same field "${field.name}"`;
    site.r.error(segs, message, `keep only "${field.name}: <value>" (one spelling, one value)`, 'key');
    return null;
  }
  seen.set(field.name, key);
  return coerceValue(field, raw, { r: site.r, segs, resourceName: site.resourceName, opts: site.opts });
}

export function resolveConfig(raw: Record<string, unknown> | undefined, site: ConfigSite): ResolvedConfig {
  const spec = getConnector(site.kind, site.code);
  const config: Record<string, ConfigValue> = {};
  const present = new Set<string>();
  const out = { config, present };
  if (!spec) return out;
  const configSegs = [...site.base, 'config'];
  const seen = new Map<string, string>();
  for (const [key, value] of Object.entries(raw ?? {})) {
    const segs = [...configSegs, key];
    const res = resolveKey(site.kind, site.code, key);
    if (!res) {
      reportUnknownKey(spec, key, segs, site);
      continue;
    }
    if (res.spelling === 'deprecated') {
      site.r.warn(segs, `"${key}" is deprecated`, `use "${res.field.name}"`, 'key');
    }
    const typed = resolveOne(key, value, res.field, seen, segs, site);
    if (typed === null) continue;
    present.add(res.field.name);
    if (typed !== undefined) config[res.field.name] = typed;
  }
  checkRequired(spec, out, configSegs, site);
  return out;
}

/** `extra_config`: wire keys sent as-is. Known keys and secrets are refused (they would bypass checks and masking). */
export function resolveExtraConfig(
  raw: Record<string, unknown> | undefined,
  site: ConfigSite,
): Record<string, JsonValue> {
  const out: Record<string, JsonValue> = {};
  const keys = Object.keys(raw ?? {});
  for (const key of keys) {
    const segs = [...site.base, 'extra_config', key];
    const known = resolveKey(site.kind, site.code, key);
    if (known) {
      // NOTE: the quickstart sends table.include.list beside table.include.list.user.defined; the
      // server derives the short key from the .user.defined one, so a manifest writes it once.
      const derived = key !== known.field.apiKey && shortApiKey(known.field.apiKey) === key;
      site.r.error(
        segs,
        derived
          ? `"${key}" is derived by the server from "${known.field.apiKey}"; a manifest sets the field once`
          : `"${key}" is a known config key`,
        derived
          ? `remove it here and write "${known.field.name}: <value>" under config`
          : `set it under config as "${known.field.name}"`,
        'key',
      );
      continue;
    }
    if (looksSecret(key)) {
      const message = `"${key}" looks like a secret; extra_config values are not masked in plans or logs`;
      site.r.error(segs, message, 'secrets must be catalogue fields set with ${env:NAME}', 'key');
      continue;
    }
    const value = (raw ?? {})[key];
    const text = typeof value === 'string' ? interpolate(value, site.opts.env) : undefined;
    if (typeof value === 'string') site.opts.envUses?.plain(value, site.r, segs);
    if (text && (text.missing.length > 0 || text.malformed.length > 0)) {
      if (!site.opts.allowMissingEnv || text.malformed.length > 0) {
        site.r.error(
          segs,
          `cannot resolve ${[...text.missing, ...text.malformed].join(', ')}`,
          'set the variable',
        );
      }
      continue;
    }
    out[key] = (text ? text.value : value) as JsonValue;
  }
  if (keys.length > 0) {
    site.r.warn(
      [...site.base, 'extra_config'],
      `extra_config keys are sent as-is, unchecked: ${keys.join(', ')}`,
      undefined,
      'key',
    );
  }
  return out;
}
