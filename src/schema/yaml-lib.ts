/**
 * yaml, loaded on first use. Plain manifests are read by the fast path (parse-yaml-fast.ts), so a
 * run over valid manifests never needs the exact parser: not loading it (259 KB of the 2.6 MB a
 * `plan` compiles) is part of start-up (issue 13). It is required, not imported, so that the
 * bundle leaves it out and loading it stays synchronous for the parse that needs it.
 */
import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';

let lib: typeof Yaml | undefined;

export function yamlLib(): typeof Yaml {
  lib ??= createRequire(import.meta.url)('yaml') as typeof Yaml;
  return lib;
}
