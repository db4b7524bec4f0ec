import { createRequire } from 'node:module';
import type * as Pino from 'pino';
import { catalogueSecretKeys, scrubSecrets } from './scrub.js';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

type LogFn = (objOrMessage: object | string, message?: string) => void;

/** What the code logs through: pino's methods (a pino logger is one), pino loaded on first use. */
export interface Logger {
  /** Whether a line at `level` would be written: callers skip building costly lines otherwise. */
  isLevelEnabled(level: LogLevel): boolean;
  readonly fatal: LogFn;
  readonly error: LogFn;
  readonly warn: LogFn;
  readonly info: LogFn;
  readonly debug: LogFn;
  readonly trace: LogFn;
}

const RANK: Readonly<Record<LogLevel, number>> = {
  trace: 10,
  debug: 20,
  info: 30,
  warn: 40,
  error: 50,
  fatal: 60,
  silent: Infinity,
};

const SECRET_NAMES = [
  'token',
  'accessToken',
  'refreshToken',
  'refresh_token',
  'access_token',
  'secret',
  'client_secret',
  'clientSecret',
  'password',
  'authorization',
  'Authorization',
  'cookie',
];

/** `config["database.password"]`, `*.config["database.password"]`, `body.config[...]`. */
function catalogueConfigPaths(): string[] {
  const paths: string[] = [];
  for (const key of catalogueSecretKeys()) {
    const bracket = `config[${JSON.stringify(key)}]`;
    paths.push(bracket, `*.${bracket}`, `body.${bracket}`);
  }
  return paths;
}

/**
 * Paths pino masks on every log line. Bracket paths are needed for dotted keys, and `*` is one
 * level only (see TOOLCHAIN.md). Plan and report rendering mask secrets themselves.
 * NOTE: these fixed paths are the second line of defence; `scrubSecrets` (run on every log
 * object through `formatters.log`) masks secret-looking keys at any depth.
 */
function redactPaths(): string[] {
  return [
    ...SECRET_NAMES,
    ...SECRET_NAMES.map((name) => `*.${name}`),
    'headers.authorization',
    'headers.Authorization',
    'headers.cookie',
    'req.headers.authorization',
    'request.headers.authorization',
    ...catalogueConfigPaths(),
  ];
}

interface LoggerOptions {
  readonly level: LogLevel;
  readonly destination?: NodeJS.WritableStream;
  readonly redact?: readonly string[];
}

function createPino(options: LoggerOptions): Pino.Logger {
  // NOTE: required here, not imported: pino and its dependencies (about 30 modules) load only when
  // a line is written at the active level, which most runs never do (the default level is warn).
  const { pino } = createRequire(import.meta.url)('pino') as typeof Pino;
  return pino(
    {
      level: options.level,
      base: null,
      redact: { paths: [...redactPaths(), ...(options.redact ?? [])], censor: '[redacted]' },
      formatters: { log: (object) => scrubSecrets(object) },
    },
    options.destination
      ? (options.destination as Pino.DestinationStream)
      : pino.destination({ dest: 2, sync: true }),
  );
}

/** The one logger of a run: JSON lines on stderr (or the given stream), secrets redacted. */
export function createLogger(options: LoggerOptions): Logger {
  let real: Pino.Logger | undefined;
  const enabled = (level: LogLevel): boolean => RANK[level] >= RANK[options.level];
  const method = (level: Exclude<LogLevel, 'silent'>): LogFn => {
    if (!enabled(level)) return () => undefined;
    return (objOrMessage, message) => {
      real ??= createPino(options);
      if (message === undefined) real[level](objOrMessage);
      else real[level](objOrMessage, message);
    };
  };
  return {
    isLevelEnabled: enabled,
    fatal: method('fatal'),
    error: method('error'),
    warn: method('warn'),
    info: method('info'),
    debug: method('debug'),
    trace: method('trace'),
  };
}

/** A logger that drops everything: for tests and library use. */
export function silentLogger(): Logger {
  return createLogger({ level: 'silent' });
}
