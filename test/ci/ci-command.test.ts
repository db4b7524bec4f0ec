/**
 * `ci` end to end, in-process: the wrapped command runs against the emulator (real HTTP: the API
 * client's undici transport is not msw's to intercept) and publishes to a fake GitHub or GitLab
 * (msw: the comment clients use global fetch), as it would inside a job.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ciContext } from '../../src/ci/ci-context.js';
import { publishRun } from '../../src/ci/publish.js';
import { main } from '../../src/cli/main.js';
import { startEmulatorServer, type EmulatorServer } from '../../src/emulator/index.js';
import { EXAMPLE_SECRETS } from '../e2e/harness.js';
import { captureIo } from '../helpers/capture-io.js';
import { FakeGitHub, GITHUB_API, GITHUB_TOKEN } from './fake-github.js';
import { FakeGitLab, GITLAB_API, GITLAB_TOKEN } from './fake-gitlab.js';

const MARKER = '<!-- streamkap-gitops:comment:plan -->';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

let dir: string;
let emulator: EmulatorServer;
let github: FakeGitHub;
let gitlab: FakeGitLab;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'skgo-ci-'));
  await writeFile(path.join(dir, 'event.json'), JSON.stringify({ pull_request: { number: 12 } }));
  emulator = await startEmulatorServer({ port: 0, clientSecret: 'ci-secret' });
  github = new FakeGitHub();
  gitlab = new FakeGitLab();
  server.use(...github.handlers(), ...gitlab.handlers());
});
afterEach(async () => {
  await emulator.close();
  await rm(dir, { recursive: true, force: true });
});

function githubEnv(): Record<string, string> {
  return {
    STREAMKAP_API_URL: emulator.url,
    STREAMKAP_CLIENT_ID: emulator.clientId,
    STREAMKAP_CLIENT_SECRET: 'ci-secret',
    ...EXAMPLE_SECRETS,
    GITHUB_ACTIONS: 'true',
    GITHUB_API_URL: GITHUB_API,
    GITHUB_REPOSITORY: 'acme/infra',
    GITHUB_EVENT_PATH: path.join(dir, 'event.json'),
    GITHUB_STEP_SUMMARY: path.join(dir, 'summary.md'),
    GITHUB_OUTPUT: path.join(dir, 'output.txt'),
    GITHUB_TOKEN,
  };
}

async function ci(args: string[], env: Record<string, string> = githubEnv()) {
  const io = captureIo(env, process.cwd());
  const code = await main(['node', 'streamkap-gitops', 'ci', ...args], io);
  const read = (f: string) => readFile(path.join(dir, f), 'utf8').catch(() => '');
  return {
    code,
    out: io.out(),
    err: io.err(),
    summary: await read('summary.md'),
    output: await read('output.txt'),
  };
}

describe('ci on a GitHub pull request', () => {
  it('posts the Markdown plan as one sticky comment, writes the job summary and the outputs', async () => {
    const r = await ci(['--', 'plan', 'examples/streamkap.yaml']);
    expect(r.code, r.err).toBe(0); // changes are not a failure without --fail-on-changes
    expect(r.output).toBe('exit-code=2\nhas-changes=true\n');
    expect(github.comments).toHaveLength(1);
    const body = github.comments[0]?.body ?? '';
    expect(body.split('\n')[0]).toBe(MARKER);
    expect(body).toContain('source/orders-db');
    expect(body).toContain('Plan: 11 to create');
    expect(r.summary).toContain(body.split('\n').slice(1, 4).join('\n'));
    expect(r.out).toContain('source/orders-db'); // the job log still shows the output
    expect(r.err).toMatch(/Commented on pull request #12: https:\/\/github\.test\//);

    const again = await ci(['--fail-on-changes', '--', 'plan', 'examples/streamkap.yaml']);
    expect(again.code).toBe(2);
    expect(github.comments).toHaveLength(1);
    expect(again.err).toContain('Updated the comment on pull request #12');
  });

  it('puts plan errors in the comment (exit 4)', async () => {
    await writeFile(
      path.join(dir, 'bad.yaml'),
      'namespace: shop\nsources:\n  - name: x\n    connector: postgress\n',
    );
    const r = await ci(['--', 'plan', path.join(dir, 'bad.yaml')]);
    expect(r.code).toBe(4);
    expect(r.output).toBe('exit-code=4\nhas-changes=false\n');
    const body = github.comments[0]?.body ?? '';
    expect(body).toContain('`streamkap-gitops plan` refused its input (exit 4).');
    expect(body).toContain('did you mean "postgresql"?');
  });

  it('puts a refusal in the comment (exit 3)', async () => {
    const r = await ci(['--comment-key', 'apply', '--', 'apply', 'examples/streamkap.yaml']);
    expect(r.code).toBe(3);
    const body = github.comments[0]?.body ?? '';
    expect(body.split('\n')[0]).toBe('<!-- streamkap-gitops:comment:apply -->');
    expect(body).toContain('> [!CAUTION]');
    expect(body).toContain('no terminal to confirm on and --auto-approve was not given');
    expect(body).toContain('Plan: 11 to create');
    expect(r.output).toBe('exit-code=3\nhas-changes=true\n');
  });

  it('refuses a command it does not wrap, and a comment key that is not one (exit 4), before running anything', async () => {
    const demo = await ci(['--', 'demo']);
    expect(demo.code).toBe(4);
    expect(demo.err).toContain('ci runs validate, plan, apply, drift, status; got "demo"');
    const key = await ci(['--comment-key', 'Plan -->', '--', 'plan', 'examples/streamkap.yaml']);
    expect(key.code).toBe(4);
    expect(key.out).toBe('');
    expect(github.requests).toEqual([]);
  });

  it("warns and succeeds on a fork's pull request (read-only token)", async () => {
    github.readOnly = true;
    const r = await ci(['--', 'plan', 'examples/streamkap.yaml']);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^::warning::could not comment on pull request #12 \(no write permission/m);
    expect(github.comments).toEqual([]);
    expect(r.summary).toContain(MARKER);
  });

  it('fails (exit 1) when the comment cannot be written for another reason', async () => {
    const r = await ci(['--', 'plan', 'examples/streamkap.yaml'], {
      ...githubEnv(),
      GITHUB_TOKEN: 'ghs_revoked',
    });
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      '::error::could not comment on pull request #12: GET /repos/acme/infra/issues/12/comments -> HTTP 401',
    );
  });

  it('never shows the tokens or the manifest secrets anywhere', async () => {
    const r = await ci(['--debug', '--', 'plan', 'examples/streamkap.yaml']);
    const everything = [r.out, r.err, r.summary, r.output, ...github.comments.map((c) => c.body)].join('\n');
    const { CATALOG_DB_USER: _user, ...secrets } = EXAMPLE_SECRETS; // the user name is not a secret
    for (const secret of [GITHUB_TOKEN, 'ci-secret', ...Object.values(secrets)])
      expect(everything).not.toContain(secret);
  });

  it('comments nowhere outside a pull request, and not with --no-comment', async () => {
    await writeFile(path.join(dir, 'event.json'), JSON.stringify({ ref: 'refs/heads/main' }));
    const push = await ci(['--', 'drift', 'examples/streamkap.yaml']);
    expect(push.err).toContain('No comment: this run is not for a pull request.');
    await writeFile(path.join(dir, 'event.json'), JSON.stringify({ pull_request: { number: 12 } }));
    await ci(['--no-comment', '--', 'drift', 'examples/streamkap.yaml']);
    expect(github.comments).toEqual([]);
  });
});

describe('ci on a GitLab merge request', () => {
  it('posts and then updates one merge-request note', async () => {
    const env = {
      ...githubEnv(),
      GITHUB_ACTIONS: '',
      GITLAB_CI: 'true',
      CI_API_V4_URL: GITLAB_API,
      CI_PROJECT_ID: '42',
      CI_MERGE_REQUEST_IID: '7',
      GITLAB_TOKEN,
    };
    expect((await ci(['--', 'plan', 'examples/streamkap.yaml'], env)).code).toBe(0);
    const r = await ci(['--', 'plan', 'examples/streamkap.yaml'], env);
    expect(r.err).toContain('Updated the comment on merge request !7');
    expect(gitlab.notes).toHaveLength(1);
    expect(gitlab.notes[0]?.body).toContain('Plan: 11 to create');
    expect(r.summary).toBe(''); // GitLab has no job summary file
  });
});

describe('a comment over the size limit', () => {
  it('is cut to 65,536 characters, the Mermaid graph first, and says so; the job summary keeps it all', async () => {
    const graph = [
      '```mermaid',
      'flowchart LR',
      ...Array.from({ length: 2000 }, (_, i) => `  s${i} --> p${i}`),
      '```',
    ];
    const blocks = Array.from(
      { length: 300 },
      (_, i) =>
        `<details><summary>~ update <b>source/db-${i}</b></summary>\n\n${'| a | b |\n'.repeat(20)}</details>`,
    );
    const stdout = [
      '<!-- streamkap-gitops:plan -->',
      ...graph,
      ...blocks,
      '**Plan: 0 to create, 300 to update, 0 to replace, 0 to delete.**',
    ].join('\n');
    expect(stdout.length).toBeGreaterThan(65_536);
    const run = { command: 'plan', args: ['plan'], exitCode: 2, stdout, stderr: '', format: 'markdown' };
    const context = ciContext('github', githubEnv(), JSON.stringify({ pull_request: { number: 12 } }));
    const lines: string[] = [];
    await publishRun(context, run, { comment: true, log: (l) => lines.push(l) });
    const body = github.comments[0]?.body ?? '';
    expect(body.length).toBeLessThanOrEqual(65_536);
    expect(body).not.toContain('```mermaid');
    expect(body).toContain('- ~ update <b>source/db-299</b>');
    expect(body).toContain(
      'Shortened to fit the 65,536-character comment limit: the pipeline graph, field details left out.',
    );
    expect(await readFile(path.join(dir, 'summary.md'), 'utf8')).toContain('```mermaid');
  });
});
