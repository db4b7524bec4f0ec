/**
 * The code object a transform PUT sends (api-notes §3.3). A PUT without `implementation` erases the
 * code, and a list row may not carry it, so before every PUT the transform is read by id (as the
 * official provider does) and its current implementation is sent, with the keys the manifest manages
 * on top: code the manifest does not manage (no `implementation_file`, or keys next to
 * `value_transform` such as a fan_out's `topic_transform`) stays as it is.
 */
import { getOne } from '../../api/get-one.js';
import { UserError } from '../../errors/index.js';
import type { JsonRecord } from '../../model/index.js';
import { parseImplementation } from '../../state/kinds/transform.js';
import type { RunContext } from '../run-context.js';

const LANGUAGE_KEY = 'transforms.language';

/** The implementation the transform holds now, read by id; null when it has no code. */
export async function currentImplementation(
  ctx: RunContext,
  id: string,
  name: string,
): Promise<JsonRecord | null> {
  const row = await getOne(ctx.client, `/transforms/${id}`, { secret_returned: true, unwind_topics: false });
  if (row === undefined || typeof row !== 'object' || row === null) {
    throw new UserError(`transform "${name}" (id ${id}) no longer exists; it was not updated`, {
      hint: 'someone deleted it since the plan was made: run plan again',
    });
  }
  const parsed = parseImplementation((row as Record<string, unknown>)['implementation']);
  if (parsed.problem !== undefined) {
    // NOTE: code that cannot be echoed is never overwritten by a guess: the PUT would erase it.
    throw new UserError(`transform "${name}" (id ${id}): ${parsed.problem}; it was not updated`, {
      hint: 'check the transform in Streamkap; its code cannot be sent back as read',
    });
  }
  return parsed.value ?? null;
}

/**
 * The code object in the documented shape, `{language, value_transform, ...}`. A `language` the code
 * holds stays; a code object without one gets the config's `transforms.language` in capitals
 * (`JavaScript` → `JAVASCRIPT`, `SQL` for the SQL types). An object without `value_transform` (a SQL
 * type's tables and queries) is sent as it is.
 */
export function withLanguage(code: JsonRecord, config: Readonly<Record<string, unknown>>): JsonRecord {
  const language = config[LANGUAGE_KEY];
  if ('language' in code || !('value_transform' in code)) return code;
  if (typeof language !== 'string' || language === '') return code;
  return { language: language.toUpperCase(), ...code };
}

/**
 * What a PUT sends as `implementation`: the current code with the manifest's keys on top (rule 11
 * compares the manifest's keys only, so the others are kept), in the documented shape; null when
 * neither side has code (topic_router).
 */
export function implementationToSend(
  current: JsonRecord | null,
  desired: JsonRecord | undefined,
  config: Readonly<Record<string, unknown>>,
): JsonRecord | null {
  if (current === null && desired === undefined) return null;
  return withLanguage({ ...current, ...desired }, config);
}
