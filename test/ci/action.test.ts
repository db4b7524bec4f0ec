/**
 * action.yml, run step by step as a GitHub runner would (see composite-action.ts), in a workspace
 * whose node_modules holds this CLI (from source), against the emulator and a fake GitHub API,
 * both over real HTTP.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulatorServer, type EmulatorServer } from '../../src/emulator/index.js';
import { EXAMPLE_SECRETS } from '../e2e/harness.js';
import { childEnv, ROOT } from '../package/packed.js';
import { runCompositeAction } from './composite-action.js';
import { FakeGitHub, GITHUB_TOKEN } from './fake-github.js';
import { serveFetch } from './serve-fetch.js';
import { makeWorkspace } from './workspace.js';

let workspace: string;
let emulator: EmulatorServer;
let github: { url: string; close(): Promise<void> };
const fake = new FakeGitHub();

beforeAll(async () => {
  workspace = (await makeWorkspace()).dir;
  await writeFile(path.join(workspace, 'event.json'), JSON.stringify({ pull_request: { number: 12 } }));
  emulator = await startEmulatorServer({ port: 0 });
  github = await serveFetch((r) => fake.handle(r));
});
afterAll(async () => {
  await emulator.close();
  await github.close();
  await rm(workspace, { recursive: true, force: true });
});

function env(): NodeJS.ProcessEnv {
  return childEnv({
    GITHUB_ACTIONS: 'true',
    GITHUB_API_URL: github.url,
    GITHUB_REPOSITORY: 'acme/infra',
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: path.join(workspace, 'event.json'),
    GITHUB_STEP_SUMMARY: path.join(workspace, 'summary.md'),
    GITHUB_TOKEN,
    RUNNER_TEMP: workspace,
    STREAMKAP_API_URL: emulator.url,
    STREAMKAP_CLIENT_ID: emulator.clientId,
    STREAMKAP_CLIENT_SECRET: emulator.clientSecret,
    ...EXAMPLE_SECRETS,
  });
}

const planComments = (): string[] =>
  fake.comments.filter((c) => c.body.startsWith('<!-- streamkap-gitops:comment:plan -->')).map((c) => c.body);

describe('action.yml', () => {
  it('plans on a pull request: a sticky comment, the job summary, exit-code 2 and has-changes', async () => {
    const r = await runCompositeAction(ROOT, workspace, { command: 'plan', paths: 'streamkap/' }, env());
    expect(r.stderr).toContain('Commented on pull request #12');
    expect(r.code).toBe(0);
    expect(r.outputs).toEqual({ 'exit-code': '2', 'has-changes': 'true' });
    expect(planComments()).toHaveLength(1);
    expect(planComments()[0]).toContain('Plan: 11 to create');
    expect(await readFile(path.join(workspace, 'summary.md'), 'utf8')).toContain('Plan: 11 to create');
  }, 180_000);

  it('applies with args, then the updated plan comment says there is nothing to change', async () => {
    const apply = await runCompositeAction(
      ROOT,
      workspace,
      { command: 'apply', paths: 'streamkap/', args: '--auto-approve --poll-interval 20', comment: 'false' },
      env(),
    );
    expect(apply.outputs).toEqual({ 'exit-code': '0', 'has-changes': 'true' });
    const plan = await runCompositeAction(ROOT, workspace, { command: 'plan', paths: 'streamkap/' }, env());
    expect(plan.outputs).toEqual({ 'exit-code': '0', 'has-changes': 'false' });
    expect(planComments()).toHaveLength(1);
    expect(planComments()[0]).toContain('No changes.');
  }, 180_000);

  it('fails the step on invalid input, with the error in the comment; inputs cannot inject shell', async () => {
    const r = await runCompositeAction(
      ROOT,
      workspace,
      { command: 'plan', paths: 'streamkap/ $(touch pwned) *', 'comment-key': 'bad-input' },
      env(),
    );
    expect(r.code).toBe(4);
    expect(r.outputs['exit-code']).toBe('4');
    expect(existsSync(path.join(workspace, 'pwned'))).toBe(false);
    const comment = fake.comments.find((c) => c.body.includes('comment:bad-input'));
    expect(comment?.body).toContain('refused its input (exit 4)');
    expect(comment?.body).toContain('$(touch');
  }, 180_000);

  it("posts nothing on a fork's pull request, warns, and still passes", async () => {
    fake.readOnly = true;
    try {
      const r = await runCompositeAction(
        ROOT,
        workspace,
        { command: 'drift', paths: 'streamkap/', 'comment-key': 'fork' },
        env(),
      );
      expect(r.code).toBe(0);
      expect(r.stderr).toMatch(/::warning::could not comment on pull request #12/);
      expect(fake.comments.some((c) => c.body.includes('comment:fork'))).toBe(false);
    } finally {
      fake.readOnly = false;
    }
  }, 180_000);
});
