/**
 * Fault injection (api-notes §8 (fault knobs)): latency, random 5xx/429/HTML errors, commit-then-fail and scripted
 * one-shots. Decisions use the seeded RNG so a failing run replays with the same seed.
 */
import { detail, htmlError, type Reply } from './http.js';
import type { Rng } from './rng.js';
import type { EmulatorSettings, FaultRule, OneShot } from './settings.js';
import type { EmulatorResponse } from './types.js';

export interface FaultTarget {
  readonly method: string;
  /** Matched route pattern, or the literal path when no route matched. */
  readonly pattern: string;
  readonly path: string;
  readonly write: boolean;
}

/** What happens after the handler ran: the write stays applied, the answer is lost. */
export type AfterFault = { readonly kind: 'status'; readonly status: number } | { readonly kind: 'drop' };

export interface FaultDecision {
  readonly latencyMs: number;
  /** Answer this instead of running the handler. */
  readonly before?: EmulatorResponse;
  readonly after?: AfterFault;
}

type Knobs = Required<Omit<FaultRule, 'method' | 'path'>>;

const TRANSIENT_DETAILS: Record<number, readonly string[]> = {
  500: [
    'Kafka Connect API call failed with status code 500: Request timed out',
    'KafkaConnectTimeout: the connector operation did not complete in time',
    'Internal Server Error',
  ],
  502: ['Bad Gateway'],
  503: ['Service Unavailable', 'Kafka Connect API call failed: rebalance is expected'],
  504: ['Gateway Timeout'],
};

function matches(rule: { method?: string; path?: string }, t: FaultTarget): boolean {
  if (rule.method && rule.method.toUpperCase() !== t.method) return false;
  if (!rule.path || rule.path === '*') return true;
  if (rule.path.endsWith('*')) return t.path.startsWith(rule.path.slice(0, -1));
  return rule.path === t.pattern || rule.path === t.path;
}

function knobsFor(s: EmulatorSettings, t: FaultTarget): Knobs {
  const k: Knobs = {
    latencyMs: s.latencyMs,
    jitterMs: s.jitterMs,
    errorRate: s.errorRate,
    rateLimitRate: s.rateLimitRate,
    htmlErrorRate: s.htmlErrorRate,
    commitThenFailRate: s.commitThenFailRate,
  };
  // NOTE: later matching rules override earlier ones and the global values, knob by knob.
  for (const rule of s.rules) {
    if (!matches(rule, t)) continue;
    for (const key of Object.keys(k) as (keyof Knobs)[]) {
      const v = rule[key];
      if (typeof v === 'number') k[key] = v;
    }
  }
  return k;
}

function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[rng.int(items.length)] as T;
}

export function transientError(rng: Rng, status?: number): Reply {
  const code = status ?? pick(rng, [500, 502, 503, 504]);
  return detail(code, pick(rng, TRANSIENT_DETAILS[code] ?? ['Internal Server Error']));
}

export function rateLimited(retryAfterSeconds: number | null): Reply {
  const headers: Record<string, string> = {};
  if (retryAfterSeconds !== null) headers['retry-after'] = String(retryAfterSeconds);
  return detail(429, 'Too Many Requests', headers);
}

function oneShotDecision(shot: OneShot, t: FaultTarget): Omit<FaultDecision, 'latencyMs'> {
  const status = shot.status ?? 504;
  switch (shot.body) {
    case 'drop':
      return { before: { kind: 'drop' } };
    case 'html':
      return { before: htmlError(status) };
    case 'commit-then-fail':
      return t.write ? { after: { kind: 'status', status } } : { before: detail(status, 'Gateway Timeout') };
    case 'commit-then-drop':
      return t.write ? { after: { kind: 'drop' } } : { before: { kind: 'drop' } };
    default: {
      if (status === 429) {
        const r = rateLimited(shot.retryAfter ?? null);
        return { before: shot.detail ? { ...r, body: JSON.stringify({ detail: shot.detail }) } : r };
      }
      const headers: Record<string, string> = {};
      if (shot.retryAfter !== undefined) headers['retry-after'] = String(shot.retryAfter);
      return { before: detail(status, shot.detail ?? TRANSIENT_DETAILS[status]?.[0] ?? 'Error', headers) };
    }
  }
}

/** Consumes the first matching one-shot, if any. */
function takeOneShot(s: EmulatorSettings, t: FaultTarget): OneShot | undefined {
  const idx = s.oneShots.findIndex((o) => o.count > 0 && matches(o, t));
  if (idx < 0) return undefined;
  const shot = s.oneShots[idx] as OneShot;
  shot.count -= 1;
  if (shot.count <= 0) s.oneShots.splice(idx, 1);
  return shot;
}

export function decideFaults(s: EmulatorSettings, rng: Rng, t: FaultTarget): FaultDecision {
  const k = knobsFor(s, t);
  const latencyMs = k.latencyMs + (k.jitterMs > 0 ? rng.next() * k.jitterMs : 0);
  const shot = takeOneShot(s, t);
  if (shot) return { latencyMs, ...oneShotDecision(shot, t) };
  if (k.rateLimitRate > 0 && rng.next() < k.rateLimitRate) {
    return { latencyMs, before: rateLimited(s.retryAfterSeconds) };
  }
  if (k.htmlErrorRate > 0 && rng.next() < k.htmlErrorRate) {
    return { latencyMs, before: htmlError(pick(rng, [502, 504])) };
  }
  if (k.errorRate > 0 && rng.next() < k.errorRate) return { latencyMs, before: transientError(rng) };
  if (t.write && k.commitThenFailRate > 0 && rng.next() < k.commitThenFailRate) {
    const after: AfterFault =
      s.commitThenFailMode === 'drop' ? { kind: 'drop' } : { kind: 'status', status: 504 };
    return { latencyMs, after };
  }
  return { latencyMs };
}
