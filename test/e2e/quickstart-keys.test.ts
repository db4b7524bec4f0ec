/**
 * An object made the quickstart's way (api-notes §5.2, §5.3, §5.5): created with the short keys
 * (`database.hostname`, `database.port`, `table.include.list`) and read back with every scalar as
 * text and booleans as "yes"/"no". A manifest that says the same plans nothing; a real change shows;
 * an update keeps the short keys, and one that would stop capturing a table is destructive.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiCall, EXAMPLE_SECRETS, startHarness, type Harness } from './harness.js';

let h: Harness;

beforeEach(async () => {
  h = await startHarness({ quickstartKeys: true, stringEncoding: 'all', booleanText: 'yes-no' });
});

afterEach(async () => {
  await h.close();
});

const MANIFEST = `namespace: shop
sources:
  - name: orders-db
    connector: postgresql
    config:
      database_hostname: db.internal
      database_port: 5432
      database_user: streamkap
      database_password: \${env:ORDERS_DB_PASSWORD}
      database_dbname: shop
      schema_include_list: public
      table_include_list: public.orders,public.customers
      heartbeat_enabled: true
      ssh_enabled: false
`;

/** The quickstart's create: short keys, booleans as it writes them, the ownership tag by id. */
async function createTheQuickstartWay(): Promise<void> {
  const tag = (await apiCall(h.server, 'POST', '/tags', {
    name: 'gitops:shop',
    description: null,
    type: ['sources'],
    created_from: 'api',
  })) as { id: string };
  await apiCall(h.server, 'POST', '/sources?secret_returned=true&wait=false', {
    name: 'orders-db',
    connector: 'postgresql',
    created_from: 'api',
    tags: [tag.id],
    config: {
      'database.hostname': 'db.internal',
      'database.port': '5432',
      'database.user': 'streamkap',
      'database.password': EXAMPLE_SECRETS.ORDERS_DB_PASSWORD,
      'database.dbname': 'shop',
      'schema.include.list': 'public',
      'table.include.list': 'public.orders,public.customers',
      'heartbeat.enabled': 'yes',
      'ssh.enabled': 'no',
    },
  });
}

describe('an object created the quickstart way', () => {
  it('plans nothing when the manifest says the same, and shows a real change', async () => {
    await createTheQuickstartWay();
    const stored = h.server.emulator.dump().sources[0]?.config ?? {};
    expect(Object.keys(stored)).toContain('database.hostname');
    expect(Object.keys(stored)).not.toContain('database.hostname.user.defined');
    const file = await h.write('streamkap.yaml', MANIFEST);

    const same = await h.cli(['plan', file, '--detailed-exitcode']);
    expect(same.code, same.out + same.err).toBe(0);
    expect(same.out).toContain('No changes');

    await h.write('streamkap.yaml', MANIFEST.replace('database_port: 5432', 'database_port: 5433'));
    const changed = await h.cli(['plan', file, '--detailed-exitcode']);
    expect(changed.code, changed.out + changed.err).toBe(2);
    expect(changed.out).toContain('config.database_port = 5432 -> 5433');
    expect(changed.out).toContain('Plan: 0 to create, 1 to update, 0 to replace, 0 to delete.');
  });

  it('adding a table keeps capturing the others; dropping one is destructive and needs --allow-destructive', async () => {
    await createTheQuickstartWay();
    const file = await h.write(
      'streamkap.yaml',
      MANIFEST.replace('public.customers', 'public.customers,public.refunds'),
    );
    const added = await h.cli(['apply', file, '--auto-approve']);
    expect(added.code, added.out + added.err).toBe(0);
    const topics = () => h.server.emulator.dump().sources[0]?.config ?? {};
    expect(topics()).toMatchObject({
      'table.include.list': 'public.orders,public.customers,public.refunds',
      'table.include.list.user.defined': 'public.orders,public.customers,public.refunds',
      'database.hostname': 'db.internal',
    });
    expect((await h.cli(['plan', file, '--detailed-exitcode'])).code).toBe(0);

    await h.write('streamkap.yaml', MANIFEST.replace(',public.customers', ''));
    const narrowed = await h.cli(['plan', file]);
    expect(narrowed.out).toContain('stops capturing public.customers, public.refunds');
    expect(narrowed.out).toContain('Destructive changes: source/orders-db');
    const refused = await h.cli(['apply', file, '--auto-approve']);
    expect(refused.code, refused.out + refused.err).toBe(3);
    expect(topics()['table.include.list']).toBe('public.orders,public.customers,public.refunds');
    const applied = await h.cli(['apply', file, '--auto-approve', '--allow-destructive']);
    expect(applied.code, applied.out + applied.err).toBe(0);
    expect(topics()['table.include.list']).toBe('public.orders');
    expect((await h.cli(['plan', file, '--detailed-exitcode'])).code).toBe(0);
  });
});
