import { Command, CommanderError, Option } from 'commander';
import { GitopsError, ValidationError } from '../errors/index.js';
import { createContext, type CliIo, type GlobalOptions } from './context.js';
import { asksForJson, errorDocument, watchWrites } from './error-document.js';
import { EXIT, exitCodeFor } from './exit-codes.js';
import { TOOL_VERSION } from './version.js';
import { registerCommands } from './commands/index.js';
import type { LogLevel } from '../logging/logger.js';
import { printable } from '../render/printable.js';

const LOG_LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function defaultIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
  };
}

/** Builds the commander program; exported for tests that inspect the help. */
export function buildProgram(io: CliIo): { program: Command; ctx: ReturnType<typeof createContext> } {
  const program = new Command('streamkap-gitops');
  const readGlobals = (): GlobalOptions => {
    const o = program.opts<{ logLevel: LogLevel; debug: boolean; color: boolean }>();
    const noColorEnv = io.env['NO_COLOR'] !== undefined && io.env['NO_COLOR'] !== '';
    return {
      logLevel: o.debug ? 'debug' : o.logLevel,
      debug: o.debug,
      color: o.color && !noColorEnv && io.stdout.isTTY === true,
    };
  };
  const ctx = createContext(io, readGlobals);
  program
    .description('Declarative GitOps for Streamkap sources, destinations, transforms and pipelines.')
    .version(TOOL_VERSION, '--version')
    .addOption(
      new Option('--log-level <level>', 'log level (logs go to stderr)').choices(LOG_LEVELS).default('warn'),
    )
    .option('--debug', 'debug logs and stack traces', false)
    .option('--no-color', 'no colour in output (also NO_COLOR)')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    });
  registerCommands(program, ctx, main);
  return { program, ctx };
}

// NOTE: messages carry names and values from manifests and the API (and a server's own words), so
// every one is made printable before it reaches the terminal.
function reportError(io: CliIo, error: unknown, debug: boolean): void {
  if (error instanceof ValidationError) {
    // The validate command renders problems itself; other commands fall back to this summary.
    for (const p of error.problems) {
      const hint = p.hint ? `  (${p.hint})` : '';
      io.stderr.write(`${printable(`${p.file}:${p.line}:${p.col}  ${p.path}  ${p.message}${hint}`)}\n`);
    }
  }
  if (error instanceof GitopsError) {
    io.stderr.write(`error: ${printable(error.message)}\n`);
    if (error.hint) io.stderr.write(`hint: ${printable(error.hint)}\n`);
  } else {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`internal error: ${printable(message)}\n`);
    io.stderr.write('This is a bug in streamkap-gitops; please report it with the output of --debug.\n');
  }
  if (debug && error instanceof Error && error.stack)
    io.stderr.write(`${error.stack.split('\n').map(printable).join('\n')}\n`);
}

/** Runs the CLI and returns the exit code; the bin sets process.exitCode from it. */
export async function main(argv: readonly string[], ioOverrides: Partial<CliIo> = {}): Promise<number> {
  const given = { ...defaultIo(), ...ioOverrides };
  const stdout = watchWrites(given.stdout);
  const io = { ...given, stdout: stdout.stream };
  const { program, ctx } = buildProgram(io);
  let format: unknown;
  program.hook('preAction', (_program, action) => {
    format = action.opts<{ format?: unknown }>().format;
  });
  try {
    await program.parseAsync([...argv]);
    return ctx.exitCode;
  } catch (error) {
    const usage = error instanceof CommanderError;
    // --help and --version end through exitOverride with code 0; usage errors are invalid input.
    if (usage && error.exitCode === 0) return EXIT.ok;
    const code = usage ? EXIT.invalid : exitCodeFor(error);
    if (!usage) reportError(io, error, program.opts<{ debug?: boolean }>().debug === true);
    // NOTE: with --format json stdout always holds one document: the command's, or this one.
    const json = format === 'json' || (format === undefined && asksForJson(argv));
    if (json && !stdout.written()) io.stdout.write(errorDocument(error, code, usage));
    return code;
  }
}
