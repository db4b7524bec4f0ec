/**
 * Environment variables used by secret fields must not also feed non-secret values: those are
 * shown in plans, saved plan files and logs, so `jdbc:postgresql://u:${env:PG_PASSWORD}@h` in a
 * plain field would print the password. Uses are recorded while building and checked at the end,
 * since the secret use may come later or in another file.
 */
import { referencedNames } from './interpolate.js';
import type { Segment } from './problems.js';

/** Where a use's error goes: the document's Reporter (reporter.ts, which imports this file's type). */
interface ErrorSink {
  error(segs: readonly Segment[], message: string, hint?: string): void;
}

interface PlainUse {
  readonly names: readonly string[];
  readonly r: ErrorSink;
  readonly segs: readonly Segment[];
}

export class EnvUses {
  readonly #secret = new Set<string>();
  readonly #plain: PlainUse[] = [];

  /** A secret field set to `${env:name}`. */
  secret(name: string): void {
    this.#secret.add(name);
  }

  /** A non-secret value whose text may hold references. */
  plain(text: string, r: ErrorSink, segs: readonly Segment[]): void {
    const names = referencedNames(text);
    if (names.length > 0) this.#plain.push({ names, r, segs: [...segs] });
  }

  /** An error at every non-secret use of a variable that a secret field uses too. */
  report(): void {
    for (const use of this.#plain) {
      for (const name of new Set(use.names)) {
        if (!this.#secret.has(name)) continue;
        use.r.error(
          use.segs,
          `environment variable ${name} is used by a secret field, so its value would be shown here in plans and logs`,
          'set the secret only in secret fields, or use a separate variable',
        );
      }
    }
  }
}
