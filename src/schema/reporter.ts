import type { SourceLocation } from '../model/index.js';
import type { EnvUses } from './env-uses.js';
import type { Env } from './interpolate.js';
import type { Target } from './locate.js';
import type { ManifestDocument } from './parse-documents.js';
import type { ProblemList, Segment } from './problems.js';

/** Reports problems at nodes of one document, found by path. */
export interface Reporter {
  readonly file: string;
  error(segs: readonly Segment[], message: string, hint?: string, target?: Target): void;
  warn(segs: readonly Segment[], message: string, hint?: string, target?: Target): void;
  location(segs: readonly Segment[]): SourceLocation;
  /** Keys of the mapping at `segs` that the manifest wrote empty (null: not set). */
  nullKeysAt(segs: readonly Segment[]): readonly string[];
  /** Real path of the manifest file, for paths relative to it. */
  readonly absPath: string;
  /** Real path of its manifest root: files it names must stay inside (manifest-root.ts). */
  readonly root: string;
}

export function reporterFor(d: ManifestDocument, problems: ProblemList): Reporter {
  const at = (segs: readonly Segment[], target: Target = 'value') => d.locate(segs, target);
  return {
    file: d.file,
    absPath: d.absPath,
    root: d.root,
    error: (segs, message, hint, target) =>
      problems.add('error', d.file, at(segs, target), segs, message, hint),
    warn: (segs, message, hint, target) =>
      problems.add('warning', d.file, at(segs, target), segs, message, hint),
    location: (segs) => ({ file: d.file, ...at(segs) }),
    nullKeysAt: (segs) => d.nullKeys.keysAt(segs),
  };
}

/** What the builders need besides the document. */
export interface BuildOptions {
  readonly env: Env;
  readonly allowMissingEnv: boolean;
  /** Records which variables feed secret and non-secret fields (checked once all are built). */
  readonly envUses?: EnvUses;
  /** Largest file a manifest may name, in bytes (default MAX_REFERENCED_FILE_BYTES). */
  readonly maxFileBytes?: number | undefined;
}
