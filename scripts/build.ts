/**
 * `npm run build` (after `tsc` has type-checked src): the shipped CLI, bundled by esbuild into dist/.
 *
 * - dist/cli/main.js, the CLI the launcher (bin/streamkap-gitops.js) runs: one ESM bundle with code
 *   splitting, so that each command's module, loaded with `await import()`, is a chunk of its own
 *   (dist/chunks/) and a command loads only its own code.
 * - dist/cli/version.js, the version alone, in one file: the launcher answers `--version` from it.
 * - Dependencies are bundled (undici, commander, yaml, diff, the precompiled validator and its ajv
 *   runtime), except what the code requires on demand through `createRequire`: pino (on the first
 *   log line written), ajv's compiler (for a kind registered at run time), fast-deep-equal.
 * NOTE: a few large files load much faster than hundreds of small ones (each is a resolution, a
 * file read and a module record): `plan` loaded 430 modules before, 44 bundled.
 */
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));

const common: BuildOptions = {
  absWorkingDir: root,
  outdir: 'dist',
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
};

rmSync(`${root}dist`, { recursive: true, force: true });
await build({
  ...common,
  entryPoints: { 'cli/main': 'src/cli/main.ts' },
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  // Bundled CommonJS (undici) requires Node's built-in modules, and an ES module has no `require`.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
});
await build({ ...common, entryPoints: { 'cli/version': 'src/cli/version.ts' } });
