/**
 * With `--format json`, a command that fails or refuses before writing its document writes this one
 * to stdout (its human message still goes to stderr), so a program reading stdout always gets JSON:
 * `{"format_version", "error": {"code", "exit_code", "message", "hint", "problems"?}}` (docs/json.md).
 */
import { GitopsError, ValidationError } from '../errors/index.js';
import { jsonDocument } from '../render/json-document.js';

/** `error.code`: what kind of failure, stable for programs to branch on. */
const CODES: Readonly<Record<GitopsError['category'], string>> = {
  user: 'invalid_input',
  validation: 'invalid_manifests',
  safety: 'refused',
  api: 'api_error',
  apply: 'apply_incomplete',
  operation: 'operation_failed',
  internal: 'internal_error',
};

/** The error document of `error`, which ends the run with `exitCode`. */
export function errorDocument(error: unknown, exitCode: number, usage = false): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = usage ? 'usage' : error instanceof GitopsError ? CODES[error.category] : 'internal_error';
  return jsonDocument({
    error: {
      code,
      exitCode,
      message: message.replace(/^error: /, ''),
      hint: error instanceof GitopsError && error.hint !== undefined ? error.hint : null,
      ...(error instanceof ValidationError ? { problems: error.problems } : {}),
    },
  });
}
