import { Command, CommanderError, Option } from 'commander';
import { createContext, type CliIo, type GlobalOptions } from './context.js';
import { quietOnClosedPipe } from './closed-pipe.js';
import { watchWrites } from './watch-writes.js';
import { TOOL_VERSION } from './version.js';
import { commandsFor, registerCommands } from './commands/index.js';
import type { LogLevel } from '../logging/logger.js';

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

/**
 * Builds the commander program with the commands `argv` needs (every command when it is left out);
 * exported for tests that inspect the help.
 */
export async function buildProgram(
  io: CliIo,
  argv?: readonly string[],
): Promise<{ program: Command; ctx: ReturnType<typeof createContext> }> {
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
  await registerCommands(program, ctx, main, argv === undefined ? undefined : commandsFor(argv));
  return { program, ctx };
}

/** Runs the CLI and returns the exit code; the bin sets process.exitCode from it. */
export async function main(argv: readonly string[], ioOverrides: Partial<CliIo> = {}): Promise<number> {
  const given = { ...defaultIo(), ...ioOverrides };
  quietOnClosedPipe(given.stdout);
  quietOnClosedPipe(given.stderr);
  const stdout = watchWrites(given.stdout);
  const io = { ...given, stdout: stdout.stream };
  const { program, ctx } = await buildProgram(io, argv);
  let format: unknown;
  program.hook('preAction', async (_program, action) => {
    format = action.opts<{ format?: unknown }>().format;
    await ctx.prepare();
  });
  try {
    await program.parseAsync([...argv]);
    return ctx.exitCode;
  } catch (error) {
    // --help and --version end through exitOverride with code 0 (EXIT.ok): nothing more to load.
    if (error instanceof CommanderError && error.exitCode === 0) return 0;
    // NOTE: loaded only on a failure, so that --help and --version load nothing but commander.
    const { reportFailure } = await import('./report-failure.js');
    const debug = program.opts<{ debug?: boolean }>().debug === true;
    return reportFailure(io, error, { argv, format, debug, stdoutWritten: stdout.written() });
  }
}
