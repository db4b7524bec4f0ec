/**
 * Transforms (api-notes §3.3, irregular paths): `POST /transforms`, `PUT /transforms` with the id in
 * the body, `DELETE /transforms?id=`. The name lives in `config["transforms.name"]`. A PUT without
 * `implementation` erases the code, so every PUT first reads the transform by id and echoes its code
 * (transform-code.ts). Code is uploaded through `implementation_details`, then deployed (preview
 * first when the catalogue says so, then live) and the action is done only when the job reports
 * RUNNING. `topic_router` has no code and no job.
 */
import { getConnector } from '../../catalogue/index.js';
import { ApiError, UserError } from '../../errors/index.js';
import type { JsonRecord, LiveResource, PlanAction } from '../../model/index.js';
import { createConfig, updateConfig } from '../wire-config.js';
import { currentImplementation, implementationToSend, withLanguage } from './transform-code.js';
import type { RunContext } from '../run-context.js';
import { S, idOf, isRecord, ownedLookup, tagIdsOf, type KindWriter, type WriteInput } from './common.js';

const NAME_KEY = 'transforms.name';
const FAILED_JOB = new Set(['FAILED', 'FAILING', 'CANCELED', 'CANCELLING', 'STOPPED']);

function hasJob(type: string): boolean {
  return type !== 'topic_router';
}

function nameOf(o: Record<string, unknown>): unknown {
  const config = o['config'];
  return o['name'] ?? (isRecord(config) ? config[NAME_KEY] : undefined);
}

async function uploadAndDeploy(
  ctx: RunContext,
  id: string,
  type: string,
  impl: JsonRecord | undefined,
): Promise<void> {
  if (!hasJob(type)) return;
  if (impl) {
    await ctx.client.request('PUT', `/transforms/${id}/implementation_details`, {
      body: { transform_id: id, implementation: impl },
    });
  }
  // NOTE: `no-version` deploys the latest implementation version (api-notes §3.3); replay_window is omitted
  // so the job continues from the latest offsets (deploys are actions, never state: rule 15).
  if (getConnector('transform', type)?.previewDeploy) {
    await ctx.client.request('PUT', `/transforms/${id}/deploy-job-preview/no-version`);
  }
  await ctx.client.request('PUT', `/transforms/${id}/deploy-job-live/no-version`);
  await waitForJob(ctx, id);
}

async function jobStatus(ctx: RunContext, id: string): Promise<string | undefined> {
  try {
    const res = await ctx.client.request('GET', `/transforms/${id}/job_status`);
    return isRecord(res) && typeof res['status'] === 'string' ? res['status'] : undefined;
  } catch (error) {
    // `job_status` answers 400 "Job not found" until the deploy registers the job.
    if (error instanceof ApiError && error.status === 400) return undefined;
    throw error;
  }
}

async function waitForJob(ctx: RunContext, id: string): Promise<void> {
  const { jobPollIntervalMs, jobTimeoutMs, clock } = ctx.settings;
  const deadline = clock.now() + jobTimeoutMs;
  // NOTE: polls start fast and back off (x2, capped at 5 s like the provider's fixed 5 s), so short
  // deploys finish quickly and long ones do not hammer the API.
  let interval = jobPollIntervalMs;
  for (;;) {
    const status = await jobStatus(ctx, id);
    if (status === 'RUNNING') return;
    if (status !== undefined && FAILED_JOB.has(status)) {
      throw new UserError(`transform ${id}: its job reports ${status} after the deploy`, {
        hint: 'check the transform code and its logs in Streamkap, then apply again',
      });
    }
    if (clock.now() >= deadline) {
      throw new UserError(
        `transform ${id}: its job is not RUNNING after ${Math.round(jobTimeoutMs / 1000)} s (last status ${status ?? 'none'})`,
      );
    }
    await clock.sleep(interval);
    interval = Math.min(interval * 2, Math.max(5000, jobPollIntervalMs));
  }
}

/** Only tag or rename changes leave the running job as it is. */
function createBodyConfig(input: WriteInput<'transform'>, name: string): Record<string, unknown> {
  const { desired } = input;
  return {
    ...createConfig('transform', desired.type, desired.config, desired.extraConfig),
    [NAME_KEY]: name,
  };
}

function changesJob(action: PlanAction): boolean {
  return (
    action.type !== 'update' || action.changes.some((c) => !c.path.startsWith('tags') && c.path !== 'name')
  );
}

/**
 * `PUT /transforms` with the code the transform holds now, read by id (not from the plan's live
 * state: a list row may lack it, api-notes §3.3), under the manifest's; resolves to the code sent.
 */
async function putWithCode(
  input: WriteInput<'transform'>,
  id: string,
  config: Record<string, unknown>,
): Promise<JsonRecord | null> {
  const { type, name } = input.desired;
  const current = await currentImplementation(input.ctx, id, name);
  const implementation = implementationToSend(current, input.desired.implementation, config);
  await input.ctx.client.request('PUT', '/transforms', {
    query: S,
    body: { id, transform: type, config, implementation, tags: tagIdsOf(input) },
  });
  return implementation;
}

export const transformWriter: KindWriter<'transform'> = {
  codeField: 'type',
  async create(input) {
    const { type, name, implementation } = input.desired;
    const config = createBodyConfig(input, name);
    const res = await input.ctx.client.request('POST', '/transforms', {
      query: S,
      body: { transform: type, config, tags: tagIdsOf(input), created_from: 'api' },
      lookupAfterFailure: ownedLookup(input.ctx, '/transforms', name, nameOf),
    });
    const id = idOf(res, 'POST /transforms');
    const code = implementation === undefined ? undefined : withLanguage(implementation, config);
    await uploadAndDeploy(input.ctx, id, type, code);
    input.ctx.remember('transform', input.action.name, { id, code: type });
    return id;
  },
  async rename(input, id) {
    // NOTE: created moments ago under a temporary name; the PUT must echo its code or it is erased.
    await putWithCode(input, id, createBodyConfig(input, input.desired.name));
  },
  async update(input, live) {
    const { type, name, config: desiredConfig, extraConfig } = input.desired;
    const config = {
      ...updateConfig('transform', type, desiredConfig, extraConfig, live),
      [NAME_KEY]: name,
    };
    const id = live.live.id;
    const implementation = await putWithCode(input, id, config);
    // The upload replaces the code too, so it carries the same merged object.
    const upload = input.desired.implementation === undefined ? undefined : (implementation ?? undefined);
    if (changesJob(input.action)) await uploadAndDeploy(input.ctx, id, type, upload);
    input.ctx.remember('transform', name, { id, code: type });
    return id;
  },
  async delete(_action: PlanAction, live: LiveResource, ctx: RunContext) {
    await ctx.client.request('DELETE', '/transforms', { query: { id: live.live.id }, absentOn: [404] });
    ctx.forget('transform', live.name, live.live.id);
  },
};
