/**
 * Every behaviour switch and fault knob of the emulator in one value. The same partial shape is
 * accepted by `createEmulator(options)`, by `emulator.configure()` and by `POST /__emulator/faults`,
 * so tests, the CLI and the demo change behaviour the same way.
 */

import { DEFAULT_HEALTH_SETTINGS, HEALTH_CHECKS, type HealthSettings } from './health-settings.js';

/** How a secret is withheld when `secret_returned` is not true (ASSUMED upstream, so all three exist). */
export type SecretMaskMode = 'omit' | 'null' | 'mask';
/** Which config scalars read back string-encoded. */
export type StringEncodingMode = 'defaults' | 'all' | 'none';
/** How a string-encoded boolean reads back: `"true"`, `"1"` or `"yes"` (and their false forms). */
export type BooleanText = 'true-false' | '1-0' | 'yes-no';

/** A fault rule scoped to a method and/or a route (`/sources/{id}`) or literal path. */
export interface FaultRule {
  method?: string;
  /** Route pattern (`/sources/{id}`), literal path (`/sources/abc`) or `*`. */
  path?: string;
  latencyMs?: number;
  jitterMs?: number;
  /** Probability (0..1) of a random 500/502/503/504 with a string detail. */
  errorRate?: number;
  /** Probability of a 429. */
  rateLimitRate?: number;
  /** Probability of an HTML 502/504 page. */
  htmlErrorRate?: number;
  /** Probability that a write is applied and then answered with a failure. */
  commitThenFailRate?: number;
}

/** "Fail the next `count` calls to METHOD path with status X" (consumed in order). */
export interface OneShot {
  method?: string;
  path?: string;
  count: number;
  /** HTTP status to answer; ignored for `drop`. */
  status?: number;
  /**
   * json: string detail; html: gateway page; drop: destroy the connection;
   * commit-then-fail: run the handler then answer `status` (default 504); commit-then-drop likewise.
   */
  body?: 'json' | 'html' | 'drop' | 'commit-then-fail' | 'commit-then-drop';
  detail?: string;
  /** Seconds for a Retry-After header (429). */
  retryAfter?: number;
}

/** Health endpoint knobs (overrides, 403s, response-shape variants) live in health-settings.ts. */
export interface EmulatorSettings extends HealthSettings {
  /** Seconds: `expiresIn` of issued access tokens. */
  tokenLifetimeSeconds: number;
  /** Refresh calls answer 401 (forces the client back to a full exchange). */
  rejectRefresh: boolean;
  /** Refresh issues a new refresh token and invalidates the old one. */
  rotateRefreshTokens: boolean;
  secretMask: SecretMaskMode;
  stringEncoding: StringEncodingMode;
  /** The text of string-encoded booleans (which ones are string-encoded: `stringEncoding`). */
  booleanText: BooleanText;
  /**
   * The quickstart's short keys (`database.hostname`, `table.include.list`) are the field itself: a
   * create or update may send them instead of the `.user.defined` key, they are stored and read back
   * as sent, and the `.user.defined` default is not filled in next to them (api-notes §5.2).
   */
  quickstartKeys: boolean;
  /** Reads a `wait=false` write shows its transient status before Active. */
  settleReads: number;
  /** Milliseconds after which a `wait=false` write shows Active regardless of reads; null = reads only. */
  settleDelayMs: number | null;
  /** PUT config: replace the stored config, or merge keys into it. */
  putConfig: 'replace' | 'merge';
  /** GET by unknown id: 200 with an empty envelope, or 404. */
  missingById: 'empty' | '404';
  /** page_size above 100: 422 validation error, or clamp to 100. */
  pageSizeOver100: 'reject' | 'clamp';
  /** Deleting a source/destination/transform still used by a pipeline: refuse (409), cascade, or orphan. */
  referencedDelete: 'refuse' | 'cascade' | 'orphan';
  /** job_status polls answering DEPLOYING after a deploy before RUNNING. */
  deployPolls: number;
  /** How long a snapshot "runs" (409 for another one meanwhile); null = until stopped. */
  snapshotDurationMs: number | null;
  /** Names that collide on create but never list (a namesake in a sibling service). */
  hiddenNames: { source: string[]; destination: string[] };
  /**
   * Sources, destinations, transforms and pipelines accept a name that is already taken (the real API
   * refuses it), so tests can make the live duplicates the planner and the post-apply check refuse.
   * Tags still refuse one: the namespace lock relies on it.
   */
  allowDuplicateNames: boolean;
  /** Unknown tag ids in an entity's `tags` give 400. */
  validateTagIds: boolean;
  /** Missing required catalogue keys on create give a 422 array. */
  requireConfigKeys: boolean;
  /** `GET /tags` pages like the lists (`page`, `page_size` of this default, `total`, `has_next`); null = unpaged. */
  tagsPageSize: number | null;
  /** Transform list rows carry `implementation` (false: only GET by id does). */
  listImplementation: boolean;
  /** `secret_returned=true` returns plaintext (false: secrets are withheld as without it). */
  secretReturnedHonoured: boolean;
  /** Which start-snapshot spellings exist: both, `/sources/snapshot` only, or `/sources/execute_incremental_snapshot` only. */
  snapshotRoutes: 'both' | 'snapshot' | 'execute';
  /** Seconds added to the clock of the `Date` response header (a server clock ahead of, or behind, the client's). */
  clockSkewSeconds: number;
  // --- fault knobs (all routes; `rules` narrow them) ---
  latencyMs: number;
  jitterMs: number;
  errorRate: number;
  rateLimitRate: number;
  /** Retry-After seconds on 429s; null sends none. */
  retryAfterSeconds: number | null;
  htmlErrorRate: number;
  commitThenFailRate: number;
  commitThenFailMode: '504' | 'drop';
  rules: FaultRule[];
  oneShots: OneShot[];
}

export const DEFAULT_SETTINGS: EmulatorSettings = {
  tokenLifetimeSeconds: 3600,
  rejectRefresh: false,
  rotateRefreshTokens: true,
  secretMask: 'mask',
  stringEncoding: 'defaults',
  booleanText: 'true-false',
  quickstartKeys: false,
  settleReads: 2,
  settleDelayMs: null,
  putConfig: 'replace',
  missingById: 'empty',
  pageSizeOver100: 'reject',
  referencedDelete: 'refuse',
  deployPolls: 2,
  snapshotDurationMs: 30_000,
  hiddenNames: { source: [], destination: [] },
  allowDuplicateNames: false,
  validateTagIds: true,
  requireConfigKeys: false,
  tagsPageSize: null,
  listImplementation: true,
  secretReturnedHonoured: true,
  snapshotRoutes: 'both',
  clockSkewSeconds: 0,
  latencyMs: 0,
  jitterMs: 0,
  errorRate: 0,
  rateLimitRate: 0,
  retryAfterSeconds: 1,
  htmlErrorRate: 0,
  commitThenFailRate: 0,
  commitThenFailMode: '504',
  rules: [],
  oneShots: [],
  ...DEFAULT_HEALTH_SETTINGS,
};

export function cloneSettings(s: EmulatorSettings): EmulatorSettings {
  return structuredClone(s);
}

type Check = (v: unknown) => boolean;

const isString: Check = (v) => typeof v === 'string';
const RULE_KEYS: Record<string, Check> = {
  method: isString,
  path: isString,
  latencyMs: (v) => isNum(v),
  jitterMs: (v) => isNum(v),
  errorRate: (v) => isRate(v),
  rateLimitRate: (v) => isRate(v),
  htmlErrorRate: (v) => isRate(v),
  commitThenFailRate: (v) => isRate(v),
};
const ONE_SHOT_KEYS: Record<string, Check> = {
  method: isString,
  path: isString,
  count: (v) => isNum(v) && (v as number) >= 1,
  status: (v) => typeof v === 'number' && Number.isInteger(v) && v >= 100 && v <= 599,
  body: (v) =>
    typeof v === 'string' && ['json', 'html', 'drop', 'commit-then-fail', 'commit-then-drop'].includes(v),
  detail: isString,
  retryAfter: (v) => isNum(v),
};

/** Problems of one `rules`/`oneShots` entry: unknown keys, bad values, a missing one-shot count. */
function entryProblems(entry: unknown, keys: Record<string, Check>): string[] {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return ['not an object'];
  const problems = Object.entries(entry).flatMap(([k, v]) => (keys[k]?.(v) ? [] : [k]));
  if (keys === ONE_SHOT_KEYS && !('count' in entry)) problems.push('count');
  return problems;
}
const isNum: Check = (v) => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const isRate: Check = (v) => isNum(v) && (v as number) <= 1;
const isBool: Check = (v) => typeof v === 'boolean';
const isNumOrNull: Check = (v) => v === null || isNum(v);
const oneOf =
  (...values: string[]): Check =>
  (v) =>
    typeof v === 'string' && values.includes(v);
const isArray: Check = (v) => Array.isArray(v);
const isObject: Check = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);

const CHECKS: Record<keyof EmulatorSettings, Check> = {
  tokenLifetimeSeconds: isNum,
  rejectRefresh: isBool,
  rotateRefreshTokens: isBool,
  secretMask: oneOf('omit', 'null', 'mask'),
  stringEncoding: oneOf('defaults', 'all', 'none'),
  booleanText: oneOf('true-false', '1-0', 'yes-no'),
  quickstartKeys: isBool,
  settleReads: isNum,
  settleDelayMs: isNumOrNull,
  putConfig: oneOf('replace', 'merge'),
  missingById: oneOf('empty', '404'),
  pageSizeOver100: oneOf('reject', 'clamp'),
  referencedDelete: oneOf('refuse', 'cascade', 'orphan'),
  deployPolls: isNum,
  snapshotDurationMs: isNumOrNull,
  hiddenNames: isObject,
  allowDuplicateNames: isBool,
  validateTagIds: isBool,
  requireConfigKeys: isBool,
  tagsPageSize: (v) => v === null || (typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 100),
  listImplementation: isBool,
  secretReturnedHonoured: isBool,
  snapshotRoutes: oneOf('both', 'snapshot', 'execute'),
  clockSkewSeconds: (v) => typeof v === 'number' && Number.isFinite(v),
  latencyMs: isNum,
  jitterMs: isNum,
  errorRate: isRate,
  rateLimitRate: isRate,
  retryAfterSeconds: isNumOrNull,
  htmlErrorRate: isRate,
  commitThenFailRate: isRate,
  commitThenFailMode: oneOf('504', 'drop'),
  rules: (v) => isArray(v) && (v as unknown[]).every((r) => entryProblems(r, RULE_KEYS).length === 0),
  oneShots: (v) => isArray(v) && (v as unknown[]).every((o) => entryProblems(o, ONE_SHOT_KEYS).length === 0),
  ...HEALTH_CHECKS,
};

/**
 * Checks an untrusted partial (control endpoint body) and returns the problems, one per bad key.
 * Unknown keys are problems too: a typo in a fault name must not silently do nothing.
 */
export function settingsProblems(input: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const [key, value] of Object.entries(input)) {
    const check = (CHECKS as Record<string, Check | undefined>)[key];
    if (!check) problems.push(`unknown setting "${key}" (known: ${Object.keys(CHECKS).join(', ')})`);
    else if (!check(value)) problems.push(`invalid value for "${key}": ${JSON.stringify(value)}`);
  }
  return problems;
}

/** Applies a (checked) partial onto settings; `hiddenNames` merges per kind. */
export function mergeSettings(base: EmulatorSettings, patch: Partial<EmulatorSettings>): EmulatorSettings {
  const next = { ...base, ...patch };
  if (patch.hiddenNames) {
    next.hiddenNames = {
      source: [...(patch.hiddenNames.source ?? base.hiddenNames.source)],
      destination: [...(patch.hiddenNames.destination ?? base.hiddenNames.destination)],
    };
  }
  if (patch.rules) next.rules = patch.rules.map((r) => ({ ...r }));
  if (patch.oneShots) next.oneShots = patch.oneShots.map((o) => ({ ...o }));
  if (patch.healthOverrides) next.healthOverrides = structuredClone(patch.healthOverrides);
  if (patch.forbiddenMetrics) next.forbiddenMetrics = [...patch.forbiddenMetrics];
  return next;
}
