/**
 * Secrets survive adoption: the API reads every secret back as null (withheld), and the variables
 * the export named hold other values. Adopting writes the ownership tag and leaves each stored
 * secret as it was; only --resend-secrets sends the variables' values.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.js';

let h: Harness;
const STORED = { pg: 'stored-pg-pw-7c1e', ch: 'stored-ch-pw-2b9d' };
const OTHER = {
  LEGACY_PG_DATABASE_PASSWORD: 'other-value-1',
  LEGACY_CH_CONNECTION_PASSWORD: 'other-value-2',
};

beforeAll(async () => {
  // NOTE: merge keeps a key a PUT leaves out: how a server that withholds secrets must behave for any
  // client to update an object without knowing them.
  h = await startHarness({ secretReturnedHonoured: false, secretMask: 'null', putConfig: 'merge' });
  h.server.emulator.seed({
    sources: [
      {
        name: 'legacy-pg',
        connector: 'postgresql',
        config: {
          'database.hostname.user.defined': 'pg.internal',
          'database.user': 'reader',
          'database.password': STORED.pg,
          'database.dbname': 'shop',
          'schema.include.list': 'public',
          'table.include.list.user.defined': 'public.orders',
        },
      },
    ],
    destinations: [
      {
        name: 'legacy-ch',
        connector: 'clickhouse',
        config: {
          hostname: 'ch.internal',
          'connection.username': 'writer',
          'connection.password': STORED.ch,
          database: 'shop',
        },
      },
    ],
  } as never);
});
afterAll(() => h.close());

function stored(): { pg: unknown; ch: unknown } {
  const d = h.server.emulator.dump();
  return {
    pg: d.sources.find((s) => s.name === 'legacy-pg')?.config['database.password'],
    ch: d.destinations.find((s) => s.name === 'legacy-ch')?.config['connection.password'],
  };
}

describe('export --select unowned, then apply --adopt, with secrets read back as null', () => {
  it('adds the ownership tag and leaves every stored secret as it was', async () => {
    const r = await h.cli(['export', '--out', 'adopt', '--namespace', 'legacy', '--select', 'unowned']);
    expect(r.code, r.out + r.err).toBe(0);
    expect(r.out).toContain('LEGACY_PG_DATABASE_PASSWORD');
    expect(r.out).toContain('LEGACY_CH_CONNECTION_PASSWORD');

    const plan = await h.cli(['plan', 'adopt', '--adopt'], OTHER);
    expect(plan.code, plan.out + plan.err).toBe(0);
    expect(plan.out).not.toContain('sensitive');

    const apply = await h.cli(['apply', 'adopt', '--adopt', '--auto-approve'], OTHER);
    expect(apply.code, apply.out + apply.err).toBe(0);
    expect(stored()).toEqual(STORED);
    const again = await h.cli(['plan', 'adopt', '--detailed-exitcode'], OTHER);
    expect(again.code, again.out + again.err).toBe(0);
  });

  it('--resend-secrets sends the variables’ values', async () => {
    const apply = await h.cli(['apply', 'adopt', '--resend-secrets', '--auto-approve'], OTHER);
    expect(apply.code, apply.out + apply.err).toBe(0);
    expect(stored()).toEqual({
      pg: OTHER.LEGACY_PG_DATABASE_PASSWORD,
      ch: OTHER.LEGACY_CH_CONNECTION_PASSWORD,
    });
  });
});
