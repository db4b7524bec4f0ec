#!/usr/bin/env node
// Thin launcher: the compiled CLI lives in dist/, which the published package ships (built by
// `prepack`). In a clone of the repository, `npm run build` makes it.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (existsSync(fileURLToPath(entry))) {
  const { main } = await import(entry.href);
  process.exitCode = await main(process.argv);
} else {
  process.stderr.write(
    'error: the CLI is not built (no dist/cli/main.js)\nhint: in a clone of the repository run: npm run build\n',
  );
  process.exitCode = 1;
}
