/**
 * The kind registry's proof: a standalone kind nothing in src/ knows (test/kinds/kafka-user.ts, with
 * its own emulator routes) is registered at run time and goes through validate → plan → apply →
 * plan (empty), an update, a saved plan and a delete, against the emulator over real HTTP. No switch
 * in src/ was touched for it; its types join the model's maps by module augmentation, so the whole
 * project type-checks with a sixth kind too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registry } from '../../src/kinds/registry.js';
import { buildManifestSchema } from '../../src/schema/index.js';
import { startHarness, type Harness } from '../e2e/harness.js';
import { kafkaUserKind } from './kafka-user.js';
import { kafkaUserRoutes } from './kafka-user-emulator.js';

const MANIFEST = (topics: string) => `namespace: shop
kafka_users:
  - name: analytics
    topics: [${topics}]
  - name: billing
    topics: [invoices]
    read_only: false
`;

let h: Harness;
let unregister: () => void;

beforeAll(async () => {
  unregister = registry.register(kafkaUserKind);
  h = await startHarness({ kinds: [kafkaUserRoutes] });
});

afterAll(async () => {
  await h.close();
  unregister();
});

function users(): { name: string; topics: string[]; read_only: boolean; tags: string[] | null }[] {
  const all = h.server.emulator.store.collection('kafka_user').all();
  return [...all].sort((a, b) => (a.name < b.name ? -1 : 1)) as never;
}

describe('a kind registered at run time', () => {
  it('takes its place in the registry: after the tags it carries, with its manifest section', () => {
    expect(registry.applyOrder).toEqual([
      'tag',
      'source',
      'destination',
      'transform',
      'pipeline',
      'kafka_user',
    ]);
    const schema = buildManifestSchema('runtime') as { properties: Record<string, unknown> };
    expect(Object.keys(schema.properties)).toContain('kafka_users');
  });

  it('validates, plans, applies, and then plans nothing', async () => {
    await h.write('users.yaml', MANIFEST('orders, customers'));
    const valid = await h.cli(['validate', 'users.yaml']);
    expect(valid.code, valid.out + valid.err).toBe(0);
    expect(valid.out).toContain('valid: namespace "shop", 1 file, 2 kafka_users');

    const plan = await h.cli(['plan', 'users.yaml', '--detailed-exitcode']);
    expect(plan.code, plan.out + plan.err).toBe(2);
    expect(plan.out).toContain('+ kafka_user/analytics');
    expect(plan.out).toContain('+ kafka_user/billing');

    const apply = await h.cli(['apply', 'users.yaml', '--auto-approve']);
    expect(apply.code, apply.out + apply.err).toBe(0);
    const ownTag = h.server.emulator.store.tags.named('gitops:shop')[0]?.id;
    expect(users()).toEqual([
      expect.objectContaining({
        name: 'analytics',
        topics: ['customers', 'orders'],
        read_only: true,
        tags: [ownTag],
      }),
      expect.objectContaining({ name: 'billing', topics: ['invoices'], read_only: false, tags: [ownTag] }),
    ]);

    const again = await h.cli(['plan', 'users.yaml', '--detailed-exitcode']);
    expect(again.code, again.out + again.err).toBe(0);
  });

  it('updates through a saved plan, whose payload is checked against the kind', async () => {
    await h.write('users.yaml', MANIFEST('orders, customers, refunds'));
    const plan = await h.cli(['plan', 'users.yaml', '--out', 'plan.json']);
    expect(plan.code, plan.out + plan.err).toBe(0);
    expect(plan.out).toContain('~ kafka_user/analytics');
    const apply = await h.cli(['apply', '--plan', 'plan.json', 'users.yaml', '--auto-approve']);
    expect(apply.code, apply.out + apply.err).toBe(0);
    expect(users()[0]?.topics).toEqual(['customers', 'orders', 'refunds']);
    expect((await h.cli(['plan', 'users.yaml', '--detailed-exitcode'])).code).toBe(0);
  });

  it('deletes what the namespace owns and the manifests no longer declare', async () => {
    await h.write('users.yaml', 'namespace: shop\nkafka_users: []\n');
    const plan = await h.cli(['plan', 'users.yaml']);
    expect(plan.out).toContain('- kafka_user/analytics');
    const apply = await h.cli(['apply', 'users.yaml', '--auto-approve']);
    expect(apply.code, apply.out + apply.err).toBe(0);
    expect(users()).toEqual([]);
  });
});
