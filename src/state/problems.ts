/** Shape problems found while reading API objects, turned into one error at the end of the load. */
import { ApiError } from '../errors/index.js';
import type { ResourceKind } from '../model/index.js';
import { idForMessage } from './parse.js';
import type { ReadResult } from './reader.js';
import { plural } from '../render/plural.js';

export class Problems {
  readonly lines: string[] = [];
  readonly paths = new Set<string>();

  add(kind: ResourceKind, raw: unknown, path: string, problems: readonly string[]): void {
    this.paths.add(path);
    this.lines.push(`${kind} ${idForMessage(raw)}: ${problems.join('; ')}`);
  }

  /** An ApiError naming kind, id and every problem (ten shown in the message, all in `details`). */
  throwIfAny(): void {
    if (this.lines.length === 0) return;
    const paths = [...this.paths].join(', ');
    const shown = this.lines.slice(0, 10);
    const more = this.lines.length > shown.length ? ` (and ${this.lines.length - shown.length} more)` : '';
    throw new ApiError({
      message: `GET ${paths} returned ${plural(this.lines.length, 'object')} this version cannot read${more}:\n  ${shown.join('\n  ')}`,
      method: 'GET',
      path: [...this.paths][0] ?? '',
      status: 200,
      details: this.lines,
      hint: 'The API answered in a shape the contract does not describe. Upgrade streamkap-gitops or report it with the log (--debug).',
    });
  }
}

/** Reads every row of one list: values kept, problems recorded, skips warned about. */
export function readAll<T>(
  kind: ResourceKind,
  path: string,
  rows: readonly unknown[],
  read: (raw: unknown) => ReadResult<T>,
  problems: Problems,
  warn: (message: string) => void,
): T[] {
  const out: T[] = [];
  for (const raw of rows) {
    const r = read(raw);
    if (r.value !== undefined) out.push(r.value);
    else if (r.problems !== undefined) problems.add(kind, raw, path, r.problems);
    else if (r.skipped !== undefined) warn(r.skipped);
  }
  return out;
}
