/**
 * `ci <command> [args...]`: runs the command in-process as the user would (its output still goes to
 * the job log), then publishes it: the job summary, step outputs (`exit-code`, `has-changes`) and
 * one sticky comment on the pull or merge request, errors and refusals included.
 */
import { readFile } from 'node:fs/promises';
import { Writable } from 'node:stream';
import type { Command } from 'commander';
import { ciContext, detectProvider, type Provider } from '../../ci/ci-context.js';
import { publishRun } from '../../ci/publish.js';
import { isCommentKey } from '../../ci/sticky-comment.js';
import type { WrappedRun } from '../../ci/report-body.js';
import { WRAPPABLE, wrappedArgs, type CommandTraits } from '../../ci/wrap-args.js';
import { UserError } from '../../errors/index.js';
import type { CliEntry, CommandContext } from '../context.js';
import type { CiFlags } from '../flags.js';
import { EXIT } from '../exit-codes.js';

/** What the wrapped command supports, read from its registered flags. */
function traitsOf(program: Command, name: string): CommandTraits {
  const cmd = program.commands.find((c) => c.name() === name);
  if (cmd === undefined || !(WRAPPABLE as readonly string[]).includes(name))
    throw new UserError(`ci runs ${WRAPPABLE.join(', ')}; got "${name}".`, {
      hint: 'e.g. streamkap-gitops ci -- plan streamkap/',
    });
  const format = cmd.options.find((o) => o.long === '--format');
  return {
    markdown: format?.argChoices?.includes('markdown') === true,
    detailedExitcode: cmd.options.some((o) => o.long === '--detailed-exitcode'),
  };
}

/** Writes to the job log and keeps a copy. */
function tee(into: NodeJS.WritableStream, copy: string[]): Writable {
  return new Writable({
    write(chunk: Buffer | string, _enc, cb) {
      copy.push(chunk.toString());
      into.write(chunk, cb);
    },
  });
}

/** The environment of the wrapped command: without the CI tokens, which it never needs. */
function innerEnv(env: CommandContext['io']['env']): Record<string, string | undefined> {
  const { GITHUB_TOKEN: _g, GITLAB_TOKEN: _l, ...rest } = env;
  return rest;
}

async function runWrapped(
  ctx: CommandContext,
  cli: CliEntry,
  command: string,
  args: string[],
  traits: CommandTraits,
): Promise<WrappedRun> {
  const wrapped = wrappedArgs(command, args, traits);
  const globals = ctx.globals();
  const globalArgs = [...(globals.debug ? ['--debug'] : ['--log-level', globals.logLevel]), '--no-color'];
  const out: string[] = [];
  const err: string[] = [];
  const io = {
    ...ctx.io,
    stdout: tee(ctx.io.stdout, out),
    stderr: tee(ctx.io.stderr, err),
    env: innerEnv(ctx.io.env),
  };
  const exitCode = await cli(['node', 'streamkap-gitops', ...globalArgs, ...wrapped.args], io);
  return {
    command,
    args: wrapped.args,
    exitCode,
    stdout: out.join(''),
    stderr: err.join(''),
    format: wrapped.format,
  };
}

async function eventJson(env: CommandContext['io']['env']): Promise<string | undefined> {
  const file = env['GITHUB_EVENT_PATH'];
  return file === undefined || file === '' ? undefined : readFile(file, 'utf8').catch(() => undefined);
}

/** The `ci` action. Exit: the command's, but 2 (changes) only with --fail-on-changes; 1 when the comment failed. */
export async function runCi(
  ctx: CommandContext,
  cli: CliEntry,
  program: Command,
  command: string,
  args: string[],
  flags: CiFlags,
): Promise<void> {
  const traits = traitsOf(program, command);
  if (flags.commentKey !== undefined && !isCommentKey(flags.commentKey))
    throw new UserError(`--comment-key "${flags.commentKey}" is not a comment key`, {
      hint: 'lower-case letters, digits, ".", "_" and "-", at most 64 characters, e.g. plan-eu',
    });
  const provider: Provider = flags.provider === 'auto' ? detectProvider(ctx.io.env) : flags.provider;
  const run = await runWrapped(ctx, cli, command, args, traits);
  const context = ciContext(provider, ctx.io.env, await eventJson(ctx.io.env));
  const published = await publishRun(context, run, {
    comment: flags.comment,
    ...(flags.commentKey === undefined ? {} : { commentKey: flags.commentKey }),
    log: (line) => ctx.io.stderr.write(`${line}\n`),
  });
  const code = run.exitCode === EXIT.changes && !flags.failOnChanges ? EXIT.ok : run.exitCode;
  ctx.setExitCode(code === EXIT.ok && published.commentFailed ? EXIT.failure : code);
}
