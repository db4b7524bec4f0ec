import { describe, expect, it } from 'vitest';
import type { PlanPayload } from '../../src/model/index.js';
import { changedSecretsOnly } from '../../src/planner/rules/secret-payload.js';

const ref = (name: string) => ({ $secret: { ref: `env:${name}`, hmac: 'h' } });

const payload = {
  name: 'orders-db',
  connector: 'postgresql',
  config: { database_hostname: 'db', database_password: ref('PW'), ssh_key: ref('KEY') },
  extraConfig: {},
  tags: ['gitops:shop'],
} as unknown as PlanPayload;

describe('rule 9 on update: a secret is sent only where the plan shows it changed', () => {
  it('drops every secret when only tags change (an adopt), keeps the rest as it is', () => {
    expect(changedSecretsOnly(payload, [{ path: 'tags', before: [], after: ['gitops:shop'] }])).toEqual({
      name: 'orders-db',
      connector: 'postgresql',
      config: { database_hostname: 'db' },
      extraConfig: {},
      tags: ['gitops:shop'],
    });
  });

  it('keeps a secret whose change the plan shows (known to differ, or --resend-secrets)', () => {
    const out = changedSecretsOnly(payload, [{ path: 'config.ssh_key', sensitive: true }]);
    expect((out as unknown as { config: unknown }).config).toEqual({
      database_hostname: 'db',
      ssh_key: ref('KEY'),
    });
  });
});
