/**
 * Adversarial end-to-end audit: every secret field of a manifest references its own env var holding
 * a unique planted value (and so do the API client secret and the plan key). The CLI then runs
 * every command that reads them, at the most verbose log level with --debug, through success,
 * drift, a refused saved plan and API failures whose bodies and headers echo secrets back, and through
 * export, doctor and ci (the pull-request comment); unrelated secrets sit in the environment of every
 * run, and a manifest points implementation_file at /proc/self/environ. No planted value (nor its
 * JSON-escaped, base64 or URL-encoded form, nor its random core) may appear in any stdout, stderr
 * (where the JSON log lines go), saved plan, exported file, comment or job summary.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Writable } from 'node:stream';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../../src/api/index.js';
import { ApiError } from '../../src/errors/index.js';
import { createLogger, type Logger } from '../../src/logging/logger.js';
import { SecretValue } from '../../src/model/index.js';
import { FakeGitHub, GITHUB_API } from '../ci/fake-github.js';
import { startFaultProxy } from '../chaos/fault-proxy.js';
import { apiCall, startHarness, type Harness, type RunResult } from './harness.js';
import { BEARER_TOKEN, around, encodedForms, findLeaks, plant, type Planted } from './leak-scan.js';

const PEM = (core: string): string =>
  `-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIFHzBJBgkqhkiG9w0BBQ0wPDAbBgkqhkiG9w0BBQwwDgQI${core}AgIIADAdBglg\nhkgBZQMEASoEE${core.toLowerCase()}Kx9vR2mQ8pWc3nVf7dL1sTb0uYzEeHjAoXiGkN\n-----END ENCRYPTED PRIVATE KEY-----`;

/** env var name -> planted value; `"` and `\` make the JSON-escaped form differ from the raw one. */
const SECRETS = {
  PG_PASSWORD: plant('PG_PASSWORD', (c) => `S3cr3t-${c}-pg"q\\b/`),
  MONGO_URI: plant('MONGO_URI', (c) => `mongodb://reader:S3cr3t-${c}-mongo@mongo.internal:27017/app`),
  DYNAMO_KEY_ID: plant('DYNAMO_KEY_ID', (c) => `AKIA${c.toUpperCase()}`),
  DYNAMO_SECRET: plant('DYNAMO_SECRET', (c) => `S3cr3t-${c}-dynamo+/=`),
  SNOWFLAKE_KEY: plant('SNOWFLAKE_KEY', PEM),
  SNOWFLAKE_PASSPHRASE: plant('SNOWFLAKE_PASSPHRASE', (c) => `S3cr3t-${c}-passphrase`),
  CLICKHOUSE_PW: plant('CLICKHOUSE_PW', (c) => `S3cr3t-${c}-ch`),
  S3_SECRET: plant('S3_SECRET', (c) => `S3cr3t-${c}-s3`),
  BQ_KEYFILE: plant('BQ_KEYFILE', (c) =>
    JSON.stringify({ type: 'service_account', private_key_id: `S3cr3t-${c}-bq`, private_key: PEM(c) }),
  ),
  LEAKY_PW: plant('LEAKY_PW', (c) => `S3cr3t-${c}-leaky`),
};
/** Values the secrets change to later (out of band, in the env for a new plan, for a stale plan). */
const LATER = {
  oobPg: plant('out-of-band PG password', (c) => `S3cr3t-${c}-oob`),
  pgV2: plant('PG_PASSWORD v2', (c) => `S3cr3t-${c}-pg-v2`),
  pgV3: plant('PG_PASSWORD v3', (c) => `S3cr3t-${c}-pg-v3`),
};
const CLIENT_SECRET = plant('client secret', (c) => `client-S3cr3t-${c}`);
const PLAN_KEY = plant('plan key', (c) => `plan-key-${c}`);
/** In the environment of every run, referenced by nothing: what a CI job's environment holds. */
const UNRELATED = {
  AWS_SECRET_ACCESS_KEY: plant('env AWS_SECRET_ACCESS_KEY', (c) => `S3cr3t-${c}-aws`),
  GITHUB_TOKEN: plant('env GITHUB_TOKEN', (c) => `ghs_${c}`),
  NPM_TOKEN: plant('env NPM_TOKEN', (c) => `npm_${c}`),
};
/** Only in the environment of the child process that reads /proc/self/environ. */
const ENVIRON_ONLY = plant('env of the /proc/self/environ probe', (c) => `S3cr3t-${c}-environ`);
const ALL: Planted[] = [
  ...Object.values(SECRETS),
  ...Object.values(LATER),
  ...Object.values(UNRELATED),
  CLIENT_SECRET,
  PLAN_KEY,
  ENVIRON_ONLY,
];

const MANIFEST = `namespace: leaks
sources:
  - name: orders-pg
    connector: postgresql
    config:
      database_hostname: pg.internal
      database_user: streamkap
      database_password: \${env:PG_PASSWORD}
      database_dbname: orders
      schema_include_list: public
      table_include_list: [public.orders, public.customers]
  - name: events-mongo
    connector: mongodb
    config:
      mongodb_connection_string: \${env:MONGO_URI}
      database_include_list: app
      collection_include_list: app.events
      signal_data_collection_schema_or_database: app
  - name: carts-dynamo
    connector: dynamodb
    config:
      aws_region: eu-west-1
      aws_access_key_id: \${env:DYNAMO_KEY_ID}
      aws_secret_key: \${env:DYNAMO_SECRET}
      s3_export_bucket_name: exports
      table_include_list: carts
destinations:
  - name: warehouse
    connector: snowflake
    config:
      snowflake_url_name: acme.snowflakecomputing.com
      snowflake_user_name: STREAMKAP
      snowflake_private_key: \${env:SNOWFLAKE_KEY}
      snowflake_private_key_passphrase: \${env:SNOWFLAKE_PASSPHRASE}
      snowflake_database_name: RAW
      snowflake_schema_name: LEAKS
  - name: olap
    connector: clickhouse
    config:
      hostname: ch.internal
      connection_username: streamkap
      connection_password: \${env:CLICKHOUSE_PW}
      database: leaks
  - name: lake
    connector: s3
    config:
      aws_access_key_id: AKIAPUBLICID
      aws_secret_access_key: \${env:S3_SECRET}
      aws_s3_bucket_name: lake
  - name: bq
    connector: bigquery
    config:
      keyfile: \${env:BQ_KEYFILE}
      default_dataset: leaks
transforms:
  - name: mask
    type: map_filter
    implementation_file: mask.js
    config:
      transforms_input_topic_pattern: 'public\\.customers'
      transforms_output_topic_pattern: masked.customers
pipelines:
  - name: orders-to-warehouse
    source: orders-pg
    destination: warehouse
    transforms:
      - name: mask
        topics: [public.customers]
  - name: events-to-olap
    source: events-mongo
    destination: olap
    topics: [app.events]
  - name: carts-to-lake
    source: carts-dynamo
    destination: lake
    topics: [carts]
`;

const LEAKY_SOURCE = `
  - name: leaky-pg
    connector: postgresql
    config:
      database_hostname: leaky.internal
      database_user: streamkap
      database_password: \${env:LEAKY_PW}
      database_dbname: leaky
      schema_include_list: public
      table_include_list: [public.t]
`;

const IMPLEMENTATION = 'function _streamkap_transform(v, k, topic, ts) {\n  return v;\n}\n';
const VERBOSE = ['--log-level', 'trace', '--debug'];

let h: Harness;
let baseEnv: Record<string, string>;
/** Everything the runs printed or wrote, labelled, scanned by the last test and after each step. */
const seen: { label: string; text: string }[] = [];

function expectClean(label: string, text: string): void {
  seen.push({ label, text });
  const leaks = findLeaks(text, ALL);
  const first = leaks[0];
  const excerpt = first ? around(text, ALL.find((p) => first.startsWith(`${p.label}:`))?.core ?? '') : '';
  expect(leaks, `${label} leaks:\n${excerpt}`).toEqual([]);
  expect(BEARER_TOKEN.exec(text)?.[0], `${label} shows a bearer token`).toBeUndefined();
}

async function run(label: string, args: string[], env: Record<string, string> = {}): Promise<RunResult> {
  const r = await h.cli([...VERBOSE, ...args], { ...baseEnv, ...env });
  expectClean(`${label} stdout`, r.out);
  expectClean(`${label} stderr`, r.err);
  return r;
}

function captureLogger(): { logger: Logger; text: () => string } {
  let text = '';
  const destination = new Writable({
    write(chunk: Buffer | string, _enc, cb) {
      text += chunk.toString();
      cb();
    },
  });
  return { logger: createLogger({ level: 'trace', destination }), text: () => text };
}

/** Changes a source's `database.password` as another API client would (drift). */
async function setPasswordOutOfBand(name: string, password: string): Promise<void> {
  const list = (await apiCall(h.server, 'GET', '/sources?secret_returned=true&page_size=100')) as {
    result: { id: string; name: string; connector: string; config: Record<string, unknown> }[];
  };
  const source = list.result.find((s) => s.name === name);
  if (!source) throw new Error(`${name} not found`);
  await apiCall(h.server, 'PUT', `/sources/${source.id}?secret_returned=true`, {
    name: source.name,
    connector: source.connector,
    config: { ...source.config, 'database.password': password },
  });
}

async function savedFile(label: string, file: string): Promise<void> {
  expectClean(label, await readFile(path.join(h.dir, file), 'utf8'));
}

beforeAll(async () => {
  h = await startHarness({ clientSecret: CLIENT_SECRET.value, seed: 7 });
  baseEnv = {
    ...Object.fromEntries(Object.entries(SECRETS).map(([k, p]) => [k, p.value])),
    ...Object.fromEntries(Object.entries(UNRELATED).map(([k, p]) => [k, p.value])),
    STREAMKAP_GITOPS_PLAN_KEY: PLAN_KEY.value,
  };
  await h.write('streamkap.yaml', MANIFEST);
  await h.write('mask.js', IMPLEMENTATION);
});

afterAll(async () => {
  await h?.close();
});

describe('no planted secret leaks through the CLI', () => {
  it('the scanner finds a planted value in each of its forms (self-check)', () => {
    const p = SECRETS.PG_PASSWORD;
    for (const form of encodedForms(p.value)) expect(findLeaks(`x ${form} y`, [p])).not.toEqual([]);
    expect(findLeaks(`x ${p.core} y`, [p])).not.toEqual([]);
    expect(findLeaks(`Bearer [redacted]`, ALL)).toEqual([]);
    expect(BEARER_TOKEN.test('authorization: Bearer eyJhbGciOiJIUzI1NiJ9.x')).toBe(true);
  });

  it('validate (text, json) and schema', async () => {
    expect((await run('validate', ['validate', '.'])).code).toBe(0);
    expect((await run('validate json', ['validate', '.', '--format', 'json'])).code).toBe(0);
    expect((await run('schema', ['schema'])).code).toBe(0);
  });

  it('validate refuses a secret variable in plain fields and wrongly typed env values, without echoing them', async () => {
    // Outside the main directory, which later runs plan and apply recursively.
    const dir = await mkdtemp(path.join(tmpdir(), 'skgo-misuse-'));
    await writeFile(
      path.join(dir, 'streamkap.yaml'),
      MANIFEST.replace('database_hostname: pg.internal', 'database_hostname: pg-${env:PG_PASSWORD}.internal')
        .replace('database: leaks', 'database: leaks\n      tasks_max: ${env:CLICKHOUSE_PW}')
        .replace('aws_region: eu-west-1', 'aws_region: ${env:S3_SECRET}'),
    );
    await writeFile(path.join(dir, 'mask.js'), IMPLEMENTATION);
    for (const format of ['text', 'json']) {
      const r = await run(`validate misuse ${format}`, ['validate', dir, '--format', format]);
      expect(r.code).toBe(4);
      expect(r.out + r.err).toContain('environment variable PG_PASSWORD is used by a secret field');
      expect(r.out + r.err).toContain('${env:CLICKHOUSE_PW}');
    }
    const plan = await run('plan misuse', ['plan', dir]);
    expect(plan.code).toBe(4);
    await rm(dir, { recursive: true, force: true });
  });

  it('plan (text, json, markdown, --out) and apply (text)', async () => {
    for (const format of ['text', 'json', 'markdown']) {
      expect((await run(`plan ${format}`, ['plan', '.', '--format', format])).code).toBe(0);
    }
    expect((await run('plan --out', ['plan', '.', '--out', 'plan0.json'])).code).toBe(0);
    await savedFile('plan0.json', 'plan0.json');
    const r = await run('apply', ['apply', '.', '--auto-approve', '--poll-interval', '5']);
    expect(r.code, r.err).toBe(0);
    // The planted values did reach the API: the scan is not vacuous.
    const pg = h.server.emulator.dump().sources.find((s) => s.name === 'orders-pg');
    expect(pg?.config['database.password']).toBe(SECRETS.PG_PASSWORD.value);
  });

  it('status (text, json, markdown) shows no config value', async () => {
    for (const format of ['text', 'json', 'markdown']) {
      const r = await run(`status ${format}`, ['status', '.', '--format', format]);
      expect([0, 2], r.err).toContain(r.code);
      expect(r.out).toContain('orders-to-warehouse');
    }
  });

  it('snapshot (start, 409, stop, invalid tables, with manifests) shows no config value', async () => {
    const start = await run('snapshot', ['snapshot', 'orders-pg', '--tables', 'public.orders']);
    expect(start.code, start.err).toBe(0);
    expect((await run('snapshot 409', ['snapshot', 'orders-pg'])).code).toBe(1);
    expect((await run('snapshot --stop', ['snapshot', 'orders-pg', '--stop'])).code).toBe(0);
    expect((await run('snapshot invalid', ['snapshot', 'orders-pg', '--tables', 'public.nope'])).code).toBe(
      4,
    );
    const owned = await run('snapshot .', [
      'snapshot',
      'orders-pg',
      '.',
      '--where',
      'public.customers=id > 0',
    ]);
    expect(owned.code, owned.err).toBe(0);
    expect((await run('snapshot --stop again', ['snapshot', 'orders-pg', '--stop'])).code).toBe(0);
  });

  it('drift after a secret changed out of band, then apply --format json puts it back', async () => {
    await setPasswordOutOfBand('orders-pg', LATER.oobPg.value);
    for (const format of ['text', 'json', 'markdown']) {
      expect((await run(`drift ${format}`, ['drift', '.', '--format', format])).code).toBe(2);
    }
    expect((await run('plan after drift', ['plan', '.'])).out).toContain('orders-pg');
    const r = await run('apply json', [
      'apply',
      '.',
      '--auto-approve',
      '--format',
      'json',
      '--poll-interval',
      '5',
    ]);
    expect(r.code, r.err).toBe(0);
    expect((await run('drift in sync', ['drift', '.'])).code).toBe(0);
  });

  it('apply --plan with a secret changed since the plan: refused (exit 3), neither value shown', async () => {
    const v2 = { PG_PASSWORD: LATER.pgV2.value };
    expect((await run('plan --out v2', ['plan', '.', '--out', 'plan.json'], v2)).code).toBe(0);
    await savedFile('plan.json', 'plan.json');
    const refused = await run(
      'apply --plan stale secret',
      ['apply', '.', '--plan', 'plan.json', '--auto-approve'],
      { PG_PASSWORD: LATER.pgV3.value },
    );
    expect(refused.code, refused.err).toBe(3);
    expect(refused.err).toContain('changed since the plan was made');
    const ok = await run('apply --plan', ['apply', '.', '--plan', 'plan.json', '--auto-approve'], v2);
    expect(ok.code, ok.err).toBe(0);
    // The live secret changes after the plan was made: the saved plan is stale.
    expect((await run('plan --out v1', ['plan', '.', '--out', 'plan1.json'])).code).toBe(0);
    await savedFile('plan1.json', 'plan1.json');
    await setPasswordOutOfBand('orders-pg', LATER.oobPg.value);
    const stale = await run('apply --plan stale live', [
      'apply',
      '.',
      '--plan',
      'plan1.json',
      '--auto-approve',
    ]);
    expect(stale.code, stale.err).toBe(3);
    expect(stale.err).toContain('source/orders-pg changed since the plan was made');
  });

  it('API failures whose bodies echo the secrets: error messages and debug logs stay clean', async () => {
    await h.write(
      'streamkap.yaml',
      MANIFEST.replace('destinations:', `${LEAKY_SOURCE.slice(1)}destinations:`),
    );
    const pw = SECRETS.LEAKY_PW.value;
    h.server.emulator.configure({
      oneShots: [
        // A Retry-After of 0 s: retried at once, so the retry path logs without slowing the test.
        { method: 'GET', path: '/sources', count: 1, status: 429, retryAfter: 0 },
        {
          method: 'POST',
          path: '/sources',
          count: 1,
          status: 500,
          detail: `could not connect: password authentication failed (password="${pw}", database.password=${pw}) ${JSON.stringify({ config: { 'database.password': pw } })}`,
        },
        {
          method: 'PUT',
          path: '/sources/{id}',
          count: 1,
          status: 400,
          // Echoes the value stored now (set out of band, read by this run's list) and the one sent.
          detail: `invalid config ${JSON.stringify(JSON.stringify({ password: LATER.oobPg.value }))} for ${LATER.oobPg.value} -> ${LATER.pgV3.value}`,
        },
      ],
    });
    const r = await run('apply with failures', ['apply', '.', '--auto-approve', '--poll-interval', '5'], {
      PG_PASSWORD: LATER.pgV3.value,
    });
    expect(r.code, r.err).toBe(1);
    expect(r.err + r.out).toContain('HTTP 500');
    expect(r.err + r.out).toContain('[redacted]');
  });

  it('a failed list echoing a manifest secret before any body carried it: masked (plan exits 1)', async () => {
    await h.write('streamkap.yaml', MANIFEST);
    const pw = SECRETS.PG_PASSWORD.value;
    h.server.emulator.configure({
      oneShots: [{ method: 'GET', path: '/pipelines', count: 1, status: 400, detail: `bad password ${pw}` }],
    });
    const r = await run('plan with a failed list', ['plan', '.']);
    expect(r.code, r.err).toBe(1);
    expect(r.err).toContain('bad password [redacted]');
  });

  it('a 422 whose Pydantic `input` echoes the whole body, through the client with a capturing logger', async () => {
    const { logger, text } = captureLogger();
    const client = createApiClient(
      {
        baseUrl: h.server.url,
        clientId: h.server.clientId,
        clientSecret: CLIENT_SECRET.value,
        maxAttempts: 1,
      },
      logger,
    );
    const source = {
      connector: 'postgresql', // no `name`: the emulator answers 422 with the body as `input`
      config: { 'database.hostname.user.defined': 'pg', 'database.password': SECRETS.PG_PASSWORD.value },
    };
    const pipeline = {
      source: {
        id: 'x',
        connector: 'mongodb',
        config: { 'mongodb.connection.string.user.defined': SECRETS.MONGO_URI.value },
      },
      destination: {
        id: 'y',
        connector: 'snowflake',
        config: { 'snowflake.private.key': SECRETS.SNOWFLAKE_KEY.value },
      },
    };
    try {
      for (const [route, body] of [
        ['/sources', source],
        ['/pipelines', pipeline],
      ] as const) {
        const error = await client.request('POST', route, { body }).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(ApiError);
        const api = error as ApiError;
        expect(api.status).toBe(422);
        expect(api.message).toContain('body.name: Field required');
        // What callers may do with an error: print it, log it whole, put its parts in a report.
        expectClean(`422 ${route} message`, `${api.message}\n${api.hint ?? ''}\n${api.stack ?? ''}`);
        expectClean(`422 ${route} json`, JSON.stringify({ ...api, details: api.details }));
        logger.error({ err: api, details: api.details }, 'create failed');
      }
    } finally {
      await client.close();
    }
    expect(text()).toContain('"msg":"api request"');
    expectClean('client log', text());
  });

  it('the logger masks configs, pipeline embeds, headers and token responses', () => {
    const { logger, text } = captureLogger();
    const pg = SECRETS.PG_PASSWORD.value;
    const embed = {
      source: { config: { 'database.password': pg, 'database.hostname.user.defined': 'pg' } },
      destination: {
        config: {
          'snowflake.private.key': SECRETS.SNOWFLAKE_KEY.value,
          'snowflake.private.key.passphrase': SECRETS.SNOWFLAKE_PASSPHRASE.value,
        },
      },
    };
    logger.debug({ config: { 'database.password': pg } }, 'dotted key');
    logger.debug({ body: { config: { 'aws.access.key.id': SECRETS.DYNAMO_KEY_ID.value } } }, 'body');
    logger.debug({ pipeline: embed }, 'pipeline embed');
    logger.debug({ result: [{ id: 'p1', ...embed }], page: 1 }, 'list page');
    logger.debug(
      { config: { database_password: pg, mongodb_connection_string: SECRETS.MONGO_URI.value } },
      'friendly',
    );
    logger.debug({ keyfile: JSON.parse(SECRETS.BQ_KEYFILE.value) as unknown }, 'json secret as object');
    logger.debug({ config: { keyfile: SECRETS.BQ_KEYFILE.value } }, 'json secret as string');
    logger.debug({ headers: { Authorization: `Bearer ${CLIENT_SECRET.core}-token` } }, 'headers');
    logger.debug({ req: { headers: { authorization: `Bearer ${PLAN_KEY.core}.tok` } } }, 'req headers');
    logger.debug(
      {
        response: {
          accessToken: `${CLIENT_SECRET.core}-a`,
          refreshToken: `${PLAN_KEY.core}-r`,
          expiresIn: 60,
        },
      },
      'token response',
    );
    logger.debug({ client_id: 'c', secret: CLIENT_SECRET.value }, 'token request');
    logger.debug({ value: new SecretValue(SECRETS.S3_SECRET.value, 'env:S3_SECRET') }, 'secret value');
    logger.debug(
      { desired: { config: { aws_secret_access_key: new SecretValue(SECRETS.S3_SECRET.value) } } },
      'model',
    );
    const lines = text().trim().split('\n');
    expect(lines).toHaveLength(13);
    expect(text()).toContain('[redacted]');
    expect(text()).toContain('"database.hostname.user.defined":"pg"');
    expectClean('logger', text());
  });

  it('export (all, owned) writes and prints no secret: secrets become ${env:...} references', async () => {
    await h.write('streamkap.yaml', MANIFEST);
    for (const select of ['all', 'owned']) {
      const out = `exported-${select}`;
      const r = await run(`export ${select}`, [
        'export',
        '--out',
        path.join('..', path.basename(h.dir) + `-${out}`),
        '--select',
        select,
        '--namespace',
        'leaks',
      ]);
      expect(r.code, r.err).toBe(0);
      const root = `${h.dir}-${out}`;
      const files = (await readdir(root, { recursive: true, withFileTypes: true })).filter((f) => f.isFile());
      expect(files.length).toBeGreaterThan(0);
      for (const f of files)
        expectClean(`export ${select} ${f.name}`, await readFile(path.join(f.parentPath, f.name), 'utf8'));
      await rm(root, { recursive: true, force: true });
    }
  });

  it('doctor (text, json, markdown) against the manifests', async () => {
    for (const format of ['text', 'json', 'markdown']) {
      const r = await run(`doctor ${format}`, ['doctor', '.', '--format', format]);
      expect([0, 2], r.err).toContain(r.code);
    }
  });

  it('ci on a GitHub pull request: the comment, the job summary and the outputs', async () => {
    const github = new FakeGitHub('acme/infra', 12, UNRELATED.GITHUB_TOKEN.value);
    await setPasswordOutOfBand('orders-pg', LATER.oobPg.value);
    const server = setupServer(...github.handlers());
    server.listen({ onUnhandledRequest: 'error' });
    const event = path.join(h.dir, 'event.json');
    await writeFile(event, JSON.stringify({ pull_request: { number: 12 } }));
    const ciEnv = {
      GITHUB_ACTIONS: 'true',
      GITHUB_API_URL: GITHUB_API,
      GITHUB_REPOSITORY: 'acme/infra',
      GITHUB_EVENT_PATH: event,
      GITHUB_STEP_SUMMARY: path.join(h.dir, 'summary.md'),
      GITHUB_OUTPUT: path.join(h.dir, 'output.txt'),
    };
    try {
      for (const wrapped of [
        ['plan', '.'],
        ['drift', '.'],
      ]) {
        const r = await run(`ci ${wrapped[0]}`, ['ci', '--', ...wrapped], ciEnv);
        expect(r.code, r.err).toBe(0);
      }
    } finally {
      server.close();
    }
    expect(github.comments.length).toBeGreaterThan(0);
    for (const c of github.comments) expectClean('pull request comment', c.body);
    expectClean('job summary', await readFile(ciEnv.GITHUB_STEP_SUMMARY, 'utf8'));
    expectClean('job outputs', await readFile(ciEnv.GITHUB_OUTPUT, 'utf8'));
  });

  it('answers whose headers and bodies echo secrets, and the JSON error documents of failed runs', async () => {
    const pw = SECRETS.PG_PASSWORD.value;
    const proxy = await startFaultProxy({
      target: h.server.url,
      addHeaders: (_req, status) =>
        status < 400
          ? { 'x-debug-echo': 'nothing' }
          : {
              'x-request-id': `req-${pw}`,
              'www-authenticate': `Bearer error="invalid_token", secret="${CLIENT_SECRET.value}"`,
              'set-cookie': `session=${SECRETS.S3_SECRET.value}`,
              'x-debug-echo': SECRETS.CLICKHOUSE_PW.value,
            },
    });
    const via = { STREAMKAP_API_URL: proxy.url };
    const fail = () =>
      h.server.emulator.configure({
        oneShots: [
          { method: 'GET', path: '/pipelines', count: 10, status: 400, detail: `bad password ${pw}` },
        ],
      });
    try {
      for (const format of ['text', 'json', 'markdown']) {
        fail();
        const r = await run(
          `plan via echoing proxy ${format}`,
          ['plan', '.', '--format', format, '--max-retries', '0'],
          via,
        );
        expect(r.code, r.err).toBe(1);
        if (format === 'json') expect(JSON.parse(r.out)).toMatchObject({ error: { exit_code: 1 } });
      }
      fail();
      const apply = await run(
        'apply via echoing proxy json',
        ['apply', '.', '--auto-approve', '--format', 'json', '--max-retries', '0'],
        via,
      );
      expect(apply.code, apply.err).toBe(1);
      expect(JSON.parse(apply.out)).toMatchObject({ error: { exit_code: 1 } });
    } finally {
      h.server.emulator.configure({ oneShots: [] });
      await proxy.close();
    }
  });

  it('implementation_file at the environment (absolute, ../ and a symlink): refused in every command and format, nothing of it shown', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'skgo-environ-'));
    const refs = {
      absolute: '/proc/self/environ',
      dotdot: '../../../../../../../../../../proc/self/environ',
      link: 'env.js',
    };
    for (const [name, ref] of Object.entries(refs)) {
      await mkdir(path.join(root, name));
      await writeFile(
        path.join(root, name, 'streamkap.yaml'),
        MANIFEST.replace('implementation_file: mask.js', `implementation_file: ${ref}`),
      );
      if (name === 'link') await symlink('/proc/self/environ', path.join(root, name, 'env.js'));
    }
    const runs = Object.keys(refs).flatMap((d) => [
      ['validate', d, '--format', 'json'],
      ['plan', d],
      ['plan', d, '--format', 'json'],
      ['plan', d, '--format', 'markdown', '--out', `${d}.plan.json`],
      ['apply', d, '--auto-approve', '--format', 'json'],
      ['drift', d, '--format', 'markdown'],
      [...VERBOSE, 'plan', d],
    ]);
    const before = h.server.emulator.stats().total;
    const env = { ...process.env, ...h.env(), ...baseEnv, CHAOS_ENVIRON_ONLY: ENVIRON_ONLY.value };
    const stdout = await new Promise<string>((resolve, reject) =>
      execFile(
        process.execPath,
        [
          '--import',
          import.meta.resolve('tsx'),
          path.resolve('test/e2e/environ-child.ts'),
          JSON.stringify(runs),
        ],
        { cwd: root, env, maxBuffer: 64 * 1024 * 1024 },
        (error, out, err) => (error ? reject(new Error(`${error.message}\n${err}`)) : resolve(out)),
      ),
    );
    const results = JSON.parse(stdout) as { args: string[]; code: number; out: string; err: string }[];
    expect(results).toHaveLength(runs.length);
    for (const r of results) {
      const label = `environ ${r.args.join(' ')}`;
      expect(r.code, `${label}\n${r.err}`).toBe(4);
      expectClean(`${label} stdout`, r.out);
      expectClean(`${label} stderr`, r.err);
      expect(r.out + r.err, label).toMatch(/implementation file .*(absolute path|leaves the manifest root)/);
    }
    for (const d of Object.keys(refs)) expect(existsSync(path.join(root, `${d}.plan.json`))).toBe(false);
    expect(h.server.emulator.stats().total, 'no API request').toBe(before);
    await rm(root, { recursive: true, force: true });
  });

  it('every captured text was scanned', () => {
    expect(seen.length).toBeGreaterThan(20);
    expect(findLeaks(seen.map((s) => s.text).join('\n'), ALL)).toEqual([]);
  });
});
