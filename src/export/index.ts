/**
 * `export`: the live account as manifests (docs/export.md). Reads the live state of every kind that
 * registers an exporter, builds the files (build-export.ts, pure), and writes them so that a failed
 * run leaves nothing half-written and the written manifests pass `validate` (write-export.ts).
 */
import * as path from 'node:path';
import type { Logger } from 'pino';
import type { ApiClient } from '../api/types.js';
import { OperationError } from '../errors/index.js';
import { registry } from '../kinds/registry.js';
import { formatProblem, validateManifests } from '../schema/index.js';
import { loadLiveState } from '../state/index.js';
import { buildExport, type ExportBundle, type ExportOptions } from './build-export.js';
import { writeExport } from './write-export.js';

export { SELECTIONS, type Selection } from './select.js';
export type { ExportBundle, ExportOptions, OutputFile } from './build-export.js';
export type { SecretVariable } from './env-names.js';

export interface ExportRun extends ExportOptions {
  /** The output directory, absolute. */
  readonly out: string;
  readonly force: boolean;
  readonly logger?: Logger;
}

/** The staged manifests must be what `validate` accepts (variables unset): otherwise nothing is written. */
async function checkStaged(staging: string, out: string): Promise<void> {
  const { problems } = await validateManifests([staging], { cwd: staging, env: {}, allowMissingEnv: true });
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length === 0) return;
  const shown = errors
    .slice(0, 5)
    .map((p) => formatProblem({ ...p, file: path.join(out, path.relative(staging, path.resolve(staging, p.file))) }));
  throw new OperationError(
    `export: the manifests would not pass validate (${errors.length} problem${errors.length === 1 ? '' : 's'}), so nothing was written:\n${shown.join('\n')}`,
    {
      hint: 'the live account holds something the manifest language cannot express; narrow the export with --select, and report it',
    },
  );
}

/** Reads the account, writes the export; returns what was written. */
export async function exportAccount(client: ApiClient, run: ExportRun): Promise<ExportBundle> {
  const kinds = registry.kinds.filter((k) => k.export !== undefined).map((k) => k.kind);
  const live = await loadLiveState(client, kinds, run.logger ? { logger: run.logger } : {});
  const bundle = buildExport(live, run);
  await writeExport(run.out, bundle.files, { force: run.force, check: (s) => checkStaged(s, run.out) });
  return bundle;
}
