import type { Problem } from '../errors/index.js';
import { escapeControl } from './escape-control.js';

/** A 1-based position in a manifest file. */
export interface Position {
  readonly line: number;
  readonly col: number;
}

/** One step into a YAML document: a map key or a sequence index. */
export type Segment = string | number;

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** `['sources', 0, 'config', 'database.port']` → `sources[0].config["database.port"]`. */
export function formatPath(segments: readonly Segment[]): string {
  let out = '';
  for (const seg of segments) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (IDENTIFIER.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return escapeControl(out);
}

/** Collects every problem; nothing stops at the first one. */
export class ProblemList {
  readonly items: Problem[] = [];
  #errors = 0;

  add(
    severity: Problem['severity'],
    file: string,
    pos: Position,
    segments: readonly Segment[],
    message: string,
    hint?: string,
  ): void {
    // NOTE: names and paths from manifests reach messages; their control characters are shown escaped.
    const base = {
      file: escapeControl(file),
      line: pos.line,
      col: pos.col,
      path: formatPath(segments),
      message: escapeControl(message),
      severity,
    };
    this.items.push(hint === undefined ? base : { ...base, hint: escapeControl(hint) });
    if (severity === 'error') this.#errors += 1;
  }

  get errorCount(): number {
    return this.#errors;
  }

  /** Stable order for output: by file, then position; collection order breaks ties. */
  sorted(): Problem[] {
    return this.items
      .map((p, i) => ({ p, i }))
      .sort((a, b) =>
        a.p.file !== b.p.file
          ? a.p.file < b.p.file
            ? -1
            : 1
          : a.p.line - b.p.line || a.p.col - b.p.col || a.i - b.i,
      )
      .map((x) => x.p);
  }
}
