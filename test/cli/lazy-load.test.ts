/**
 * Every CLI call (even --version) loads src/cli/main.ts, and most register one command or all of
 * them, so that side must stay light: the heavy modules (API client and undici, schema with ajv and yaml, state,
 * planner, applier, emulator) are loaded by `await import('../run/<cmd>.js')` inside the actions.
 * This walks the static import graph of the source (import type is erased; dynamic import() is
 * lazy by design and not followed) and checks none of them is reachable.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

// Statement-level `import ... from '...'`, `import '...'`, `export ... from '...'`. Group 1 marks
// `import type` / `export type`, which TypeScript erases. NOTE: `import { type A } from` is kept:
// under verbatimModuleSyntax it compiles to `import {} from`, which still loads the module.
const STATIC_IMPORT = /^(?:import|export)\s+(type\s+)?(?:[^;'"]*?\s+from\s+)?['"]([^'"]+)['"]/gm;

const HEAVY_PACKAGES = new Set(['undici', 'ajv', 'yaml']);
const HEAVY_SOURCE =
  /^src\/(?:api\/index|schema\/|state\/|planner\/|applier\/|emulator\/|reference\/|completion\/|ci\/|init\/)/;

/** A relative import (`./x.js`) to the repository path of its TypeScript source. */
function resolveSource(fromFile: string, specifier: string): string {
  const target = path.resolve(ROOT, path.dirname(fromFile), specifier.replace(/\.js$/, '.ts'));
  if (!existsSync(target))
    throw new Error(`${fromFile}: cannot resolve "${specifier}" (looked for ${target})`);
  return path.relative(ROOT, target).split(path.sep).join('/');
}

/** Every module the entries load at import time: repo paths of sources, names of packages. */
function staticallyReachable(entries: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const queue = [...entries];
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    if (!file.startsWith('src/')) continue; // a package: recorded, not followed
    const text = readFileSync(path.join(ROOT, file), 'utf8');
    for (const [, typeOnly, specifier] of text.matchAll(STATIC_IMPORT)) {
      if (typeOnly !== undefined || specifier === undefined) continue;
      queue.push(specifier.startsWith('.') ? resolveSource(file, specifier) : specifier);
    }
  }
  return seen;
}

function isHeavy(module: string): boolean {
  const pkg = module.startsWith('@') ? module.split('/').slice(0, 2).join('/') : module.split('/')[0];
  return HEAVY_PACKAGES.has(pkg ?? module) || HEAVY_SOURCE.test(module);
}

const REGISTER_SIDE = [
  'src/cli/main.ts',
  ...readdirSync(path.join(ROOT, 'src/cli/commands')).map((f) => `src/cli/commands/${f}`),
];

describe('CLI start-up stays light', () => {
  it('loads none of the heavy modules when it registers the commands', () => {
    const reachable = staticallyReachable(REGISTER_SIDE);
    expect(reachable.has('src/cli/commands/index.ts')).toBe(true);
    expect([...reachable].filter(isHeavy)).toEqual([]);
  });

  it('loads nothing but commander and a few small cli files for --version and --help', () => {
    // main loads each command's module on demand (commands/index.ts) and its failure report only on
    // a failure: pino, the catalogue and the errors stay out of every start-up.
    const reachable = [...staticallyReachable(['src/cli/main.ts'])];
    expect(reachable.filter((m) => !m.startsWith('src/') && !m.startsWith('node:'))).toEqual(['commander']);
    expect(reachable.filter((m) => m.startsWith('src/') && !m.startsWith('src/cli/'))).toEqual([]);
    expect(reachable.filter((m) => m.startsWith('src/cli/commands/'))).toEqual(['src/cli/commands/index.ts']);
  });

  it('sees through re-exports to the heavy modules a command action loads', () => {
    // Proves the walk itself works: the run side of `plan` does reach them.
    const reachable = staticallyReachable(['src/cli/run/plan.ts']);
    // (yaml itself is required on demand only: src/schema/yaml-lib.ts; js-yaml reads plain manifests.)
    for (const heavy of ['src/api/index.ts', 'src/planner/index.ts', 'src/schema/index.ts', 'js-yaml']) {
      expect(reachable, heavy).toContain(heavy);
    }
    // undici file by file (src/api/undici-parts.ts), not its index.
    expect([...reachable].filter((m) => m.startsWith('undici/')).length).toBeGreaterThan(0);
  });
});
