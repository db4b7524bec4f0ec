import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { connectorCodes } from '../../src/catalogue/index.js';
import { parseIgnoreFile } from '../../src/cli/ignore-file.js';
import { main } from '../../src/cli/main.js';
import { TOOL_VERSION } from '../../src/cli/version.js';
import { namespaceFrom } from '../../src/init/choices.js';
import { starterManifest } from '../../src/init/starter-manifest.js';
import { captureIo } from '../helpers/capture-io.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'skgo-init-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function cli(args: string[], stdin?: PassThrough & { isTTY?: boolean }) {
  const io = { ...captureIo({}, dir), ...(stdin === undefined ? {} : { stdin }) };
  const code = await main(['node', 'streamkap-gitops', ...args], io);
  return { code, out: io.out(), err: io.err() };
}

const FILES = [
  'streamkap/streamkap.yaml',
  '.env.example',
  '.streamkap-gitops-ignore',
  '.github/workflows/streamkap-plan.yml',
  '.github/workflows/streamkap-apply.yml',
  '.github/workflows/streamkap-nightly.yml',
];
const read = (f: string, base = dir) => readFileSync(path.join(base, f), 'utf8');
const envRefs = (text: string): string[] =>
  [...text.matchAll(/\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g)].map((m) => m[1] ?? '');

describe('init without a terminal (flags)', () => {
  it('writes a manifest that validates, .env.example with every variable it uses, the ignore file and three workflows', async () => {
    const r = await cli([
      'init',
      'repo',
      '--source',
      'mysql',
      '--destination',
      'clickhouse',
      '--namespace',
      'shop',
    ]);
    expect(r.code, r.err).toBe(0);
    const repo = path.join(dir, 'repo');
    for (const f of FILES) expect(existsSync(path.join(repo, f)), f).toBe(true);
    const manifest = read('streamkap/streamkap.yaml', repo);
    expect(manifest).toContain('namespace: shop');
    expect(manifest).toContain('connector: mysql');
    expect(manifest).toContain('connector: clickhouse');
    const validate = await cli(['validate', 'repo/streamkap', '--allow-missing-env']);
    expect(validate.err).toBe('');
    expect(validate.code).toBe(0);
    const example = read('.env.example', repo);
    const listed = example
      .split('\n')
      .filter((l) => /^[A-Z_]+=$/.test(l))
      .map((l) => l.slice(0, -1));
    expect(listed).toEqual(['STREAMKAP_CLIENT_ID', 'STREAMKAP_CLIENT_SECRET', ...envRefs(manifest)]);
    expect(envRefs(manifest).length).toBeGreaterThan(0);
  });

  it('uses postgresql → snowflake and the directory name by default', async () => {
    await mkdir(path.join(dir, 'Acme Infra!'));
    expect((await cli(['init', 'Acme Infra!'])).code).toBe(0);
    const manifest = read('Acme Infra!/streamkap/streamkap.yaml');
    expect(manifest).toContain('namespace: acme-infra');
    expect(manifest).toMatch(/connector: postgresql[\s\S]*connector: snowflake/);
  });

  it('refuses a connector it does not know (exit 4), with the closest one', async () => {
    const r = await cli(['init', '--source', 'postgress']);
    expect(r.code).toBe(4);
    expect(r.err).toContain('did you mean "postgresql"?');
    expect(existsSync(path.join(dir, 'streamkap'))).toBe(false);
  });
});

describe('init never overwrites without --force', () => {
  it('refuses (exit 3) naming every file that exists, and writes none', async () => {
    await writeFile(path.join(dir, '.env.example'), 'KEEP=1\n');
    await mkdir(path.join(dir, '.github/workflows'), { recursive: true });
    await writeFile(path.join(dir, '.github/workflows/streamkap-plan.yml'), 'mine\n');
    const r = await cli(['init']);
    expect(r.code).toBe(3);
    expect(r.err).toContain('these 2 files exist');
    expect(r.err).toContain('.env.example, .github/workflows/streamkap-plan.yml');
    expect(r.err).toContain('--force');
    expect(existsSync(path.join(dir, 'streamkap'))).toBe(false);
    expect(read('.env.example')).toBe('KEEP=1\n');
    const forced = await cli(['init', '--force']);
    expect(forced.code).toBe(0);
    expect(read('.env.example')).toContain('STREAMKAP_CLIENT_ID=');
  });
});

describe('init on a terminal', () => {
  it('asks for the namespace and both connectors, and asks again after a typo', async () => {
    const stdin = Object.assign(new PassThrough(), { isTTY: true });
    stdin.end('\npostgress\nmysql\nbigquery\n');
    const r = await cli(['init', 'my-repo'], stdin);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain('Namespace [my-repo]: ');
    expect(r.err).toContain('"postgress" is not a source connector; did you mean "postgresql"?');
    const manifest = read('my-repo/streamkap/streamkap.yaml');
    expect(manifest).toContain('connector: mysql');
    expect(manifest).toContain('connector: bigquery');
    expect((await cli(['validate', 'my-repo/streamkap', '--allow-missing-env'])).code).toBe(0);
  });

  it('takes flags as answers and stops when the input ends', async () => {
    const stdin = Object.assign(new PassThrough(), { isTTY: true });
    stdin.end('');
    const r = await cli(['init', '--namespace', 'x', '--source', 'mysql'], stdin);
    expect(r.code).toBe(4);
    expect(r.err).toContain('Destination connector');
    expect(r.err).not.toContain('Namespace [');
    expect(r.err).toContain('the input ended');
  });
});

describe('the starter manifest', () => {
  const cases = [
    ...connectorCodes('source').map((source) => ({ source, destination: 'snowflake' })),
    ...connectorCodes('destination').map((destination) => ({ source: 'postgresql', destination })),
  ];
  it.each(cases)('$source → $destination validates offline', async ({ source, destination }) => {
    const { text } = starterManifest({ namespace: 'n', source, destination });
    await mkdir(path.join(dir, 'm'));
    await writeFile(path.join(dir, 'm', 'streamkap.yaml'), text);
    const r = await cli(['validate', 'm', '--allow-missing-env']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
  });

  it('makes a namespace from any directory name', () => {
    expect(namespaceFrom('My Repo')).toBe('my-repo');
    expect(namespaceFrom('---')).toBe('streamkap');
    expect(namespaceFrom('x'.repeat(60))).toHaveLength(41);
  });
});

describe('the workflows', () => {
  interface Workflow {
    on: Record<string, unknown>;
    permissions?: Record<string, string>;
    concurrency?: { group: string; 'cancel-in-progress': boolean };
    jobs: Record<
      string,
      { steps: { uses?: string; with?: Record<string, unknown>; env?: Record<string, string> }[] }
    >;
  }
  const action = parse(readFileSync(path.resolve('action.yml'), 'utf8')) as {
    inputs: Record<string, unknown>;
  };

  it('plan on pull requests, apply on main one at a time, drift and status nightly, through the action', async () => {
    expect((await cli(['init'])).code).toBe(0);
    const wf = (f: string) => parse(read(`.github/workflows/${f}`)) as Workflow;
    const plan = wf('streamkap-plan.yml');
    expect(Object.keys(plan.on)).toEqual(['pull_request']);
    expect(plan.permissions?.['pull-requests']).toBe('write');
    const apply = wf('streamkap-apply.yml');
    expect(apply.on['push']).toMatchObject({ branches: ['main'] });
    expect(apply.concurrency).toEqual({ group: 'streamkap-apply', 'cancel-in-progress': false });
    const nightly = wf('streamkap-nightly.yml');
    expect(Object.keys(nightly.on)).toContain('schedule');
    const secrets = envRefs(read('streamkap/streamkap.yaml'));
    const commands: unknown[] = [];
    for (const w of [plan, apply, nightly]) {
      for (const job of Object.values(w.jobs)) {
        const step = job.steps.find((s) => s.uses?.startsWith('streamkap/streamkap-gitops@'));
        commands.push(step?.with?.['command']);
        expect(Object.keys(step?.with ?? {}).filter((k) => !(k in action.inputs))).toEqual([]);
        expect(step?.with?.['version']).toBe(TOOL_VERSION);
        for (const name of ['STREAMKAP_CLIENT_ID', 'STREAMKAP_CLIENT_SECRET', ...secrets])
          expect(step?.env?.[name]).toBe(`\${{ secrets.${name} }}`);
      }
    }
    expect(commands).toEqual(['plan', 'apply', 'drift', 'status']);
    const ignore = await readFile(path.join(dir, '.streamkap-gitops-ignore'), 'utf8');
    expect(parseIgnoreFile(ignore, '.streamkap-gitops-ignore')).toEqual([]); // comments only, and valid
  });
});
