/**
 * One API call end to end: control hooks, route match, faults (latency, errors before the handler,
 * commit-then-fail after it), bearer check, body parsing, handler, stats and `X-Request-Id`.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Auth } from './auth.js';
import { CONTROL_PREFIX, handleControl, type ControlTarget } from './control.js';
import { decideFaults, type FaultDecision } from './faults.js';
import { detail, parseJsonBody, type Reply } from './http.js';
import type { Rng } from './rng.js';
import type { RouteMatch, Router, ServerEnv } from './router.js';
import type { StatsRecorder } from './stats.js';
import type { EmulatorRequest, EmulatorResponse } from './types.js';

export interface DispatchDeps {
  readonly env: ServerEnv;
  readonly router: Router;
  readonly auth: Auth;
  readonly stats: StatsRecorder;
  readonly faultRng: Rng;
  readonly control: ControlTarget;
  /** After a successful write (persistence, read caches). */
  readonly changed: () => void;
  /** Before a write runs, so its echo is not served from a read cache of the previous state. */
  readonly invalidate: () => void;
  /** Injected latency's pause (default: a real timer). */
  readonly sleep?: (ms: number) => Promise<void>;
}

function withRequestId(res: Reply, requestId: string): Reply {
  return { ...res, headers: { ...res.headers, 'x-request-id': requestId } };
}

/** `X-Request-Id`, and a `Date` from the emulator's clock (`clockSkewSeconds` ahead of it). */
function stamped(res: Reply, requestId: string, env: ServerEnv): Reply {
  const date = new Date(env.now() + env.settings().clockSkewSeconds * 1000).toUTCString();
  return { ...res, headers: { ...res.headers, 'x-request-id': requestId, date } };
}

async function run(
  d: DispatchDeps,
  req: EmulatorRequest,
  match: RouteMatch | undefined,
  decision: FaultDecision,
): Promise<EmulatorResponse> {
  if (!match) {
    return d.router.pathExists(req.path) ? detail(405, 'Method Not Allowed') : detail(404, 'Not Found');
  }
  if (!match.route.pattern.startsWith('/auth/access-token')) {
    const denied = d.auth.check(req.headers['authorization']);
    if (denied) return denied;
  }
  const parsed = parseJsonBody(req.body);
  if (!parsed.ok) return parsed.reply;
  const call = { env: d.env, req, params: match.params, query: req.query, body: parsed.value };
  let reply: Reply;
  if (match.route.write) d.invalidate();
  try {
    reply = await match.route.handler(call);
  } catch (error) {
    // NOTE: a bug in the emulator (or input it does not foresee) must still look like an HTTP answer.
    const message = error instanceof Error ? error.message : String(error);
    return detail(500, `Emulator internal error in ${match.route.method} ${match.route.pattern}: ${message}`);
  }
  const succeeded = reply.status < 300;
  if (match.route.write && succeeded) d.changed();
  if (decision.after && match.route.write && succeeded) {
    // NOTE: the write stays applied; only the answer is lost (what a gateway 504 after commit looks like).
    return decision.after.kind === 'drop'
      ? { kind: 'drop' }
      : detail(decision.after.status, 'Gateway Timeout');
  }
  return reply;
}

export function createDispatcher(d: DispatchDeps): (req: EmulatorRequest) => Promise<EmulatorResponse> {
  return async (req) => {
    const requestId = randomUUID();
    if (req.path.startsWith(CONTROL_PREFIX)) {
      return withRequestId(handleControl(d.control, req.method, req.path, req.body), requestId);
    }
    const match = d.router.match(req.method, req.path);
    const pattern = match?.route.pattern ?? req.path;
    const write = match?.route.write ?? false;
    const target = { method: req.method, pattern, path: req.path, write };
    const decision = decideFaults(d.env.settings(), d.faultRng, target);
    if (decision.latencyMs > 0) await (d.sleep ?? sleep)(decision.latencyMs);
    const res = decision.before ?? (await run(d, req, match, decision));
    d.stats.record({
      method: req.method,
      path: req.path,
      route: match ? pattern : '(unmatched)',
      status: res.kind === 'drop' ? 0 : res.status,
      requestId,
    });
    return res.kind === 'drop' ? res : stamped(res, requestId, d.env);
  };
}
