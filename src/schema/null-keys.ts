/**
 * `key: null` and an empty `key:` mean "not set", as in Terraform and Kubernetes: every mapping entry
 * whose value is null is taken out of a document before it is checked and built, so it is the same
 * as leaving the key out. The keys are remembered, so that a required key written empty is reported
 * as exactly that, not as a type error whose fix would make it the string "null".
 */
import { segmentsOf, type PathFrame as Frame } from './path-frame.js';
import type { Segment } from './problems.js';

function pathKey(segs: readonly Segment[]): string {
  return JSON.stringify(segs);
}

export class NullKeys {
  readonly #byParent = new Map<string, string[]>();

  /** Removes null-valued entries from every mapping of `value`, in place, and records where they were. */
  static strip(value: unknown): NullKeys {
    const found = new NullKeys();
    found.#walk(value, undefined);
    return found;
  }

  // NOTE: the path is a chain of frames, turned into segments only where a null is found: every
  // mapping of a large manifest set passes here, and copying the path per child was most of the cost.
  #walk(value: unknown, at: Frame | undefined): void {
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i];
        if (item !== null && typeof item === 'object') this.#walk(item, { parent: at, seg: i });
      }
      return;
    }
    if (value === null || typeof value !== 'object') return;
    const map = value as Record<string, unknown>;
    for (const key of Object.keys(map)) {
      const child = map[key];
      if (child !== null) {
        if (typeof child === 'object') this.#walk(child, { parent: at, seg: key });
        continue;
      }
      delete map[key];
      const parent = pathKey(segmentsOf(at));
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
