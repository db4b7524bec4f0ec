import * as path from 'node:path';
import { isToolTagName, LOCK_TAG_PREFIX, type SourceLocation } from '../model/index.js';
import type { Entry } from './entry.js';

/** Tag names with these prefixes belong to the tool (ownership, protection, the namespace lock). */
export const RESERVED_TAG_PREFIXES = `"gitops:" or "${LOCK_TAG_PREFIX}"`;

export interface CommonFields {
  readonly name: string;
  readonly tags: readonly string[] | undefined;
  readonly protected: boolean;
  readonly previousNames: readonly string[];
  readonly location: SourceLocation;
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/**
 * Where the plan says a resource is declared: the file as messages name it (relative to the working
 * directory), or, for a file outside the working directory, relative to its manifest root. Never an
 * absolute path: that would put the runner's directories in a pull-request comment and make a plan
 * depend on where the repository was checked out.
 */
export function resourceLocation(e: Entry): SourceLocation {
  if (!path.isAbsolute(e.location.file)) return e.location;
  return { ...e.location, file: relativeToRoot(e.r.root, e.r.absPath) };
}

// NOTE: one file holds up to thousands of entries: its relative path is worked out once.
const relativePaths = new Map<string, string>();

function relativeToRoot(root: string, absPath: string): string {
  const key = `${root}\0${absPath}`;
  let file = relativePaths.get(key);
  if (file === undefined) {
    file = path.relative(root, absPath).split(path.sep).join('/');
    relativePaths.set(key, file);
  }
  return file;
}

/** name, tags (undefined when absent: the manifest leaves live tags alone), protected, previous_names. */
export function commonFields(e: Entry): CommonFields {
  const raw = e.raw;
  const tags = 'tags' in raw ? strings(raw['tags']) : undefined;
  tags?.forEach((t, i) => {
    if (isToolTagName(t)) {
      e.r.error(
        [...e.base, 'tags', i],
        `tag "${t}" is reserved: tags starting with ${RESERVED_TAG_PREFIXES} are managed by the tool`,
        'use protected: true for protection',
      );
    }
  });
  return {
    name: e.name ?? '',
    tags,
    protected: raw['protected'] === true,
    previousNames: strings(raw['previous_names']),
    location: resourceLocation(e),
  };
}

export function asRecord(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : undefined;
}
