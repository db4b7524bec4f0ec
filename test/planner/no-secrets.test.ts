import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { inputsDigest, makeSavedPlan, savePlan } from '../../src/cli/plan-io.js';
import { SecretValue } from '../../src/model/index.js';
import { buildPlan, detectDrift } from '../../src/planner/index.js';
import {
  renderDriftJson,
  renderDriftMarkdown,
  renderDriftText,
  renderPlanJson,
  renderPlanMarkdown,
  renderPlanText,
} from '../../src/render/index.js';
import {
  desiredState,
  destination,
  HMAC_KEY,
  liveState,
  pgSource,
  secret,
  serverEcho,
  snowflakeDest,
  source,
} from './fixtures.js';

// Unique, greppable values that must never leave memory.
const PLANTED = {
  created: 'PLANTED-create-7f3a9c',
  desiredRotated: 'PLANTED-rotated-1b2c3d',
  liveOld: 'PLANTED-live-old-9e8d7c',
  replaced: 'PLANTED-replace-5a6b7c',
  liveOfReplaced: 'PLANTED-live-replaced-4d4d4d',
  keyfile: '{"private_key":"PLANTED-keyfile-0f0f0f"}',
};

function scenario() {
  const created = source('new-db', 'postgresql', {
    database_hostname: 'h',
    database_user: 'u',
    database_password: secret(PLANTED.created, 'NEW_PW'),
    database_dbname: 'd',
    schema_include_list: 'public',
    table_include_list: 'public.t',
  });
  const rotated = pgSource({}, { database_password: secret(PLANTED.desiredRotated, 'PG_PASSWORD') });
  const liveRotated = serverEcho(pgSource({}, { database_password: new SecretValue(PLANTED.liveOld) }), {
    id: 1,
  });
  const replaced = snowflakeDest(
    {},
    { snowflake_private_key: secret(PLANTED.replaced, 'SF_KEY'), ingestion_mode: 'append' },
  );
  const liveReplaced = serverEcho(
    snowflakeDest(
      {},
      { snowflake_private_key: new SecretValue(PLANTED.liveOfReplaced), ingestion_mode: 'upsert' },
    ),
    { id: 2 },
  );
  const bq = destination('bq', 'bigquery', {
    keyfile: secret(PLANTED.keyfile, 'BQ_KEYFILE'),
    table_name_prefix: 'x',
  });
  return {
    desired: desiredState([created, rotated, replaced, bq]),
    live: liveState([liveRotated, liveReplaced]),
  };
}

function expectClean(label: string, text: string): void {
  for (const value of Object.values(PLANTED)) {
    expect(text.includes(value), `${label} contains ${value}`).toBe(false);
    expect(text.includes(value.slice(8, 20)), `${label} contains part of ${value}`).toBe(false);
  }
}

describe('no secret value in any rendering or saved plan', () => {
  const { desired, live } = scenario();
  const plan = buildPlan(desired, live, { hmacKey: HMAC_KEY });

  it('the plan does see the secret changes', () => {
    const sensitive = plan.actions.flatMap((a) =>
      a.changes.filter((c) => c.sensitive).map((c) => `${a.id} ${c.path}`),
    );
    expect(sensitive).toEqual(
      expect.arrayContaining([
        'source/new-db config.database_password',
        'source/orders-db config.database_password',
        'destination/bq config.keyfile',
      ]),
    );
  });

  it('text, JSON and Markdown renderings', () => {
    expectClean('text', renderPlanText(plan, { color: false }));
    expectClean('json', renderPlanJson(plan));
    expectClean('markdown', renderPlanMarkdown(plan));
    expectClean('plan value', JSON.stringify(plan));
  });

  it('the saved plan file', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'sg-plan-')), 'plan.json');
    await savePlan(
      file,
      makeSavedPlan(plan, {
        inputsDigest: inputsDigest(desired.files),
        createdAt: new Date(0),
        options: { hmacKey: HMAC_KEY },
      }),
    );
    const text = readFileSync(file, 'utf8');
    expectClean('saved plan', text);
    expect(text).not.toContain(HMAC_KEY);
    expect(text).toContain('"$secret"');
  });

  it('drift renderings', () => {
    const report = detectDrift(desired, live);
    expectClean('drift text', renderDriftText(report));
    expectClean('drift json', renderDriftJson(report));
    expectClean('drift markdown', renderDriftMarkdown(report));
  });
});
