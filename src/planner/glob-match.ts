/**
 * The drift ignore file's globs (docs/drift.md): `*` matches any run of characters (dots and slashes
 * included), `?` exactly one, everything else itself; a glob matches the whole text.
 *
 * NOTE: not a regular expression. `.*a.*a.*a…b` backtracks in V8 polynomially in the text length
 * (a degree per star: `*a*a*a*a*a*a*a*a*b` ran for minutes against 60 characters). This is the
 * greedy two-pointer match with one backtrack point (the last star): when a later star matches, no
 * earlier star needs to be reconsidered, so the work is at most (text + 1) × (glob + 1) steps.
 */

/** A compiled glob: `test` is the whole-text match; `steps` counts the work of the last call. */
export interface Glob {
  readonly source: string;
  test(text: string): boolean;
  /** Comparison steps of the last `test` (bounded by (text + 1) × (glob + 1)): for tests. */
  readonly steps: number;
}

/** Matches `text` against `glob`; `onStep` is called once per step of the loop. */
function globMatch(glob: string, text: string, onStep: () => void): boolean {
  const g = [...glob];
  const t = [...text];
  let gi = 0;
  let ti = 0;
  let star = -1;
  let resume = 0;
  while (ti < t.length) {
    onStep();
    const c = g[gi];
    if (c !== undefined && c !== '*' && (c === '?' || c === t[ti])) {
      gi++;
      ti++;
    } else if (c === '*') {
      star = gi++;
      resume = ti;
    } else if (star >= 0) {
      // The last star takes one more character; the part after it starts over from there.
      gi = star + 1;
      ti = ++resume;
    } else {
      return false;
    }
  }
  while (g[gi] === '*') gi++;
  return gi === g.length;
}

export function compileGlob(source: string): Glob {
  let steps = 0;
  return {
    source,
    get steps() {
      return steps;
    },
    test(text: string): boolean {
      steps = 0;
      return globMatch(source, text, () => {
        steps++;
      });
    },
  };
}
