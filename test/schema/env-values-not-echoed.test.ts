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
      database_port: \${env:DB_PORT}
      streamkap_snapshot_parallelism: \${env:PIN}
      database_user: u
      database_password: \${env:PG_PASSWORD}
      database_dbname: d
      schema_include_list: public
      table_include_list: public.t
      snapshot_read_only: \${env:SNAPSHOT_MODE}
      heartbeat_enabled: x-\${env:HEARTBEAT}
`,
    });
    cleanup = files.cleanup;
    const { problems } = await validateManifests(['m.yaml'], {
      cwd: files.dir,
      env: { PG_PASSWORD: 'pw', DB_PORT: SECRET, SNAPSHOT_MODE: SECRET, HEARTBEAT: SECRET, PIN: '9999999' },
    });
    const messages = problems.map((p) => p.message);
    expect(messages).toEqual([
      'expected an integer, got "${env:DB_PORT}" (value from the environment, not shown)',
      '"${env:PIN}" (value from the environment, not shown) is out of range',
      '"${env:SNAPSHOT_MODE}" (value from the environment, not shown) is not an allowed value of "snapshot_read_only"',
      'expected a boolean, got "x-${env:HEARTBEAT}" (value from the environment, not shown)',
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
    const { problems } = await validateManifests(['m.yaml'], {
      cwd: files.dir,
      env: { PG_PASSWORD: SECRET },
    });
    expect(problems.map((p) => p.message)).toEqual(['expected an integer, got "fifty"']);
  });

  it('refuses a variable of a secret field in a non-secret value, wherever the secret use is', async () => {
    const files = manifestDir({
      'a.yaml': `namespace: x
sources:
  - name: a
    connector: postgresql
    config:
      database_hostname: db-\${env:PG_PASSWORD}.internal
      database_user: \${env:PG_USER}
      database_password: \${env:OTHER_PASSWORD}
      database_dbname: d
      schema_include_list: public
      table_include_list: public.t
    extra_config:
      connection.url: jdbc:postgresql://u:\${env:PG_PASSWORD}@h/d
`,
      'b.yaml': `sources:
  - name: b
    connector: postgresql
    config:
      database_hostname: h
      database_user: \${env:PG_USER}
      database_password: \${env:PG_PASSWORD}
      database_dbname: d
      schema_include_list: public
      table_include_list: public.t
`,
    });
    cleanup = files.cleanup;
    const env = { PG_PASSWORD: SECRET, PG_USER: 'streamkap', OTHER_PASSWORD: 'o' };
    const { problems, state } = await validateManifests(['.'], { cwd: files.dir, env });
    expect(state).toBeUndefined();
    const errors = problems.filter((p) => p.severity === 'error');
    expect(errors.map((p) => `${p.file}:${p.line} ${p.path} ${p.message}`)).toEqual([
      'a.yaml:6 sources[0].config.database_hostname environment variable PG_PASSWORD is used by a secret field, so its value would be shown here in plans and logs',
      'a.yaml:13 sources[0].extra_config["connection.url"] environment variable PG_PASSWORD is used by a secret field, so its value would be shown here in plans and logs',
    ]);
    expect(JSON.stringify(problems)).not.toContain('PLANTED');
  });
});
