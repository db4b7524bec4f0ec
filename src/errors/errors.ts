/**
 * One small hierarchy. The CLI's single catch maps each class to an exit code
 * (src/cli/exit-codes.ts); nothing else ends the process.
 */

/** Where in a manifest a problem is, and how to fix it. */
export interface Problem {
  readonly file: string;
  readonly line: number;
  readonly col: number;
  /** Path inside the document, e.g. `sources[0].config.database_port`. */
  readonly path: string;
  readonly message: string;
  readonly hint?: string;
  readonly severity: 'error' | 'warning';
}

export abstract class GitopsError extends Error {
  abstract readonly category: 'user' | 'validation' | 'safety' | 'api' | 'apply' | 'operation' | 'internal';
  readonly hint: string | undefined;

  constructor(message: string, options?: { cause?: unknown; hint?: string }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.hint = options?.hint;
  }
}

/** Bad flags, missing credentials, unreadable files: the user can fix it. */
export class UserError extends GitopsError {
  readonly category = 'user' as const;
}

/** Manifests that do not validate: every problem, collected. */
export class ValidationError extends GitopsError {
  readonly category = 'validation' as const;
  readonly problems: readonly Problem[];

  constructor(problems: readonly Problem[], options?: { cause?: unknown }) {
    const errors = problems.filter((p) => p.severity === 'error').length;
    super(`${errors} problem${errors === 1 ? '' : 's'} found in the manifests`, options);
    this.problems = problems;
  }
}

/** Refused by a safety check: stale plan, protected resource, --max-deletes, no approval. */
export class SafetyError extends GitopsError {
  readonly category = 'safety' as const;
}

/** A failed API call after retries. */
export class ApiError extends GitopsError {
  readonly category = 'api' as const;
  readonly status: number | undefined;
  readonly method: string;
  /** Path with ids kept and secrets scrubbed, no query string. */
  readonly path: string;
  readonly requestId: string | undefined;
  /** Parsed detail lines (string detail, or one line per validation item). */
  readonly details: readonly string[];
  readonly retryable: boolean;

  constructor(init: {
    message: string;
    status?: number | undefined;
    method: string;
    path: string;
    requestId?: string | undefined;
    details?: readonly string[];
    retryable?: boolean;
    cause?: unknown;
    hint?: string;
  }) {
    super(
      init.message,
      init.hint === undefined ? { cause: init.cause } : { cause: init.cause, hint: init.hint },
    );
    this.status = init.status;
    this.method = init.method;
    this.path = init.path;
    this.requestId = init.requestId;
    this.details = init.details ?? [];
    this.retryable = init.retryable ?? false;
  }
}

/** Some plan actions failed; the report lists each action's outcome. */
export class ApplyError extends GitopsError {
  readonly category = 'apply' as const;
  readonly report: unknown;

  constructor(message: string, report: unknown, options?: { cause?: unknown; hint?: string }) {
    super(message, options);
    this.report = report;
  }
}

/**
 * An action that was carried out but did not end as asked, e.g. a snapshot stopped, or still
 * running when `--wait-timeout` passed.
 */
export class OperationError extends GitopsError {
  readonly category = 'operation' as const;
}

/** A bug in streamkap-gitops. */
export class InternalError extends GitopsError {
  readonly category = 'internal' as const;
}
