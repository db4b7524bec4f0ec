/**
 * `doctor`: connect, then every read check in order, then (with manifests) the manifests against
 * the account, then (with --probe-writes) the write probes; the report is a value the renderers
 * print. Checks run one after another: a few dozen reads, and a report that reads the same on
 * every run.
 */
import type { ApiClient } from '../api/types.js';
import type { DesiredState } from '../model/index.js';
import { runCheck, type ObservedFacts, type ReadCheck, type ReadContext } from './check.js';
import { clockSkewCheck, connect, tokenLifetimeCheck, type ConnectionInfo } from './checks/connection.js';
import { configEncodingCheck, shortKeysCheck } from './checks/configs.js';
import { consumerGroupsCheck, pipelineMetricsCheck, sourceMetricsCheck } from './checks/health.js';
import { getByIdCheck, listEnvelopeCheck, pageSizeLimitCheck, pagingCheck } from './checks/lists.js';
import { secretsEmbeddedCheck, secretsReturnedCheck, secretsWithheldCheck } from './checks/secrets.js';
import { tagsListCheck } from './checks/tags.js';
import { transformImplementationCheck } from './checks/transforms.js';
import { manifestChecks } from './checks/manifests.js';
import { probeWrites, type ProbeOptions } from './probe/probe-writes.js';
import { createReadApi } from './read-api.js';
import { createSamples } from './samples.js';
import {
  CHECK_GROUPS,
  DOCTOR_FORMAT_VERSION,
  type CheckResult,
  type DoctorReport,
  type DoctorSummary,
  type Leftover,
} from './types.js';

/** The read checks, in report order; the connection's own come first, skew and lifetime last. */
const READ_CHECKS: readonly ReadCheck[] = [
  tagsListCheck,
  listEnvelopeCheck,
  pagingCheck,
  pageSizeLimitCheck,
  getByIdCheck,
  configEncodingCheck,
  shortKeysCheck,
  secretsReturnedCheck,
  secretsWithheldCheck,
  secretsEmbeddedCheck,
  transformImplementationCheck,
  pipelineMetricsCheck,
  sourceMetricsCheck,
  consumerGroupsCheck,
];

export interface DoctorOptions {
  readonly client: ApiClient;
  /** Filled by the client's onResponse/onToken observers (createObservedFacts). */
  readonly facts: ObservedFacts;
  readonly connection: ConnectionInfo;
  readonly toolVersion: string;
  readonly now: () => number;
  /** The manifests' desired state, when paths were given. */
  readonly desired?: DesiredState | undefined;
  /** --probe-writes: the scratch namespace and how to name the throw-away objects. */
  readonly probe?: ProbeOptions | undefined;
}

/** Observers to hand the API client, and the facts they collect. */
export function createObservedFacts(): ObservedFacts & {
  readonly onResponse: (f: ObservedFacts['responses'][number]) => void;
  readonly onToken: (f: ObservedFacts['tokens'][number]) => void;
} {
  const responses: ObservedFacts['responses'] = [];
  const tokens: ObservedFacts['tokens'] = [];
  return { responses, tokens, onResponse: (f) => responses.push(f), onToken: (f) => tokens.push(f) };
}

function summarise(checks: readonly CheckResult[]): DoctorSummary {
  const count = (s: CheckResult['status']): number => checks.filter((c) => c.status === s).length;
  return { ok: count('ok'), warn: count('warn'), fail: count('fail') };
}

function byGroup(checks: readonly CheckResult[]): CheckResult[] {
  return CHECK_GROUPS.flatMap((g) => checks.filter((c) => c.group === g));
}

async function readChecks(ctx: ReadContext, info: ConnectionInfo): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const check of READ_CHECKS) results.push(await runCheck(check.def, check.run, ctx));
  // NOTE: last, so the token and clock facts of every call so far count.
  for (const check of [tokenLifetimeCheck(info), clockSkewCheck]) {
    results.push(await runCheck(check.def, check.run, ctx));
  }
  return results;
}

export async function runDoctor(options: DoctorOptions): Promise<DoctorReport> {
  const checkedAt = new Date(options.now()).toISOString();
  const api = createReadApi(options.client);
  const base = {
    formatVersion: DOCTOR_FORMAT_VERSION,
    toolVersion: options.toolVersion,
    apiUrl: options.connection.apiUrl,
    checkedAt,
    probeWrites: options.probe !== undefined,
    namespace: options.desired?.namespace,
  } as const;
  const first = await connect(api, options.facts, options.connection);
  if (!first.reachable) {
    return {
      ...base,
      reachable: false,
      checks: first.results,
      leftovers: [],
      summary: summarise(first.results),
    };
  }
  const ctx: ReadContext = { api, samples: createSamples(api), facts: options.facts, now: options.now };
  const checks = [...first.results, ...(await readChecks(ctx, options.connection))];
  if (options.desired) checks.push(...(await manifestChecks(api, options.desired)));
  let leftovers: readonly Leftover[] = [];
  if (options.probe) {
    const probed = await probeWrites(options.client, options.probe);
    checks.push(...probed.results);
    leftovers = probed.leftovers;
  }
  const ordered = byGroup(checks);
  return { ...base, reachable: true, checks: ordered, leftovers, summary: summarise(ordered) };
}
