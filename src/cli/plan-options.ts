/**
 * The planning options (`PlanOptions`) a run plans with: from the command's flags, and to and from
 * the `options` of a saved plan, so `apply --plan` (and its check after applying) plans as `plan --out`
 * did. The HMAC key is never saved: each run derives it (plan-io.ts, `planKeyFromEnv`).
 */
import { UserError } from '../errors/index.js';
import type { JsonValue, ResourceKey } from '../model/index.js';
import type { PlanOptions } from '../planner/index.js';
import type { PlanningFlags } from './flags.js';

export function planOptionsFrom(flags: PlanningFlags, hmacKey: string): PlanOptions {
  return {
    hmacKey,
    adopt: flags.adopt,
    adoptFrom: flags.adoptFrom,
    targets: flags.target,
    excludes: flags.exclude,
    resendSecrets: flags.resendSecrets,
    ...(flags.maxDeletes === undefined ? {} : { maxDeletes: flags.maxDeletes }),
  };
}

/** `--adopt-from` naming the manifests' own namespace is a mistake: say so (exit 4). */
export function checkAdoptFrom(options: PlanOptions, namespace: string): void {
  if (!(options.adoptFrom ?? []).includes(namespace)) return;
  throw new UserError(`--adopt-from ${namespace} names the manifests' own namespace`, {
    hint: '--adopt-from takes objects from another namespace; objects this namespace owns need no flag',
  });
}

/** The options as a saved plan records them. */
export function savedPlanOptions(options: PlanOptions): { [key: string]: JsonValue } {
  return {
    adopt: options.adopt === true,
    adoptFrom: [...(options.adoptFrom ?? [])],
    maxDeletes: options.maxDeletes ?? null,
    targets: [...(options.targets ?? [])],
    excludes: [...(options.excludes ?? [])],
    resendSecrets: options.resendSecrets === true,
  };
}

/** A saved plan's options read back; a missing or mistyped entry takes the default. */
export function planOptionsFromSaved(saved: Readonly<Record<string, unknown>>, hmacKey: string): PlanOptions {
  const strings = (v: unknown): string[] =>
    Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  const keys = (v: unknown): ResourceKey[] => strings(v) as ResourceKey[];
  return {
    hmacKey,
    adopt: saved['adopt'] === true,
    adoptFrom: strings(saved['adoptFrom']),
    targets: keys(saved['targets']),
    excludes: keys(saved['excludes']),
    resendSecrets: saved['resendSecrets'] === true,
    ...(typeof saved['maxDeletes'] === 'number' ? { maxDeletes: saved['maxDeletes'] } : {}),
  };
}
