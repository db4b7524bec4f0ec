import type { Command } from 'commander';
import { size } from './flags.js';

/** Adds --max-file-size to a command that loads manifests (validate, plan, apply, drift, status, snapshot). */
export function addManifestOptions(cmd: Command): Command {
  return cmd.option(
    '--max-file-size <size>',
    'largest file a manifest may name, e.g. 2MiB (default 1MiB); manifests themselves may be this large or 4MiB',
    size,
  );
}
