/**
 * Duplicate-name status codes (api-notes §2.6): what a second create under a taken name answers.
 * The tool relies on the words `already exists` in a string detail to tell a duplicate from a
 * validation error (both may be 422), and names the clash in its hint.
 */
import { ApiError } from '../../errors/index.js';
import { fail, ok, toResult, warn, type CheckDef } from '../check.js';
import type { CheckResult } from '../types.js';

const SETTING =
  'no setting: the tool recognises a duplicate by the words "already exists" in a string detail (any status) and says to rename or adopt';

interface DuplicateDef extends CheckDef {
  readonly expected: number;
}

export const DUPLICATE_TAG: DuplicateDef = {
  id: 'duplicate-tag',
  group: 'writes',
  title: 'Duplicate tag name',
  assumed: 'a second POST /tags with a taken name answers 400 with a detail containing "already exists"',
  setting: SETTING,
  expected: 400,
};

export const DUPLICATE_SOURCE: DuplicateDef = {
  id: 'duplicate-source',
  group: 'writes',
  title: 'Duplicate source name',
  assumed:
    'a second POST /sources with a taken name answers 422 with a string detail containing "already exists"',
  setting: SETTING,
  expected: 422,
};

/** `outcome` is the second create's ApiError, or its body when it (wrongly) succeeded. */
export function duplicateVerdict(def: DuplicateDef, outcome: unknown): CheckResult {
  if (!(outcome instanceof ApiError)) {
    return toResult(
      def,
      fail(
        'the second create succeeded: two objects now share the name (the probe deletes both)',
        'Names are not unique in this account: the tool matches objects by name and would refuse to plan such a name. Report this with doctor --format json.',
      ),
    );
  }
  const worded = outcome.details.some((d) => d.toLowerCase().includes('already exists'));
  const seen = `${outcome.status ?? 'no status'}, ${worded ? 'a detail saying "already exists"' : 'no "already exists" in the detail'}`;
  if (outcome.status === def.expected && worded) return toResult(def, ok(seen));
  if (worded) {
    return toResult(
      def,
      warn(
        seen,
        'The tool still recognises the duplicate by its words; report the status code with doctor --format json.',
      ),
    );
  }
  return toResult(
    def,
    fail(
      seen,
      'The tool would report a duplicate as a plain error without the rename/adopt hint. Report this with doctor --format json.',
    ),
  );
}
