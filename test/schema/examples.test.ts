import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { validateManifests } from '../../src/schema/index.js';
import { captureIo } from '../helpers/capture-io.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const EXAMPLES = join(REPO, 'examples');

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? yamlFiles(join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

/** Every ${env:NAME} the examples use, given a value, so the strict (plan/apply) path is exercised too. */
function envFor(files: string[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const f of files) {
    for (const m of readFileSync(f, 'utf8').matchAll(/\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g)) {
      env[m[1] ?? ''] = `value-of-${m[1] ?? ''}`;
    }
  }
  return env;
}

describe('examples/', () => {
  const files = yamlFiles(EXAMPLES).map((f) => relative(REPO, f));

  it('has examples', () => {
    expect(files).toContain('examples/streamkap.yaml');
  });

  it('examples/ as a whole validates with its variables set, with no warnings', async () => {
    const env = envFor(files.map((f) => join(REPO, f)));
    const { problems, state } = await validateManifests(['examples'], { cwd: REPO, env });
    expect(problems).toEqual([]);
    expect(state?.files.map((f) => f.path).sort()).toEqual([...files].sort());
  });

  it('`validate --allow-missing-env examples` exits 0', async () => {
    const io = captureIo({}, REPO);
    expect(await main(['node', 'streamkap-gitops', 'validate', '--allow-missing-env', 'examples'], io)).toBe(
      0,
    );
    expect(io.out()).toMatch(/^valid: namespace "shop", \d+ files/m);
  });

  it('the tour file also validates on its own', async () => {
    const env = envFor([join(EXAMPLES, 'streamkap.yaml')]);
    const { problems } = await validateManifests(['examples/streamkap.yaml'], { cwd: REPO, env });
    expect(problems).toEqual([]);
  });

  it('the tour covers what the manifest reference promises', async () => {
    const env = envFor([join(EXAMPLES, 'streamkap.yaml')]);
    const { state } = await validateManifests(['examples/streamkap.yaml'], { cwd: REPO, env });
    const kinds = (k: string) => state?.resources.filter((r) => r.kind === k) ?? [];
    const connectors = (k: string) => kinds(k).map((r) => ('connector' in r ? r.connector : ''));
    expect(connectors('source').sort()).toEqual(['mysql', 'postgresql']);
    expect(connectors('destination').sort()).toEqual(['clickhouse', 'snowflake']);
    expect(kinds('transform').length).toBeGreaterThanOrEqual(1);
    expect(kinds('pipeline').length).toBeGreaterThanOrEqual(2);
    expect(kinds('tag').length).toBeGreaterThanOrEqual(1);
    expect(kinds('source').some((r) => 'protected' in r && r.protected)).toBe(true);
  });
});
