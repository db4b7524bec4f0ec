import type { Readable, Writable } from 'node:stream';
import type { Clock } from '../applier/index.js';
import type { createLogger, Logger, LogLevel } from '../logging/logger.js';

/** Everything a command touches of the outside world, injectable for in-process tests. */
export interface CliIo {
  readonly stdout: Writable & { isTTY?: boolean };
  readonly stderr: Writable & { isTTY?: boolean };
  readonly stdin: Readable & { isTTY?: boolean };
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** Time for apply's polling (--wait, transform jobs); tests pass a virtual one. Default: the system clock. */
  readonly clock?: Clock;
}

/** The CLI's entry point (`main`): runs one command line in-process and returns its exit code. */
export type CliEntry = (argv: readonly string[], io?: Partial<CliIo>) => Promise<number>;

export interface GlobalOptions {
  readonly logLevel: LogLevel;
  readonly debug: boolean;
  /** Colour on stdout: only on a TTY, never with --no-color or NO_COLOR. */
  readonly color: boolean;
}

export interface CommandContext {
  readonly io: CliIo;
  /** Parsed global flags (valid once a command runs). */
  globals(): GlobalOptions;
  /** The run's logger: JSON lines on stderr, secrets redacted. */
  logger(): Logger;
  /** Set by a command to report its result (0, 2, ...); errors are thrown instead. */
  setExitCode(code: number): void;
}

type MakeLogger = typeof createLogger;

/**
 * The context main gives every command. `prepare` loads the logger (pino and the catalogue's secret
 * keys); main awaits it before any action runs, so `--version` and `--help` never load them.
 */
export function createContext(
  io: CliIo,
  readGlobals: () => GlobalOptions,
): CommandContext & {
  exitCode: number;
  prepare(): Promise<void>;
} {
  let logger: Logger | undefined;
  let makeLogger: MakeLogger | undefined;
  const ctx = {
    io,
    exitCode: 0,
    globals: readGlobals,
    async prepare(): Promise<void> {
      makeLogger ??= (await import('../logging/logger.js')).createLogger;
    },
    logger(): Logger {
      if (makeLogger === undefined) throw new Error('the logger was asked for before prepare()');
      logger ??= makeLogger({ level: readGlobals().logLevel, destination: io.stderr });
      return logger;
    },
    setExitCode(code: number): void {
      ctx.exitCode = code;
    },
  };
  return ctx;
}
