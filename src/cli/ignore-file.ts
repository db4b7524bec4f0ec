/**
 * `.streamkap-gitops-ignore`: known exceptions `drift` does not report (format in docs/drift.md).
 *
 *   # comment
 *   source/legacy-*                 a whole object, every class
 *   pipeline/orders-* tags          one field path (glob) of matching objects
 *   *\/reporting-* config.flush_*    any kind
 */
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { UserError } from '../errors/index.js';
import { registry } from '../kinds/registry.js';
import type { DriftIgnoreRule } from '../planner/index.js';

const IGNORE_FILE_NAME = '.streamkap-gitops-ignore';

/** Parses the ignore file's text; every bad line is reported at once with its line number. */
export function parseIgnoreFile(text: string, file: string): DriftIgnoreRule[] {
  const rules: DriftIgnoreRule[] = [];
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (line === '') return;
    const parts = line.split(/\s+/);
    const [target, field, ...rest] = parts;
    const slash = target?.indexOf('/') ?? -1;
    const kind = slash > 0 ? (target as string).slice(0, slash) : '';
    const name = slash > 0 ? (target as string).slice(slash + 1) : '';
    if (rest.length > 0 || slash <= 0 || name === '' || (kind !== '*' && !registry.has(kind))) {
      problems.push(
        `${file}:${i + 1}: "${raw.trim()}" is not "<kind>/<name-glob> [field-path-glob]" (kinds: ${registry.applyOrder.join(', ')}, or *)`,
      );
      return;
    }
    rules.push(field === undefined ? { kind, name } : { kind, name, path: field });
  });
  if (problems.length > 0) {
    throw new UserError(
      `The ignore file has ${problems.length} bad line${problems.length === 1 ? '' : 's'}:\n  ${problems.join('\n  ')}`,
      {
        hint: 'see docs/drift.md, "Ignore file"',
      },
    );
  }
  return rules;
}

/**
 * Reads the ignore file: `explicit` (from --ignore-file) must exist; the default
 * `.streamkap-gitops-ignore` in the working directory is optional.
 */
export async function readIgnoreFile(cwd: string, explicit?: string): Promise<DriftIgnoreRule[]> {
  const file = path.resolve(cwd, explicit ?? IGNORE_FILE_NAME);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    if (explicit === undefined && (cause as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new UserError(`Cannot read the ignore file ${file}: ${(cause as Error).message}`, { cause });
  }
  return parseIgnoreFile(text, explicit ?? IGNORE_FILE_NAME);
}
