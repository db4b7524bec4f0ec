/**
 * One check: its fixed description (id, title, what the tool assumes, the tool's setting) and the
 * probe that returns a verdict. A check whose read fails with an API error becomes a failure that
 * says so, and the run goes on with the next check.
 */
import type { ResponseFacts, TokenFacts } from '../api/types.js';
import { ApiError } from '../errors/index.js';
import type { ReadApi } from './read-api.js';
import type { Samples } from './samples.js';
import type { CheckGroup, CheckResult, CheckStatus } from './types.js';

export interface CheckDef {
  readonly id: string;
  readonly group: CheckGroup;
  readonly title: string;
  readonly assumed: string;
  /** The tool's setting for the assumption; a verdict may name it more precisely. */
  readonly setting?: string;
}

export interface Verdict {
  readonly status: CheckStatus;
  readonly seen: string;
  readonly setting?: string;
  readonly hint?: string;
}

/** What the API client reported while the checks ran (api onResponse/onToken). */
export interface ObservedFacts {
  readonly responses: ResponseFacts[];
  readonly tokens: TokenFacts[];
}

/** Everything a read check may use: reads only. */
export interface ReadContext {
  readonly api: ReadApi;
  readonly samples: Samples;
  readonly facts: ObservedFacts;
  /** The client's clock, epoch ms. */
  readonly now: () => number;
}

export interface ReadCheck {
  readonly def: CheckDef;
  run(ctx: ReadContext): Verdict | Promise<Verdict>;
}

export function ok(seen: string, extra: Omit<Verdict, 'status' | 'seen'> = {}): Verdict {
  return { status: 'ok', seen, ...extra };
}

export function warn(
  seen: string,
  hint: string,
  extra: Omit<Verdict, 'status' | 'seen' | 'hint'> = {},
): Verdict {
  return { status: 'warn', seen, hint, ...extra };
}

export function fail(
  seen: string,
  hint: string,
  extra: Omit<Verdict, 'status' | 'seen' | 'hint'> = {},
): Verdict {
  return { status: 'fail', seen, hint, ...extra };
}

/** A check that had nothing to look at: a warning, so nobody takes it for a pass. */
export function notChecked(why: string): Verdict {
  return warn(`not checked: ${why}`, 'Run doctor again once the account holds such objects.');
}

export function toResult(def: CheckDef, verdict: Verdict): CheckResult {
  const setting = verdict.setting ?? def.setting;
  return {
    id: def.id,
    group: def.group,
    title: def.title,
    status: verdict.status,
    assumed: def.assumed,
    seen: verdict.seen,
    ...(setting === undefined ? {} : { setting }),
    ...(verdict.hint === undefined ? {} : { hint: verdict.hint }),
  };
}

/** Runs one check; an API error on the way is its failure, anything else is a bug and propagates. */
export async function runCheck<C>(
  def: CheckDef,
  run: (ctx: C) => Verdict | Promise<Verdict>,
  ctx: C,
): Promise<CheckResult> {
  try {
    return toResult(def, await run(ctx));
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return toResult(
      def,
      fail(`a read failed: ${error.message}`, error.hint ?? 'Run doctor again; if it persists, report it.'),
    );
  }
}
