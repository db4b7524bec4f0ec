/**
 * A value from the environment is never echoed in a validation message: the variable may hold a
 * secret put in the wrong field. Messages show the manifest text (the reference) instead.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { validateManifests } from '../../src/schema/index.js';
import { manifestDir } from './helpers.js';

const SECRET = 'S3cr3t-PLANTED-env-value-41';

let cleanup: () => void = () => undefined;
afterEach(() => cleanup());

describe('validation messages and environment values', () => {
  it('shows ${env:NAME}, not its value, for wrongly typed or disallowed values', async () => {
    const files = manifestDir({
      'm.yaml': `namespace: x
sources:
  - name: a
    connector: postgresql
    config:
      database_hostname: h
      database_port: \${env:PG_PASSWORD}
      streamkap_snapshot_parallelism: \${env:PIN}
      database_user: u
      database_password: \${env:PG_PASSWORD}
      database_dbname: d
      schema_include_list: public
      table_include_list: public.t
      snapshot_read_only: \${env:PG_PASSWORD}
      heartbeat_enabled: x-\${env:PG_PASSWORD}
`,
    });
    cleanup = files.cleanup;
    const { problems } = await validateManifests(['m.yaml'], { cwd: files.dir, env: { PG_PASSWORD: SECRET, PIN: '9999999' } });
    const messages = problems.map((p) => p.message);
    expect(messages).toEqual([
      'expected an integer, got "${env:PG_PASSWORD}" (value from the environment, not shown)',
      '"${env:PIN}" (value from the environment, not shown) is out of range',
      '"${env:PG_PASSWORD}" (value from the environment, not shown) is not an allowed value of "snapshot_read_only"',
      'expected a boolean, got "x-${env:PG_PASSWORD}" (value from the environment, not shown)',
    ]);
    expect(JSON.stringify(problems)).not.toMatch(/PLANTED|9999999/);
  });

  it('still shows literal values', async () => {
    const files = manifestDir({
      'm.yaml': `namespace: x
sources:
  - name: a
    connector: postgresql
    config:
      database_hostname: h
      database_port: fifty
      database_user: u
      database_password: \${env:PG_PASSWORD}
      database_dbname: d
      schema_include_list: public
      table_include_list: public.t
`,
    });
    cleanup = files.cleanup;
    const { problems } = await validateManifests(['m.yaml'], { cwd: files.dir, env: { PG_PASSWORD: SECRET } });
    expect(problems.map((p) => p.message)).toEqual(['expected an integer, got "fifty"']);
  });
});
