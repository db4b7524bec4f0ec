/**
 * Issue 12, items 1, 2, 8 and 9 end to end: the CLI in-process against the emulator. A symlinked
 * manifest inside the root is followed (what it declares is not deleted); hostile file references,
 * special files, control characters, invalid UTF-8 and unusable `--out` targets are exit 4 before
 * any API request, and a refused file's content appears in no output and no plan file.
 */
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nullDevice } from '../helpers/null-device.js';
import { namesIn, startHarness, type Harness, type RunResult } from './harness.js';

const MARKER = 'E2E-CONFINE-MARKER-5c0ffee';
const NO_HANG_MS = 30_000;

const MAIN = `namespace: links
sources:
  - name: orders-db
    connector: postgresql
    config:
      database_hostname: orders.db.internal
      database_user: streamkap
      database_password: \${env:ORDERS_DB_PASSWORD}
      database_dbname: orders
      schema_include_list: public
      table_include_list: [public.orders]
destinations:
  - name: warehouse
    connector: snowflake
    config:
      snowflake_url_name: acme-xy12345.snowflakecomputing.com
      snowflake_user_name: STREAMKAP_USER
      snowflake_private_key: \${env:SNOWFLAKE_PRIVATE_KEY}
      snowflake_database_name: RAW
      snowflake_schema_name: SHOP
`;
const MORE = `destinations:
  - name: analytics
    connector: clickhouse
    config:
      hostname: clickhouse.internal
      connection_username: streamkap
      connection_password: \${env:CLICKHOUSE_PASSWORD}
      database: shop
`;
const TRANSFORM = (ref: string): string =>
  `namespace: links\ntransforms:\n  - name: t\n    type: map_filter\n    implementation_file: ${JSON.stringify(ref)}\n`;

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  writeFileSync(path.join(h.dir, 'secret.js'), `// ${MARKER}\n`);
});
afterAll(async () => {
  await h.close();
});

let n = 0;
/** A fresh manifest root under the harness directory; returns its name (relative to the cwd). */
function root(files: Record<string, string>, setup: (dir: string) => void = () => undefined): string {
  const name = `root-${n++}`;
  const dir = path.join(h.dir, name);
  mkdirSync(dir);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  setup(dir);
  return name;
}

/** Runs the CLI and checks it is exit 4 without any API request and without the marker anywhere. */
async function refused(args: string[]): Promise<RunResult> {
  const before = h.server.emulator.stats().total;
  const r = await h.cli(args);
  expect(r.code, r.out + r.err).toBe(4);
  expect(h.server.emulator.stats().total).toBe(before);
  expect(r.out + r.err).not.toContain(MARKER);
  expect(r.out + r.err).not.toContain('internal error');
  expect(r.out + r.err).not.toContain('\u001b');
  return r;
}

describe('symlinked manifests against the emulator', () => {
  it('follows a linked file and directory inside the root: nothing they declare is planned for deletion', async () => {
    const dir = root({ 'main.yaml': MAIN, 'more.yaml': MORE, 'team/extra.yaml': 'tags:\n  - name: extra\n' });
    const applied = await h.cli(['apply', dir, '--auto-approve']);
    expect(applied.code, applied.out + applied.err).toBe(0);
    expect(namesIn(h.server).destinations).toEqual(['analytics', 'warehouse']);
    // The same manifests, now reached only through symlinks (hidden directories are not searched).
    const abs = path.join(h.dir, dir);
    mkdirSync(path.join(abs, '.shared'));
    writeFileSync(path.join(abs, '.shared/more.yaml'), MORE);
    rmSync(path.join(abs, 'more.yaml'));
    symlinkSync('.shared/more.yaml', path.join(abs, 'more.yaml'));
    execFileSync('mv', [path.join(abs, 'team'), path.join(abs, '.team')]);
    symlinkSync('.team', path.join(abs, 'team'));
    const plan = await h.cli(['plan', dir, '--detailed-exitcode']);
    expect(plan.out, plan.out).toContain('No changes.');
    expect(plan.code, plan.out + plan.err).toBe(0);
  });

  it('refuses a directory link out of the root, and a loop, before any request', async () => {
    const out = root({ 'main.yaml': MAIN }, (d) => symlinkSync(h.dir, path.join(d, 'up')));
    const r = await refused(['plan', out]);
    expect(r.err).toMatch(new RegExp(`^${out}/up:1:1 +symbolic link leaves the manifest root`, 'm'));
    const loop = root({ 'main.yaml': MAIN }, (d) => symlinkSync('.', path.join(d, 'again')));
    expect((await refused(['plan', loop])).err).toMatch(
      new RegExp(`^${loop}/again:1:1 +symbolic link loop`, 'm'),
    );
  });
});

describe('file references and special files: exit 4 before any request, content never shown', () => {
  it.each([
    [
      'an absolute path',
      () => root({ 'm.yaml': TRANSFORM(path.join(h.dir, 'secret.js')) }),
      'is an absolute path',
    ],
    ['a ../ path', () => root({ 'm.yaml': TRANSFORM('../secret.js') }), 'leaves the manifest root'],
    [
      'a symlink out of the root',
      () =>
        root({ 'm.yaml': TRANSFORM('t.js') }, (d) =>
          symlinkSync(path.join(h.dir, 'secret.js'), path.join(d, 't.js')),
        ),
      'is a symbolic link that leaves the manifest root',
    ],
    [
      'a link to /proc/self/environ',
      () =>
        root({ 'm.yaml': TRANSFORM('t.js') }, (d) => symlinkSync('/proc/self/environ', path.join(d, 't.js'))),
      'is a symbolic link that leaves the manifest root',
    ],
    [
      'a link to /dev/zero',
      () => root({ 'm.yaml': TRANSFORM('t.js') }, (d) => symlinkSync('/dev/zero', path.join(d, 't.js'))),
      'is a symbolic link that leaves the manifest root',
    ],
    [
      'a FIFO',
      () => root({ 'm.yaml': TRANSFORM('t.js') }, (d) => execFileSync('mkfifo', [path.join(d, 't.js')])),
      'is not a regular file: it is a FIFO (named pipe)',
    ],
  ])('implementation_file as %s', { timeout: NO_HANG_MS }, async (_label, make, message) => {
    const dir = make();
    const commands = [
      ['plan', dir, '--out', 'never.json'],
      ['plan', dir, '--format', 'json'],
      ['apply', dir, '--auto-approve'],
      ['drift', dir, '--format', 'markdown'],
      ['validate', dir],
    ];
    for (const args of commands) {
      const r = await refused(args);
      const printed = args[0] === 'validate' ? r.out : r.err;
      expect(printed).toContain(`${dir}/m.yaml:5:26  transforms[0].implementation_file  implementation file`);
      expect(printed).toContain(message);
      expect(printed).not.toContain('PATH=');
    }
    expect(existsSync(path.join(h.dir, 'never.json'))).toBe(false);
  });

  it('a FIFO as a manifest argument', { timeout: NO_HANG_MS }, async () => {
    const dir = root({}, (d) => execFileSync('mkfifo', [path.join(d, 'pipe.yaml')]));
    const r = await refused(['plan', `${dir}/pipe.yaml`]);
    expect(r.err).toContain('not a regular file or directory: it is a FIFO (named pipe)');
  });

  it('a name with ESC, shown escaped', async () => {
    const dir = root({ 'm.yaml': 'namespace: links\ntags:\n  - name: "x\\u001b[2Jy"\n' });
    const r = await refused(['plan', dir]);
    expect(r.err).toContain('value "x\\u001b[2Jy" contains the control character \\u001b');
  });

  it('a manifest that is not UTF-8', async () => {
    const dir = root({});
    writeFileSync(path.join(h.dir, dir, 'm.yaml'), Buffer.from([0x6e, 0x3a, 0x20, 0xff, 0x0a]));
    const r = await refused(['plan', dir]);
    expect(r.err).toMatch(
      new RegExp(`^${dir}/m.yaml:1:4 +not valid UTF-8: the bytes at offset 3 \\(line 1\\)`, 'm'),
    );
  });
});

describe('plan --out targets', () => {
  it.each([
    ['a directory', (p: string) => mkdirSync(p), 'a directory'],
    ['a symlink', (p: string) => symlinkSync('secret.js', p), 'a symbolic link'],
    ['a FIFO', (p: string) => execFileSync('mkfifo', [p]), 'a FIFO (named pipe)'],
  ])(
    'refuses %s before any request, and leaves it alone',
    { timeout: NO_HANG_MS },
    async (_label, plant, kind) => {
      const dir = root({ 'main.yaml': MAIN });
      const target = path.join(h.dir, `${dir}-out.json`);
      plant(target);
      const r = await refused(['plan', dir, '--out', `${dir}-out.json`]);
      expect(r.err).toContain(
        `error: Cannot write the plan to ${dir}-out.json: it is ${kind}, not a regular file`,
      );
      expect(readFileSync(path.join(h.dir, 'secret.js'), 'utf8')).toBe(`// ${MARKER}\n`);
      expect(readdirSync(h.dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    },
  );

  it('refuses /dev/null (a device), and leaves it a device', async () => {
    const device = nullDevice(h.dir);
    const r = await refused(['plan', root({ 'main.yaml': MAIN }), '--out', device]);
    expect(r.err).toContain(
      `Cannot write the plan to ${device}: it is a character device, not a regular file`,
    );
    expect(lstatSync(device).isCharacterDevice()).toBe(true);
  });
});
