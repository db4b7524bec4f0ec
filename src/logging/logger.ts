import { pino, type Logger } from 'pino';

export type { Logger };

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/**
 * Paths pino masks on every log line. Bracket paths are needed for dotted keys, and `*` is one
 * level only (see TOOLCHAIN.md). Plan and report rendering mask secrets themselves.
 */
export const REDACT_PATHS: readonly string[] = [
  'token',
  'accessToken',
  'refreshToken',
  'refresh_token',
  'secret',
  'client_secret',
  'headers.authorization',
  'headers.Authorization',
  'req.headers.authorization',
  '*.accessToken',
  '*.refreshToken',
  '*.secret',
];

/** The one logger of a run: JSON lines on stderr (or the given stream), secrets redacted. */
export function createLogger(options: {
  level: LogLevel;
  destination?: NodeJS.WritableStream;
  redact?: readonly string[];
}): Logger {
  return pino(
    {
      level: options.level,
      base: null,
      redact: { paths: [...REDACT_PATHS, ...(options.redact ?? [])], censor: '[redacted]' },
    },
    options.destination
      ? (options.destination as pino.DestinationStream)
      : pino.destination({ dest: 2, sync: true }),
  );
}

/** A logger that drops everything: for tests and library use. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
