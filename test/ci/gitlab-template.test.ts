/**
 * ci/gitlab.yml: its jobs' rules, and its script lines run in bash as a GitLab runner would (the
 * variables as environment), against the emulator and a fake GitLab API over real HTTP.
 */
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startEmulatorServer, type EmulatorServer } from '../../src/emulator/index.js';
import { EXAMPLE_SECRETS } from '../e2e/harness.js';
import { childEnv, ROOT, run, type RunOutcome } from '../package/packed.js';
import { FakeGitLab, GITLAB_TOKEN } from './fake-gitlab.js';
import { serveFetch } from './serve-fetch.js';
import { makeWorkspace, type Workspace } from './workspace.js';

interface Job {
  extends?: string;
  rules?: { if: string }[];
  script?: string[];
  resource_group?: string;
  allow_failure?: { exit_codes: number[] };
  variables?: Record<string, string>;
}
const template = parse(readFileSync(path.join(ROOT, 'ci/gitlab.yml'), 'utf8')) as Record<string, Job> & {
  variables: Record<string, string>;
};
const job = (name: string): Job => template[name] as Job;

let ws: Workspace;
let emulator: EmulatorServer;
let gitlab: { url: string; close(): Promise<void> };
const fake = new FakeGitLab();

beforeAll(async () => {
  ws = await makeWorkspace();
  emulator = await startEmulatorServer({ port: 0 });
  gitlab = await serveFetch((r) => fake.handle(r));
});
afterAll(async () => {
  await emulator.close();
  await gitlab.close();
  await rm(ws.dir, { recursive: true, force: true });
});

/** A job's script in bash, with the template's and the job's variables and a merge request's CI_* ones. */
function runJob(name: string, ci: Record<string, string>): Promise<RunOutcome> {
  const j = job(name);
  const vars = { ...template.variables, ...job(j.extends ?? '').variables, ...j.variables };
  const env = childEnv({
    ...vars,
    ...ci,
    GITLAB_CI: 'true',
    CI_API_V4_URL: `${gitlab.url}/api/v4`,
    CI_PROJECT_ID: '42',
    GITLAB_TOKEN,
    STREAMKAP_API_URL: emulator.url,
    STREAMKAP_CLIENT_ID: emulator.clientId,
    STREAMKAP_CLIENT_SECRET: emulator.clientSecret,
    ...EXAMPLE_SECRETS,
  });
  const script = [ws.npxShim, ...(j.script ?? [])].join('\n');
  return run('bash', ['--norc', '-eo', 'pipefail', '-c', script], { cwd: ws.dir, env });
}

describe('ci/gitlab.yml', () => {
  it('plans on merge requests, applies on the default branch one at a time, checks drift and status on a schedule', () => {
    expect(job('streamkap-plan').rules).toEqual([{ if: '$CI_PIPELINE_SOURCE == "merge_request_event"' }]);
    expect(job('streamkap-apply').rules?.[0]?.if).toContain('$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH');
    expect(job('streamkap-apply').resource_group).toBe('streamkap-apply');
    for (const name of ['streamkap-drift', 'streamkap-status']) {
      expect(job(name).rules).toEqual([{ if: '$CI_PIPELINE_SOURCE == "schedule"' }]);
      expect(job(name).allow_failure).toEqual({ exit_codes: [2] });
    }
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(template.variables['STREAMKAP_GITOPS_VERSION']).toBe(pkg.version);
  });

  it('puts the plan in one merge-request note, updated on the next push', async () => {
    const mr = { CI_PIPELINE_SOURCE: 'merge_request_event', CI_MERGE_REQUEST_IID: '7' };
    const first = await runJob('streamkap-plan', mr);
    expect(first.err).toContain('Commented on merge request !7');
    expect(first.code).toBe(0);
    const second = await runJob('streamkap-plan', mr);
    expect(second.err).toContain('Updated the comment on merge request !7');
    expect(fake.notes).toHaveLength(1);
    expect(fake.notes[0]?.body).toContain('Plan: 11 to create');
  }, 180_000);

  it('applies on the default branch; the scheduled drift check then finds the account in sync', async () => {
    const apply = await runJob('streamkap-apply', { CI_PIPELINE_SOURCE: 'push' });
    expect(apply.code, apply.err).toBe(0);
    expect(apply.err).toContain('No comment: this pipeline is not for a merge request.');
    const drift = await runJob('streamkap-drift', { CI_PIPELINE_SOURCE: 'schedule' });
    expect(drift.code, drift.err).toBe(0);
    const status = await runJob('streamkap-status', { CI_PIPELINE_SOURCE: 'schedule' });
    expect([0, 2], status.err).toContain(status.code);
  }, 180_000);
});
