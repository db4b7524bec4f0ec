/**
 * `key: null` and an empty `key:` mean "not set", as in Terraform and Kubernetes: every mapping entry
 * whose value is null is taken out of a document before it is checked and built, so it is the same
 * as leaving the key out. The keys are remembered, so that a required key written empty is reported
 * as exactly that, not as a type error whose fix would make it the string "null".
 */
import type { Segment } from './problems.js';

function pathKey(segs: readonly Segment[]): string {
  return JSON.stringify(segs);
}

export class NullKeys {
  readonly #byParent = new Map<string, string[]>();

  /** Removes null-valued entries from every mapping of `value`, in place, and records where they were. */
  static strip(value: unknown): NullKeys {
    const found = new NullKeys();
    found.#walk(value, []);
    return found;
  }

  #walk(value: unknown, at: Segment[]): void {
    if (Array.isArray(value)) {
      value.forEach((item, i) => this.#walk(item, [...at, i]));
      return;
    }
    if (value === null || typeof value !== 'object') return;
    const map = value as Record<string, unknown>;
    for (const key of Object.keys(map)) {
      if (map[key] !== null) {
        this.#walk(map[key], [...at, key]);
        continue;
      }
      delete map[key];
      const parent = pathKey(at);
      const keys = this.#byParent.get(parent);
      if (keys) keys.push(key);
      else this.#byParent.set(parent, [key]);
    }
  }

  /** Keys of the mapping at `parent` that were written empty. */
  keysAt(parent: readonly Segment[]): readonly string[] {
    return this.#byParent.get(pathKey(parent)) ?? [];
  }

  has(segs: readonly Segment[]): boolean {
    const key = segs[segs.length - 1];
    return key !== undefined && this.keysAt(segs.slice(0, -1)).includes(String(key));
  }
}
