import { createRequire } from 'node:module';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type * as AjvModule from 'ajv/dist/2020.js';
import standaloneValidate from './manifest-validator.generated.cjs';
import { connectorCodes, type ConnectorKind } from '../catalogue/index.js';
import { registry } from '../kinds/registry.js';
import { buildManifestSchema } from './json-schema.js';
import { MANIFEST_AJV_OPTIONS } from './json-schema-parts.js';
import type { ManifestDocument } from './parse-documents.js';
import type { ProblemList, Segment } from './problems.js';
import { didYouMean, listSome } from './suggest.js';
import { plural } from '../render/plural.js';
import { pipelineReferenceHint } from './quickstart-hints.js';

/** What is computed once per state of the kind registry (its `generation`). */
let cached: { generation: number; validate: ValidateFunction; essential: ReadonlySet<string> } | undefined;

/**
 * NOTE: precompiled (ajv standalone code, CommonJS) by `npm run gen:validator` from
 * buildManifestSchema('runtime'), and imported statically so that the bundle (scripts/build.ts)
 * holds it; compiling at start cost 30–170 ms, loading costs a few. A test
 * fails when the generated file is stale. A kind registered at run time (a test's, an extension's)
 * is not in it: the schema is then compiled here, once per registry state.
 */
function loadValidator(): ValidateFunction {
  if (registry.generation === 0) return standaloneValidate;
  const { Ajv2020 } = createRequire(import.meta.url)('ajv/dist/2020.js') as typeof AjvModule;
  return new Ajv2020(MANIFEST_AJV_OPTIONS).compile(buildManifestSchema('runtime'));
}

function current(): NonNullable<typeof cached> {
  if (cached?.generation !== registry.generation) {
    cached = {
      generation: registry.generation,
      validate: loadValidator(),
      // Item keys without which a resource cannot be built into the model: every kind's, for items
      // of any kind (a wrong-shaped `type` stops a tag item as it stops a transform).
      essential: new Set(registry.kinds.flatMap((k) => k.manifest.essentialKeys)),
    };
  }
  return cached;
}

function validator(): ValidateFunction {
  return current().validate;
}

function isEssential(key: string): boolean {
  return current().essential.has(key);
}

/** The catalogue behind the code discriminator of the section `key` (`sources`). */
function codesOf(key: string): { catalogue: ConnectorKind; what: string } | undefined {
  return registry.kinds.find((k) => k.manifest.key === key)?.manifest.codes;
}

/** JSON pointer → segments, numbers where the data is an array (keys may contain dots or slashes). */
function pointerToSegments(pointer: string, data: unknown): Segment[] {
  if (pointer === '') return [];
  const out: Segment[] = [];
  let cur: unknown = data;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(cur)) {
      out.push(Number(key));
      cur = cur[Number(key)];
    } else {
      out.push(key);
      cur = cur !== null && typeof cur === 'object' ? (cur as Record<string, unknown>)[key] : undefined;
    }
  }
  return out;
}

function typeName(v: unknown): string {
  if (v === null) return 'null (an empty value)';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return `a ${typeof v}`;
}

interface Report {
  readonly segs: Segment[];
  readonly target: 'key' | 'value';
  readonly message: string;
  readonly hint?: string | undefined;
}

function describeDiscriminator(e: ErrorObject, segs: Segment[]): Report {
  const known = codesOf(String(segs[0]));
  const tag = String(e.params['tag']);
  const value: unknown = e.params['tagValue'];
  const at = [...segs, tag];
  if (e.params['error'] !== 'mapping' || typeof value !== 'string') {
    return { segs: at, target: 'value', message: `"${tag}" must be a string` };
  }
  if (!known) return { segs: at, target: 'value', message: `unknown ${tag} "${value}"` };
  const { catalogue, what } = known;
  const codes = connectorCodes(catalogue);
  const hint = didYouMean(value, codes) ?? `known: ${listSome(codes, 12)}`;
  return { segs: at, target: 'value', message: `unknown ${what} "${value}"`, hint };
}

function describeType(e: ErrorObject, segs: Segment[]): Report {
  const expected = Array.isArray(e.params['type']) ? e.params['type'].join(' or ') : String(e.params['type']);
  const article = expected === 'array' ? 'a list' : expected === 'object' ? 'a mapping' : `a ${expected}`;
  const last = segs[segs.length - 1];
  const yamlOne =
    expected === 'boolean' && typeof e.data === 'string' && /^(yes|no|on|off|y|n)$/i.test(e.data);
  const pipelineRef =
    segs.length === 3 && segs[0] === 'pipelines' && (last === 'source' || last === 'destination')
      ? pipelineReferenceHint(last, e.data)
      : undefined;
  const hint =
    segs.length === 1 && expected === 'array' && e.data === null
      ? `write \`${String(last)}: []\` for none`
      : yamlOne
        ? 'manifests are YAML 1.2, where yes/no/on/off are strings: write true or false'
        : pipelineRef;
  return { segs, target: 'value', message: `expected ${article}, got ${typeName(e.data)}`, hint };
}

function describe(e: ErrorObject, segs: Segment[], d: ManifestDocument): Report {
  const p = e.params;
  switch (e.keyword) {
    case 'required': {
      const key = String(p['missingProperty']);
      const at = [...segs, key];
      if (!d.nullKeys.has(at)) return { segs: at, target: 'value', message: `missing required key "${key}"` };
      return {
        segs: at,
        target: 'value',
        message: `missing required key "${key}": it is empty, and null means not set`,
        hint: 'give it a value',
      };
    }
    case 'additionalProperties': {
      const key = String(p['additionalProperty']);
      const allowed = Object.keys((e.parentSchema?.['properties'] as object | undefined) ?? {});
      const hint =
        didYouMean(key, allowed) ??
        (allowed.length > 0 ? `allowed keys: ${listSome(allowed, 12)}` : undefined);
      return { segs: [...segs, key], target: 'key', message: `unknown key "${key}"`, hint };
    }
    case 'discriminator':
      return describeDiscriminator(e, segs);
    case 'type':
      return describeType(e, segs);
    case 'pattern':
      if (segs.length === 1 && segs[0] === 'namespace') {
        const hint =
          'lower-case letters, digits and "-", starting with a letter or digit, at most 41 characters';
        return { segs, target: 'value', message: `invalid namespace "${String(e.data)}"`, hint };
      }
      return { segs, target: 'value', message: 'must not be blank' };
    case 'minLength':
      return { segs, target: 'value', message: 'must not be empty' };
    case 'maxLength':
      return { segs, target: 'value', message: `longer than ${String(p['limit'])} characters` };
    case 'minItems':
      return { segs, target: 'value', message: `must list at least ${plural(Number(p['limit']), 'item')}` };
    case 'uniqueItems': {
      const [first, dup] = [Number(p['i']), Number(p['j'])].sort((a, b) => a - b);
      return {
        segs: [...segs, dup ?? 0],
        target: 'value',
        message: `duplicate item (same as item ${String(first)})`,
      };
    }
    case 'enum':
    case 'const':
      return {
        segs,
        target: 'value',
        message: `must be one of: ${JSON.stringify(p['allowedValues'] ?? p['allowedValue'])}`,
      };
    default:
      return { segs, target: 'value', message: e.message ?? `fails ${e.keyword}` };
  }
}

/**
 * Checks one document's shape against the runtime schema and reports every error at its node.
 * Returns the instance paths (JSON pointers) of items that failed, so later stages skip them.
 */
export function validateStructure(d: ManifestDocument, problems: ProblemList): Set<string> {
  const validate = validator();
  const failed = new Set<string>();
  if (validate(d.value)) return failed;
  for (const e of validate.errors ?? []) {
    if (e.keyword === 'oneOf' || e.keyword === 'if') continue;
    // NOTE: "" fails both minLength and the non-blank pattern; minLength's "must not be empty" says it.
    if (e.keyword === 'pattern' && e.data === '' && e.parentSchema?.['minLength'] !== undefined) continue;
    const segs = pointerToSegments(e.instancePath, d.value);
    const r = describe(e, segs, d);
    problems.add('error', d.file, d.locate(r.segs, r.target), r.segs, r.message, r.hint);
    // Remember a list item (`sources/3`) whose shape is too broken to build; keys the builders read
    // defensively (tags, topics, ...) do not stop the item's config from being checked too.
    if (segs.length === 2 || (segs.length > 2 && isEssential(String(segs[2])))) {
      failed.add(`${String(segs[0])}/${String(segs[1])}`);
    } else if (segs.length < 2) {
      failed.add(String(segs[0] ?? ''));
    }
  }
  return failed;
}
