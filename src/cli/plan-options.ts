/**
 * The planning options (`PlanOptions`) a run plans with: from the command's flags, and to and from
 * the `options` of a saved plan, so `apply --plan` (and its check after applying) plans as `plan --out`
 * did. The HMAC key is never saved: each run derives it (plan-io.ts, `planKeyFromEnv`).
 */
import type { JsonValue, ResourceKey } from '../model/index.js';
import type { PlanOptions } from '../planner/index.js';
import type { PlanningFlags } from './flags.js';

export function planOptionsFrom(flags: PlanningFlags, hmacKey: string): PlanOptions {
  return {
    hmacKey,
    adopt: flags.adopt,
    targets: flags.target,
    excludes: flags.exclude,
    resendSecrets: flags.resendSecrets,
    ...(flags.maxDeletes === undefined ? {} : { maxDeletes: flags.maxDeletes }),
  };
}

/** The options as a saved plan records them. */
export function savedPlanOptions(options: PlanOptions): { [key: string]: JsonValue } {
  return {
    adopt: options.adopt === true,
    maxDeletes: options.maxDeletes ?? null,
    targets: [...(options.targets ?? [])],
    excludes: [...(options.excludes ?? [])],
    resendSecrets: options.resendSecrets === true,
  };
}

/** A saved plan's options read back; a missing or mistyped entry takes the default. */
export function planOptionsFromSaved(saved: Readonly<Record<string, unknown>>, hmacKey: string): PlanOptions {
  const keys = (v: unknown): ResourceKey[] =>
    Array.isArray(v) ? (v.filter((x) => typeof x === 'string') as ResourceKey[]) : [];
  return {
    hmacKey,
    adopt: saved['adopt'] === true,
    targets: keys(saved['targets']),
    excludes: keys(saved['excludes']),
    resendSecrets: saved['resendSecrets'] === true,
    ...(typeof saved['maxDeletes'] === 'number' ? { maxDeletes: saved['maxDeletes'] } : {}),
  };
}
