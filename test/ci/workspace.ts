/**
 * A CI workspace for tests that run CI files (action.yml, ci/gitlab.yml, docs/ci.md) in bash: the
 * example manifests under streamkap/, and this CLI where a project would have it installed
 * (node_modules/streamkap-gitops/bin/streamkap-gitops.js), running this repository's source.
 */
import { cp, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from '../package/packed.js';

export interface Workspace {
  readonly dir: string;
  /** The installed-CLI path (a JS file: run it with node). */
  readonly cli: string;
  /** Bash that defines `npx` to run that CLI for `npx [--yes] streamkap-gitops[@version] ...`. */
  readonly npxShim: string;
}

function shimSource(): string {
  const tsx = pathToFileURL(path.join(ROOT, 'node_modules/tsx/dist/esm/api/index.mjs')).href;
  const main = pathToFileURL(path.join(ROOT, 'src/cli/main.ts')).href;
  return [
    `import { register } from '${tsx}';`,
    'register();',
    `const { main } = await import('${main}');`,
    'process.exitCode = await main(process.argv);',
    '',
  ].join('\n');
}

export async function makeWorkspace(): Promise<Workspace> {
  const dir = await mkdtemp(path.join(tmpdir(), 'skgo-ci-ws-'));
  const bin = path.join(dir, 'node_modules/streamkap-gitops/bin');
  await mkdir(bin, { recursive: true });
  const cli = path.join(bin, 'streamkap-gitops.js');
  await writeFile(cli, shimSource());
  await cp(path.join(ROOT, 'examples/streamkap.yaml'), path.join(dir, 'streamkap/streamkap.yaml'));
  await cp(path.join(ROOT, 'examples/transforms'), path.join(dir, 'streamkap/transforms'), {
    recursive: true,
  });
  const npxShim = [
    'npx() {',
    '  while [ "$1" = --yes ] || [ "$1" = -y ]; do shift; done',
    '  case "$1" in streamkap-gitops|streamkap-gitops@*) shift ;; *) echo "npx: not this package: $1" >&2; return 127 ;; esac',
    `  node ${JSON.stringify(cli)} "$@"`,
    '}',
  ].join('\n');
  return { dir, cli, npxShim };
}
