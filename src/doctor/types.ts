/**
 * The doctor report: one result per check of an assumption the tool makes about the API, a value
 * like the plan and the status report (renderers in src/render only read it). No result holds a
 * config value, a secret or a token: values are described by type and shape (describe-shape.ts).
 */

/** Version of the `doctor --format json` document (docs/doctor.md). */
export const DOCTOR_FORMAT_VERSION = 1;

/**
 * ok: the tool, as set, works with what the account does. warn: it works, but the account does
 * something the contract did not expect, or the check could not be made (worth reporting).
 * fail: the tool, as set, would go wrong, or a permission is missing: the hint says what to do.
 */
export type CheckStatus = 'ok' | 'warn' | 'fail';

/** Where a check belongs: the report prints the groups in this order. */
export type CheckGroup = 'connection' | 'reads' | 'writes' | 'manifests';

export const CHECK_GROUPS: readonly CheckGroup[] = ['connection', 'reads', 'writes', 'manifests'];

export interface CheckResult {
  /** Stable kebab-case id (`tags-list`), for scripts and bug reports. */
  readonly id: string;
  readonly group: CheckGroup;
  readonly title: string;
  readonly status: CheckStatus;
  /** What the tool assumes (the contract's reading). */
  readonly assumed: string;
  /** What the account did, by type and shape only. */
  readonly seen: string;
  /**
   * The tool's own setting for this assumption (a flag, an env var or a client option), or
   * "no setting: the tool assumes ..." where it has none.
   */
  readonly setting?: string;
  /** What to do about a warning or failure. */
  readonly hint?: string;
}

/** An object `--probe-writes` made and could not delete. */
export interface Leftover {
  readonly kind: 'tag' | 'source';
  readonly name: string;
  readonly id: string;
  /** Why the delete failed (the API's error, secrets masked). */
  readonly error: string;
}

export interface DoctorSummary {
  readonly ok: number;
  readonly warn: number;
  readonly fail: number;
}

export interface DoctorReport {
  readonly formatVersion: typeof DOCTOR_FORMAT_VERSION;
  readonly toolVersion: string;
  readonly apiUrl: string;
  /** ISO time the checks started. */
  readonly checkedAt: string;
  /** Whether `--probe-writes` ran (it creates and deletes throw-away objects). */
  readonly probeWrites: boolean;
  /** The manifests' namespace when paths were given. */
  readonly namespace: string | undefined;
  /** False when the API could not be reached or refused the credentials: later checks did not run. */
  readonly reachable: boolean;
  readonly checks: readonly CheckResult[];
  readonly leftovers: readonly Leftover[];
  readonly summary: DoctorSummary;
}
