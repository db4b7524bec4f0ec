/**
 * The saved plan (`plan --out plan.json`, read back by `apply --plan plan.json`): writing it,
 * reading it back with checks, the digest of the manifests it was made from, and the HMAC key.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { SafetyError, UserError } from '../errors/index.js';
import { registry } from '../kinds/registry.js';
import { PLAN_FORMAT_VERSION, type Plan, type ResourceKind, type SavedPlan } from '../model/index.js';
import { derivePlanKey, planSeal, type PlanOptions } from '../planner/index.js';
import { printableJson } from '../render/printable.js';
import { camelKey, jsonDocument, renameKeys, snakeKey } from '../render/json-document.js';
import { PAYLOAD_DATA_KEYS, planDocument } from '../render/plan-json.js';
import { savedPlanOptions } from './plan-options.js';
import { TOOL_VERSION } from './version.js';
import { checkOutputTarget, writeFileSafely } from './write-file-safely.js';

type ManifestFile = { readonly path: string; readonly sha256: string };

/**
 * sha256 over the manifest files' digests, sorted by path: what a saved plan was made from.
 * Takes `desired.files` (or the DesiredState itself).
 */
export function inputsDigest(
  input: readonly ManifestFile[] | { readonly files: readonly ManifestFile[] },
): string {
  const files: readonly ManifestFile[] = 'files' in input ? input.files : input;
  const lines = [...files].map((f) => `${f.path.split(path.sep).join('/')}\0${f.sha256}\n`).sort();
  const hash = createHash('sha256');
  for (const line of lines) hash.update(line, 'utf8');
  return hash.digest('hex');
}

/**
 * The key for the plan's secret HMACs: STREAMKAP_GITOPS_PLAN_KEY when set, else derived from the API
 * client secret (so `plan` in one CI job and `apply --plan` in another agree without extra setup).
 */
export function planKeyFromEnv(env: Readonly<Record<string, string | undefined>>): string {
  const explicit = env['STREAMKAP_GITOPS_PLAN_KEY'];
  if (explicit !== undefined && explicit !== '') return explicit;
  const secret = env['STREAMKAP_CLIENT_SECRET'] || env['STREAMKAP_SECRET'];
  if (secret !== undefined && secret !== '') return derivePlanKey(secret);
  throw new UserError(
    "No key for the plan's secret hashes: neither STREAMKAP_GITOPS_PLAN_KEY nor STREAMKAP_CLIENT_SECRET is set.",
    {
      hint: 'export STREAMKAP_CLIENT_SECRET (the API credentials), or STREAMKAP_GITOPS_PLAN_KEY to a random string',
    },
  );
}

/** The saved plan's file content as a JSON value (snake_case keys; the seal left out unless given). */
function savedPlanDocument(saved: Omit<SavedPlan, 'mac'> & { mac?: string }): Record<string, unknown> {
  const { plan, ...rest } = saved;
  // NOTE: the plan in the file is the `plan --format json` document (docs/plan-format.md).
  return JSON.parse(jsonDocument({ ...rest, plan: planDocument(plan) }, new Set(['plan']))) as Record<
    string,
    unknown
  >;
}

/** The saved plan, sealed with the plan key (`options.hmacKey`, never written). */
export function makeSavedPlan(
  plan: Plan,
  init: { inputsDigest: string; createdAt: Date; options: PlanOptions },
): SavedPlan {
  const unsealed = {
    formatVersion: PLAN_FORMAT_VERSION,
    toolVersion: TOOL_VERSION,
    inputsDigest: init.inputsDigest,
    createdAt: init.createdAt.toISOString(),
    options: savedPlanOptions(init.options),
    plan,
  } as const;
  return { ...unsealed, mac: planSeal(init.options.hmacKey, savedPlanDocument(unsealed)) };
}

/**
 * Writes the saved plan atomically (temp file + rename), readable by the owner only, to a regular
 * file or a new path (anything else is a UserError: see write-file-safely.ts).
 */
export async function savePlan(file: string, saved: SavedPlan, cwd?: string): Promise<void> {
  const target = cwd === undefined ? path.resolve(file) : path.resolve(cwd, file);
  await writeFileSafely(target, `the plan to ${file}`, printableJson(savedPlanDocument(saved)));
}

/** Refuses an unusable `--out` before any work (savePlan checks again when it writes). */
export async function checkPlanOut(file: string, cwd: string): Promise<void> {
  await checkOutputTarget(path.resolve(cwd, file), `the plan to ${file}`);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** A plan action's `location`: what the renderers print of a saved plan must be what they expect. */
function isLocation(v: unknown): boolean {
  return isRecord(v) && typeof v['file'] === 'string' && Number.isSafeInteger(v['line']);
}

/** `writes` of a replace: what the plan lists for the reviewer (the applier works it out again). */
function isWriteList(v: unknown): boolean {
  return (
    Array.isArray(v) &&
    v.every(
      (w) =>
        isRecord(w) &&
        typeof w['type'] === 'string' &&
        typeof w['id'] === 'string' &&
        typeof w['what'] === 'string',
    )
  );
}

const ACTION_TYPES = new Set(['create', 'update', 'replace', 'delete', 'noop']);
const WRITING_TYPES = new Set(['create', 'update', 'replace']);

/**
 * The payload (`desired`) of a well-formed action, against its kind's shape (src/kinds/registry.ts):
 * present on every action that writes (a noop tag may carry one too), of the kind's fields, secrets
 * as secret references. A payload that is not what this tool wrote could write what nobody reviewed.
 */
function payloadProblems(a: Record<string, unknown>, i: number): string[] {
  const at = `\`plan.actions[${i}].desired\` (${JSON.stringify(a['id'])})`;
  const type = a['type'] as string;
  if (a['desired'] === undefined) {
    return WRITING_TYPES.has(type) ? [`${at}: missing; a ${type} action needs the object it writes`] : [];
  }
  const problems: string[] = [];
  registry.get(a['kind'] as ResourceKind).payload.check(a['desired'], at, problems);
  return problems;
}

/** Shape problems of a parsed plan value (empty when it looks like a Plan). */
function planProblems(plan: unknown): string[] {
  if (!isRecord(plan)) return ['`plan` is not an object'];
  const problems: string[] = [];
  if (typeof plan['namespace'] !== 'string') problems.push('`plan.namespace` is not a string');
  if (typeof plan['maxDeletes'] !== 'number') problems.push('`plan.max_deletes` is not a number');
  for (const key of ['actions', 'errors', 'warnings', 'destructive', 'managedKinds']) {
    if (!Array.isArray(plan[key])) problems.push(`\`plan.${snakeKey(key)}\` is not a list`);
  }
  const actions = Array.isArray(plan['actions']) ? plan['actions'] : [];
  actions.forEach((a: unknown, i) => {
    const ok =
      isRecord(a) &&
      typeof a['id'] === 'string' &&
      typeof a['name'] === 'string' &&
      typeof a['kind'] === 'string' &&
      registry.has(a['kind']) &&
      ACTION_TYPES.has(a['type'] as string) &&
      Array.isArray(a['dependsOn']) &&
      Array.isArray(a['changes']) &&
      typeof a['destructive'] === 'boolean' &&
      typeof a['protected'] === 'boolean' &&
      (a['location'] === undefined || isLocation(a['location'])) &&
      (a['writes'] === undefined || isWriteList(a['writes']));
    if (!ok) problems.push(`\`plan.actions[${i}]\` is not a plan action`);
    else problems.push(...payloadProblems(a, i));
  });
  return problems.slice(0, 5);
}

/** Fields whose values are user data, kept as written when the keys are read back. */
const DATA_KEYS: ReadonlySet<string> = new Set([...PAYLOAD_DATA_KEYS, 'before', 'after']);

/**
 * The saved plan's fields with the program's names (the file's snake_case keys read back), once its
 * format and tool version are this one's.
 */
function savedPlanValue(file: string, parsed: unknown): Record<string, unknown> {
  if (isRecord(parsed) && 'formatVersion' in parsed) {
    throw new SafetyError(
      `${file} was saved by an earlier streamkap-gitops (plan format ${JSON.stringify(parsed['formatVersion'])}); this version reads plan format ${PLAN_FORMAT_VERSION}`,
      { hint: 'run `plan --out` again with this version, then apply that plan' },
    );
  }
  if (!isRecord(parsed) || !('format_version' in parsed)) {
    throw new UserError(`${file} is not a saved plan (no format_version)`, {
      hint: 'pass the file written by `plan --out`',
    });
  }
  if (parsed['format_version'] !== PLAN_FORMAT_VERSION) {
    throw new SafetyError(
      `${file} has plan format version ${JSON.stringify(parsed['format_version'])}; this version of streamkap-gitops reads version ${PLAN_FORMAT_VERSION}`,
      { hint: 'run `plan --out` again with this version' },
    );
  }
  if (parsed['tool_version'] !== TOOL_VERSION) {
    throw new SafetyError(
      `${file} was made by streamkap-gitops ${JSON.stringify(parsed['tool_version'])}; this is ${TOOL_VERSION}`,
      { hint: 'plan and apply with the same version: run `plan --out` again' },
    );
  }
  return renameKeys(parsed, camelKey, DATA_KEYS) as Record<string, unknown>;
}

/** Refuses (exit 3) a saved plan whose seal is missing or does not match its content under `key`. */
function checkSeal(file: string, parsed: Record<string, unknown>, key: string): void {
  const { mac, ...content } = parsed;
  const hint =
    'make and review a new plan with `plan --out`, with the same STREAMKAP_GITOPS_PLAN_KEY (or client secret) as apply; never edit the file';
  if (typeof mac !== 'string') {
    throw new SafetyError(
      `${file} carries no seal (mac), so it cannot be proven unedited; nothing was applied`,
      {
        hint,
      },
    );
  }
  if (mac !== planSeal(key, content)) {
    throw new SafetyError(
      `${file} does not match its seal: it was edited after \`plan --out\`, or sealed with another plan key; nothing was applied`,
      { hint },
    );
  }
}

/**
 * Reads a saved plan. Unreadable or malformed files are a UserError (exit 4); a plan written by
 * another format or tool version is refused with a SafetyError (exit 3): its meaning may differ.
 */
export async function loadSavedPlan(file: string, key: string, cwd?: string): Promise<SavedPlan> {
  let text: string;
  try {
    text = await readFile(cwd === undefined ? path.resolve(file) : path.resolve(cwd, file), 'utf8');
  } catch (cause) {
    throw new UserError(`Cannot read the saved plan ${file}: ${(cause as Error).message}`, {
      cause,
      hint: 'pass the file written by `plan --out`',
    });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    throw new UserError(`${file} is not JSON: ${(cause as Error).message}`, {
      cause,
      hint: 'pass the file written by `plan --out`',
    });
  }
  const saved = savedPlanValue(file, parsed);
  checkSeal(file, parsed as Record<string, unknown>, key);
  const problems = [
    ...(typeof saved['inputsDigest'] === 'string' ? [] : ['`inputs_digest` is not a string']),
    ...(typeof saved['createdAt'] === 'string' ? [] : ['`created_at` is not a string']),
    ...(isRecord(saved['options']) ? [] : ['`options` is not an object']),
    ...(typeof saved['mac'] === 'string' ? [] : ['`mac` is not a string']),
    ...planProblems(saved['plan']),
  ];
  if (problems.length > 0) {
    throw new UserError(`${file} is not a valid saved plan: ${problems.join('; ')}`, {
      hint: 'run `plan --out` again; do not edit the file by hand',
    });
  }
  // NOTE: the shape was checked field by field above; the plan is data this tool wrote.
  return saved as unknown as SavedPlan;
}
