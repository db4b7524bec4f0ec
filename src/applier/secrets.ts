/**
 * A plan holds no secret, only SecretRef `{"$secret": {"ref": "env:NAME", "hmac": "<hex>"}}`. Before
 * anything is written, every ref is read again from the environment and its HMAC under the plan key
 * compared with the plan's: a different value means the secret changed since the plan was reviewed,
 * and the apply is refused (nothing written). Checked up front for the whole plan.
 */
import { SafetyError, UserError } from '../errors/index.js';
import { SecretValue, isSecret } from '../model/index.js';
import type { LiveResource, Plan, PlanAction, ResolvedPayload } from '../model/index.js';
import { hmacSecret } from '../planner/secret-hmac.js';

export type Env = Readonly<Record<string, string | undefined>>;

interface RefShape {
  readonly ref: string | null;
  readonly hmac: string;
}

function secretRefOf(v: unknown): RefShape | undefined {
  if (typeof v !== 'object' || v === null || Array.isArray(v) || isSecret(v)) return undefined;
  const inner = (v as { $secret?: unknown }).$secret;
  if (typeof inner !== 'object' || inner === null) return undefined;
  const { ref, hmac } = inner as { ref?: unknown; hmac?: unknown };
  if (typeof hmac !== 'string' || (ref !== null && typeof ref !== 'string')) return undefined;
  return { ref, hmac };
}

export interface SecretSource {
  readonly env: Env;
  readonly planKey: string;
  /** The live object of the action, for refs without an env name (the value stays what it is). */
  readonly liveFor: (action: PlanAction) => LiveResource | undefined;
}

function liveSecret(live: LiveResource | undefined, path: readonly string[]): SecretValue | undefined {
  if (!live || path[0] !== 'config' || path.length !== 2 || !('config' in live)) return undefined;
  const v = live.config[path[1] as string];
  return isSecret(v) ? v : undefined;
}

function resolveOne(
  ref: RefShape,
  action: PlanAction,
  path: readonly string[],
  src: SecretSource,
): SecretValue {
  const where = `${action.id} ${path.join('.')}`;
  let plaintext: string | undefined;
  if (ref.ref !== null && ref.ref.startsWith('env:')) {
    const name = ref.ref.slice(4);
    plaintext = src.env[name];
    if (plaintext === undefined) {
      throw new UserError(`${where}: environment variable ${name} is not set`, {
        hint: `export ${name} with the same value it had when the plan was made`,
      });
    }
  } else {
    plaintext = liveSecret(src.liveFor(action), path)?.reveal();
    if (plaintext === undefined) {
      throw new UserError(
        `${where}: the plan refers to a secret (${ref.ref ?? 'live value'}) that cannot be resolved`,
      );
    }
  }
  if (hmacSecret(src.planKey, plaintext) !== ref.hmac) {
    throw new SafetyError(
      `${where}: the secret ${ref.ref ?? ''} changed since the plan was made; nothing was applied`.replace(
        / +/g,
        ' ',
      ),
      {
        hint:
          're-run plan (and review it) with the current secrets, or restore the value the plan was made with. ' +
          'If no secret changed, the plan key differs: plan and apply must run with the same ' +
          'STREAMKAP_GITOPS_PLAN_KEY (or, when it is unset, the same STREAMKAP_CLIENT_SECRET)',
      },
    );
  }
  return new SecretValue(plaintext, ref.ref ?? undefined);
}

function walk(value: unknown, action: PlanAction, path: string[], src: SecretSource): unknown {
  const ref = secretRefOf(value);
  if (ref) return resolveOne(ref, action, path, src);
  if (Array.isArray(value)) return value.map((v, i) => walk(v, action, [...path, String(i)], src));
  if (typeof value === 'object' && value !== null && !isSecret(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, action, [...path, k], src)]));
  }
  return value;
}

/** The desired object of an action with every SecretRef replaced by its checked SecretValue. */
export function resolveDesired(action: PlanAction, src: SecretSource): ResolvedPayload {
  // NOTE: the walk replaces exactly the SecretRefs, so the payload keeps its kind's shape with
  // SecretValue where SecretRef was (the shape the planner built, checked again when a plan is loaded).
  return walk(action.desired ?? {}, action, [], src) as ResolvedPayload;
}

/** Resolves every action's secrets before the first write; throws at the first mismatch. */
export function resolvePlanSecrets(plan: Plan, src: SecretSource): Map<string, ResolvedPayload> {
  const out = new Map<string, ResolvedPayload>();
  for (const action of plan.actions) {
    if (action.type === 'noop' || action.type === 'delete') continue;
    out.set(action.id, resolveDesired(action, src));
  }
  return out;
}
