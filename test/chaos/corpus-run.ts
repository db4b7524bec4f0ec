/**
 * Runs one corpus case through the CLI in-process against the emulator (test/e2e/harness.ts) and
 * says what went wrong, if anything: a refused case must exit 4 with a located, readable message,
 * no stack trace and no API request (token exchange included); an accepted case must pass validate.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { apiCall, type Harness } from '../e2e/harness.js';
import type { CorpusCase } from './corpus-case.js';

/** The commands the cases take turns at, so each kind of run meets every family. */
const COMMANDS: readonly ((target: string) => string[])[] = [
  (t) => ['plan', t],
  (t) => ['apply', t, '--auto-approve'],
  (t) => ['drift', t, '--format', 'markdown'],
  (t) => ['plan', t, '--format', 'json'],
  (t) => ['validate', t],
];

/** A line of a JavaScript stack trace. */
const STACK_LINE = /^\s+at .+(:\d+:\d+\)?|\(native\))$/m;
const RAW_CONTROL =
  // eslint-disable-next-line no-control-regex -- a raw control or bidi character in output is the failure
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

export interface CaseOutcome {
  readonly command: string;
  readonly code: number;
  readonly requests: number;
  readonly printed: string;
  /** Empty when the case behaved. */
  readonly problems: readonly string[];
}

/** In the files outside every case's root: no output may ever show it. */
export const OUTSIDE_MARKER = 'CORPUS-OUTSIDE-MARKER-7d1e';

/** The files outside every case's root, which symlinks and paths in the corpus aim at. */
export function prepareCorpus(h: Harness): void {
  const outside = path.join(h.dir, 'outside');
  mkdirSync(outside);
  writeFileSync(path.join(outside, 'secret.yaml'), `namespace: outside\n# ${OUTSIDE_MARKER}\n`);
  writeFileSync(path.join(outside, 'secret.js'), `// ${OUTSIDE_MARKER}\n`);
}

/** An empty account again after a run that reached the API: a case that wrote must not sway the next. */
async function resetAccount(h: Harness): Promise<void> {
  await apiCall(h.server, 'POST', '/__emulator/reset', { keepSettings: true });
}

function commandFor(index: number, target: string): string[] {
  const make = COMMANDS[index % COMMANDS.length] ?? ((t: string) => ['plan', t]);
  return make(target);
}

function materialise(h: Harness, c: CorpusCase, index: number): string {
  const name = `case-${index}`;
  const root = path.join(h.dir, name);
  mkdirSync(root);
  for (const [file, content] of Object.entries(c.files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), content);
  }
  c.setup?.(root, path.join(h.dir, 'outside'));
  return name;
}

function judge(c: CorpusCase, name: string, code: number, requests: number, printed: string): string[] {
  const problems: string[] = [];
  if (STACK_LINE.test(printed)) problems.push('prints a stack trace');
  if (/internal error/i.test(printed)) problems.push('reports an internal error');
  if (RAW_CONTROL.test(printed)) problems.push('prints a raw control character');
  if (printed.includes(OUTSIDE_MARKER)) problems.push('shows a file from outside the root');
  if (process.env['PATH'] && printed.includes(process.env['PATH'])) problems.push('shows the environment');
  if (c.expect === 'accepted') {
    if (code !== 0) problems.push(`valid input not accepted (exit ${code})`);
    return problems;
  }
  if (code !== 4) problems.push(`exit ${code}, not 4`);
  if (requests !== 0) problems.push(`${requests} API requests before the refusal`);
  const where = c.where?.startsWith('/') ? c.where : `${name}/${c.where ?? ''}`;
  if (c.where !== undefined && !printed.includes(where)) {
    problems.push(`the message does not name ${where}`);
  }
  if (c.says && !c.says.test(printed)) problems.push(`the message does not say ${String(c.says)}`);
  return problems;
}

export async function runCase(h: Harness, c: CorpusCase, index: number): Promise<CaseOutcome> {
  const name = materialise(h, c, index);
  const target = c.target === undefined ? name : c.target.startsWith('/') ? c.target : `${name}/${c.target}`;
  // Accepted cases must pass validation (what the account holds is not the corpus's concern); refused
  // ones take turns at every command, so a refusal that came after a request would show.
  const args = c.expect === 'accepted' ? ['validate', target] : commandFor(index, target);
  const before = h.server.emulator.stats().total;
  const r = await h.cli(args);
  const requests = h.server.emulator.stats().total - before;
  const printed = `${r.out}\n${r.err}`;
  if (requests > 0) await resetAccount(h);
  return {
    command: args.join(' '),
    code: r.code,
    requests,
    printed,
    problems: judge(c, name, r.code, requests, printed),
  };
}
