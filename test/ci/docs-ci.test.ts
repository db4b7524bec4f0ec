/**
 * docs/ci.md: every command line in its code blocks runs, in the order a reader meets them, in a
 * CI-like workspace (the example manifests in streamkap/, `npx` resolving to this CLI) against the
 * emulator and a fake GitHub, both over real HTTP. The action's inputs and pinned versions it shows
 * are checked against action.yml and package.json.
 */
import { readFileSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startEmulatorServer, type EmulatorServer } from '../../src/emulator/index.js';
import { EXAMPLE_SECRETS } from '../e2e/harness.js';
import { childEnv, ROOT, run, type RunOutcome } from '../package/packed.js';
import { FakeGitHub, GITHUB_TOKEN } from './fake-github.js';
import { serveFetch } from './serve-fetch.js';
import { makeWorkspace, type Workspace } from './workspace.js';

const DOC = readFileSync(path.join(ROOT, 'docs/ci.md'), 'utf8');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
const gitlab = parse(readFileSync(path.join(ROOT, 'ci/gitlab.yml'), 'utf8')) as {
  variables: Record<string, string>;
};
const action = parse(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as {
  inputs: Record<string, unknown>;
};

/** Lines of the fenced code blocks. */
function codeLines(markdown: string): string[] {
  const lines: string[] = [];
  let fence: string | undefined;
  for (const line of markdown.split('\n')) {
    const m = /^(`{3,})/.exec(line);
    if (m?.[1] !== undefined && (fence === undefined || m[1] === fence))
      fence = fence === undefined ? m[1] : undefined;
    else if (fence !== undefined) lines.push(line);
  }
  return lines;
}

/** The command lines: what a shell or a `run:` / `script:` item would run. */
export function commandLines(markdown: string): string[] {
  return codeLines(markdown)
    .map((l) =>
      l
        .trim()
        .replace(/^- /, '')
        .replace(/^run: /, '')
        .replace(/^\$ /, ''),
    )
    .filter((l) => /^(npx |eval "\$\(npx )/.test(l) && l.includes('streamkap-gitops'));
}

let ws: Workspace;
let emulator: EmulatorServer;
let github: { url: string; close(): Promise<void> };
const fake = new FakeGitHub();

beforeAll(async () => {
  ws = await makeWorkspace();
  await writeFile(path.join(ws.dir, 'event.json'), JSON.stringify({ pull_request: { number: 12 } }));
  emulator = await startEmulatorServer({ port: 0 });
  github = await serveFetch((r) => fake.handle(r));
});
afterAll(async () => {
  await emulator.close();
  await github.close();
  await rm(ws.dir, { recursive: true, force: true });
});

/** Runs one documented line; `secrets: false` as a pull request from a fork sees the job: no secrets. */
async function runLine(line: string, secrets = true): Promise<RunOutcome> {
  const env = childEnv({
    ...gitlab.variables,
    GITHUB_ACTIONS: 'true',
    GITHUB_API_URL: github.url,
    GITHUB_REPOSITORY: 'acme/infra',
    GITHUB_EVENT_PATH: path.join(ws.dir, 'event.json'),
    GITHUB_TOKEN,
    STREAMKAP_API_URL: emulator.url,
    ...(secrets
      ? {
          STREAMKAP_CLIENT_ID: emulator.clientId,
          STREAMKAP_CLIENT_SECRET: emulator.clientSecret,
          ...EXAMPLE_SECRETS,
        }
      : {}),
  });
  // NOTE: a background emulator started by a line is stopped by the test, by its pid.
  const script = `${ws.npxShim}\n${line}\necho "__pid=\${STREAMKAP_EMULATOR_PID:-}"`;
  const r = await run('bash', ['--norc', '-eo', 'pipefail', '-c', script], { cwd: ws.dir, env });
  const pid = /__pid=(\d+)/.exec(r.out)?.[1];
  if (pid !== undefined) process.kill(Number(pid), 'SIGTERM');
  return r;
}

describe('docs/ci.md', () => {
  const lines = commandLines(DOC);

  it('has the command lines a reader copies (plan, apply, drift, status, ci, the emulator)', () => {
    expect(lines.length).toBeGreaterThanOrEqual(8);
    for (const word of [' ci ', ' plan ', ' apply ', ' drift ', ' status ', ' emulator ', ' validate '])
      expect(
        lines.some((l) => l.includes(word)),
        word,
      ).toBe(true);
  });

  it('runs every command line successfully, in order', async () => {
    for (const line of lines) {
      const r = await runLine(line);
      // NOTE: pipelines the emulator just created report Pending for a while: status may say 2.
      const expected = /\sstatus\s/.test(line) ? [0, 2] : [0];
      expect(expected, `${line}\n${r.err}`).toContain(r.code);
    }
    expect(fake.comments.some((c) => c.body.startsWith('<!-- streamkap-gitops:comment:plan -->'))).toBe(true);
  }, 600_000);

  it('the validate step passes without the secrets (issue 8.12)', async () => {
    const validates = lines.filter((l) => / validate /.test(l));
    expect(validates.length).toBeGreaterThan(0);
    for (const line of validates) {
      const r = await runLine(line, false);
      expect(r.code, `${line}\n${r.err}`).toBe(0);
    }
  }, 120_000);

  it('a plan with errors still reaches the pull request (issue 8.12)', async () => {
    const line = lines.find((l) => / ci /.test(l) && / plan /.test(l));
    expect(line).toBeDefined();
    // a second live source named orders-db that the namespace owns: a plan error (duplicate-live)
    emulator.emulator.seed([
      { kind: 'source', name: 'orders-db', connector: 'postgresql', config: {}, owner: 'shop' },
    ]);
    const r = await runLine(line ?? '');
    expect(r.code, r.err).toBe(4);
    const body = fake.comments.find((c) => c.body.startsWith('<!-- streamkap-gitops:comment:plan -->'))?.body;
    expect(body).toContain('refused its input (exit 4)');
    expect(body).toContain('orders-db');
  }, 120_000);

  it("shows only the action's real inputs and this package's version", () => {
    for (const m of DOC.matchAll(/uses: streamkap\/streamkap-gitops@v0\n\s+with: (\{.*\})/g)) {
      const inputs = parse(m[1] ?? '{}') as Record<string, unknown>;
      expect(Object.keys(inputs).filter((k) => !(k in action.inputs))).toEqual([]);
    }
    const versions = [...DOC.matchAll(/streamkap-gitops@(\d+\.\d+\.\d+)|version: (\d+\.\d+\.\d+)/g)].map(
      (m) => m[1] ?? m[2],
    );
    expect(versions.length).toBeGreaterThan(0);
    expect(new Set(versions)).toEqual(new Set([pkg.version]));
  });
});
