/**
 * `export`: the live account as manifests (docs/export.md). Reads the live state of every kind that
 * registers an exporter, builds the files (build-export.ts, pure), and writes them so that a failed
 * run leaves nothing half-written and the written manifests pass `validate` (write-export.ts). An
 * object the staged manifests show `validate` refusing (a required key the server lost, a value out
 * of the catalogue's range) is left out, with the reason, and the rest is written.
 */
import * as path from 'node:path';
import type { Logger } from '../logging/logger.js';
import type { ApiClient } from '../api/types.js';
import { OperationError, type Problem } from '../errors/index.js';
import { registry } from '../kinds/registry.js';
import type { LiveState, ResourceKey } from '../model/index.js';
import { formatProblem, validateManifests } from '../schema/index.js';
import { loadLiveState } from '../state/index.js';
import { buildExport, type ExportBundle, type ExportOptions } from './build-export.js';
import { writeExport } from './write-export.js';

export type { ExportBundle } from './build-export.js';

export interface ExportRun extends ExportOptions {
  /** The output directory, absolute. */
  readonly out: string;
  readonly force: boolean;
  readonly logger?: Logger;
  /** Where the problems of a refused export go, one line each (stderr). */
  readonly report: (line: string) => void;
}

/** Passes left-out objects back to be built again; at most this many passes. */
const MAX_PASSES = 3;

/** The staged manifests' errors, for the caller to map back to objects. */
class StagedProblems extends Error {
  constructor(readonly problems: readonly Problem[]) {
    super('the staged export does not validate');
  }
}

async function checkStaged(staging: string): Promise<void> {
  const { problems } = await validateManifests([staging], { cwd: staging, env: {}, allowMissingEnv: true });
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) throw new StagedProblems(errors);
}

const ITEM = /^([A-Za-z_]+)\[(\d+)\]/;

/** The object each problem is about, with the first problem's message as the reason; undefined when one is about none. */
function objectsOf(
  problems: readonly Problem[],
  bundle: ExportBundle,
  staging: string,
): Map<ResourceKey, string> | undefined {
  const out = new Map<ResourceKey, string>();
  for (const p of problems) {
    const file = path.relative(staging, path.resolve(staging, p.file)).split(path.sep).join('/');
    const m = ITEM.exec(p.path);
    const key = m ? bundle.items.get(file)?.get(m[1] ?? '')?.[Number(m[2])] : undefined;
    if (key === undefined) return undefined;
    if (!out.has(key))
      out.set(
        key,
        `validate would refuse it (${p.path.slice(m?.[0].length ?? 0).replace(/^\./, '')}: ${p.message})`,
      );
  }
  return out;
}

function refuse(problems: readonly Problem[], run: ExportRun, staging: string): never {
  for (const p of problems)
    run.report(
      formatProblem({
        ...p,
        file: path.join(run.out, path.relative(staging, path.resolve(staging, p.file))),
      }),
    );
  throw new OperationError(
    `export: the manifests would not pass validate (${problems.length} problem${problems.length === 1 ? '' : 's'} above), so nothing was written`,
    {
      hint: 'the live account holds something the manifest language cannot express; narrow the export with --select, and report it',
    },
  );
}

/** Builds and writes; an object validate refuses is left out and the rest built again. */
async function buildAndWrite(live: LiveState, run: ExportRun): Promise<ExportBundle> {
  const exclude = new Map<ResourceKey, string>();
  for (let pass = 1; ; pass++) {
    const bundle = buildExport(live, { ...run, exclude });
    // NOTE: nothing to declare is an answer, not a failure: no file is written.
    if (bundle.items.size === 0) return { ...bundle, files: [] };
    let staged = '';
    try {
      await writeExport(run.out, bundle.files, {
        force: run.force,
        check: (s) => ((staged = s), checkStaged(s)),
      });
      return bundle;
    } catch (e) {
      if (!(e instanceof StagedProblems)) throw e;
      const objects = objectsOf(e.problems, bundle, staged);
      if (objects === undefined || pass === MAX_PASSES) refuse(e.problems, run, staged);
      for (const [key, reason] of objects) exclude.set(key, reason);
    }
  }
}

/** Reads the account, writes the export; returns what was written. */
export async function exportAccount(client: ApiClient, run: ExportRun): Promise<ExportBundle> {
  const kinds = registry.kinds.filter((k) => k.export !== undefined).map((k) => k.kind);
  const live = await loadLiveState(client, kinds, run.logger ? { logger: run.logger } : {});
  return buildAndWrite(live, run);
}
