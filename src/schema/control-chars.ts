/**
 * Refuses control characters in manifests (docs/manifest.md, "Control characters"): none in keys, names
 * and other identifiers; in free text (config and extra_config values, descriptions) only TAB, LF and CR.
 */
import { ANY_CONTROL, escapeChar, escapeControl, VALUE_CONTROL } from './escape-control.js';
import type { Target } from './locate.js';
import { segmentsOf, type PathFrame as Frame } from './path-frame.js';
import type { Position, ProblemList, Segment } from './problems.js';

/** Keys under which string values are free text rather than identifiers. */
const FREE_TEXT_UNDER = new Set(['config', 'extra_config']);
const FREE_TEXT_KEYS = new Set(['description']);
/** Longest excerpt of an identifier shown in a message. */
const SHOWN = 60;

type Locate = (segs: readonly Segment[], target?: Target) => Position;

function isFreeText(segs: readonly Segment[]): boolean {
  const last = segs[segs.length - 1];
  return (
    (typeof last === 'string' && FREE_TEXT_KEYS.has(last)) ||
    segs.some((s) => typeof s === 'string' && FREE_TEXT_UNDER.has(s))
  );
}

function shown(s: string): string {
  const cut = s.length > SHOWN ? `${s.slice(0, SHOWN)}…` : s;
  return escapeControl(cut);
}

function checkString(
  s: string,
  segs: readonly Segment[],
  isKey: boolean,
  report: (m: string, h: string) => void,
): void {
  if (isKey || !isFreeText(segs)) {
    const found = ANY_CONTROL.exec(s);
    if (found) {
      const what = isKey ? 'key' : 'value';
      report(
        `${what} "${shown(s)}" contains the control character ${escapeChar(found[0])}`,
        'names, keys and other identifiers may not contain control characters',
      );
    }
    return;
  }
  const found = VALUE_CONTROL.exec(s);
  if (found) {
    // NOTE: free text may be configuration: its content is not repeated, only where the character is.
    report(
      `value contains the control character ${escapeChar(found[0])} at character ${found.index + 1}`,
      'values may hold TAB, LF and CR, but no other control characters',
    );
  }
}

/** Reports every key and string of one document that holds a control character it may not hold. */
export function checkControlCharacters(
  value: unknown,
  file: string,
  problems: ProblemList,
  locate: Locate,
): void {
  // NOTE: every key and string of a large manifest set passes here; only the rare one holding a
  // control character (VALUE_CONTROL is a subset of ANY_CONTROL) costs more than one regex test.
  const values: unknown[] = [value];
  const frames: (Frame | undefined)[] = [undefined];
  while (values.length > 0) {
    const v = values.pop();
    const frame = frames.pop();
    if (typeof v === 'string') {
      if (!ANY_CONTROL.test(v)) continue;
      const segs = segmentsOf(frame);
      checkString(v, segs, false, (m, h) => problems.add('error', file, locate(segs), segs, m, h));
    } else if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        values.push(v[i]);
        frames.push({ parent: frame, seg: i });
      }
    } else if (v !== null && typeof v === 'object') {
      for (const k in v) {
        if (!Object.prototype.hasOwnProperty.call(v, k)) continue;
        const at: Frame = { parent: frame, seg: k };
        if (ANY_CONTROL.test(k)) {
          const segs = segmentsOf(at);
          checkString(k, segs, true, (m, h) => problems.add('error', file, locate(segs, 'key'), segs, m, h));
        }
        values.push((v as Record<string, unknown>)[k]);
        frames.push(at);
      }
    }
  }
}
