import { describe, expect, it } from 'vitest';
import { SecretVariables, secretVariableName } from '../../src/export/env-names.js';

const VALID = /^[A-Za-z_][A-Za-z0-9_]*$/;

describe('secret variable names', () => {
  it.each([
    ['orders-db', 'database_password', 'ORDERS_DB_DATABASE_PASSWORD'],
    ['Orders DB', 'database_password', 'ORDERS_DB_DATABASE_PASSWORD'],
    ['1st db', 'password', '_1ST_DB_PASSWORD'],
    ['日本', 'password', 'PASSWORD'],
    ['../x', 'ssh_key', 'X_SSH_KEY'],
    ['', '', 'SECRET'],
  ])('%j %j → %s', (resource, field, name) => {
    expect(secretVariableName(resource, field)).toBe(name);
  });

  it('are unique, valid, never the tool’s own, and handed out in the order asked', () => {
    const vars = new SecretVariables();
    const names = [
      vars.name('source', 'orders-db', 'database_password'),
      vars.name('destination', 'Orders DB', 'database_password'),
      vars.name('source', 'streamkap', 'client_secret'),
      vars.name('source', 'x'.repeat(300), 'password'),
    ];
    expect(names.slice(0, 3)).toEqual([
      'ORDERS_DB_DATABASE_PASSWORD',
      'ORDERS_DB_DATABASE_PASSWORD_2',
      'STREAMKAP_CLIENT_SECRET_2',
    ]);
    for (const n of names) expect(n).toMatch(VALID);
    expect(vars.all.map((v) => v.name)).toEqual(names);
    expect(vars.all[1]).toEqual({
      name: 'ORDERS_DB_DATABASE_PASSWORD_2',
      kind: 'destination',
      resource: 'Orders DB',
      field: 'database_password',
    });
  });
});
