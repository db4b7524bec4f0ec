/**
 * The flags of every command as commander hands them to its action, and the one set of argument
 * parsers that produce them. commands/* register flags with these parsers and load run/* lazily;
 * run/* take these types. Neither side imports the other's module, so there is no import cycle.
 * Loaded by every CLI call (even --version): imports commander and types only.
 */
import { InvalidArgumentError } from 'commander';
import type { ResourceKey } from '../model/index.js';

export type OutputFormat = 'text' | 'json' | 'markdown';

/** What `[paths...]` means when it is left out is the schema's (DEFAULT_MANIFEST_PATHS): said once here for the help. */
export const MANIFEST_PATHS_HELP =
  'manifest files or directories, searched recursively for *.yaml and *.yml (default: the current directory)';

/** The API connection flags (`addApiOptions`). */
export interface ApiCliOptions {
  readonly apiUrl?: string | undefined;
  readonly timeout?: number | undefined;
  readonly maxRetries?: number | undefined;
  readonly concurrency?: number | undefined;
}

/** `--max-file-size` (`addManifestOptions`), on every command that reads manifests. */
export interface ManifestCliOptions {
  /** Bytes. */
  readonly maxFileSize?: number | undefined;
}

export interface ValidateFlags extends ManifestCliOptions {
  readonly format: 'text' | 'json';
  readonly allowMissingEnv: boolean;
}

/** The flags every planning command shares (plan, apply). */
export interface PlanningFlags extends ApiCliOptions, ManifestCliOptions {
  readonly target: ResourceKey[];
  readonly exclude: ResourceKey[];
  readonly adopt: boolean;
  /** `--adopt-from <namespace>` (repeatable). */
  readonly adoptFrom: string[];
  readonly maxDeletes?: number;
  readonly resendSecrets: boolean;
}

export interface PlanFlags extends PlanningFlags {
  readonly format: OutputFormat;
  readonly out?: string;
  readonly detailedExitcode: boolean;
}

export interface ApplyFlags extends PlanningFlags {
  readonly autoApprove: boolean;
  readonly allowDestructive: boolean;
  readonly parallelism: number;
  readonly failFast: boolean;
  readonly plan?: string;
  readonly wait: boolean;
  readonly waitTimeout: number;
  readonly pollInterval: number;
  readonly format: 'text' | 'json';
  readonly snapshotAddedTables: boolean;
  /** `--lock-timeout`, milliseconds: how long to wait for the namespace's lock (0 = not at all). */
  readonly lockTimeout: number;
}

export interface DriftFlags extends ApiCliOptions, ManifestCliOptions {
  readonly format: OutputFormat;
  readonly ignoreFile?: string;
  readonly resendSecrets: boolean;
  readonly failOnUnmanaged: boolean;
}

export interface SnapshotFlags extends ApiCliOptions, ManifestCliOptions {
  readonly tables?: string;
  readonly where: string[];
  readonly stop: boolean;
  readonly wait: boolean;
  readonly pollInterval: number;
  readonly waitTimeout: number;
}

export interface DoctorFlags extends ApiCliOptions, ManifestCliOptions {
  readonly format: OutputFormat;
  readonly probeWrites: boolean;
  readonly namespaceScratch?: string;
}

export interface StatusFlags extends ApiCliOptions, ManifestCliOptions {
  readonly format: OutputFormat;
  readonly namespace?: string;
  readonly maxLag?: number;
  readonly maxLatency?: number;
  readonly since: number;
  /** true = the default interval; a string = the interval given. */
  readonly watch?: boolean | string;
}

export interface ConnectorsFlags {
  readonly kind?: 'source' | 'destination' | 'transform';
  readonly format: 'text' | 'json';
}

/** `ci <command> [args...]`. */
export interface CiFlags {
  readonly provider: 'auto' | 'github' | 'gitlab' | 'none';
  readonly comment: boolean;
  readonly commentKey?: string;
  readonly failOnChanges: boolean;
}

/** `init [dir]`. */
export interface InitFlags {
  readonly source?: string;
  readonly destination?: string;
  readonly namespace?: string;
  readonly force: boolean;
}

/** `export --out DIR`. */
export interface ExportFlags extends ApiCliOptions {
  readonly out: string;
  readonly namespace: string;
  readonly select: 'owned' | 'unowned' | 'all';
  readonly split?: 'pipelines';
  readonly force: boolean;
}

/** `completion <shell>`. */
export type Shell = 'bash' | 'zsh' | 'fish';

export interface EmulatorFlags {
  readonly port: number;
  readonly host: string;
  readonly data?: string;
  readonly fixtures?: string;
  readonly clientId: string;
  readonly clientSecret?: string;
  readonly seed: number;
  readonly tokenLifetime?: number;
  readonly latencyMs?: number;
  readonly jitterMs?: number;
  readonly errorRate?: number;
  readonly rateLimitRate?: number;
  readonly htmlErrorRate?: number;
  readonly secretMask?: 'omit' | 'null' | 'mask';
  readonly stringEncoding?: 'defaults' | 'all' | 'none';
  readonly settleReads?: number;
  readonly settleDelayMs?: number;
  readonly putConfig?: 'replace' | 'merge';
  readonly missingById?: 'empty' | '404';
  readonly pageSizeOver100?: 'reject' | 'clamp';
  readonly referencedDelete?: 'refuse' | 'cascade' | 'orphan';
  readonly deployPolls?: number;
  readonly printEnv: boolean;
}

// Parsers: a bad value throws InvalidArgumentError, which commander reports as a usage error (exit 4)
// after naming the option and the value: "option '--parallelism <n>' argument '0' is invalid. ...".

/** A whole number in [min, max]: `--parallelism 4`, `--max-deletes 0`, `--port 8080`. */
export function wholeNumber(min: number, max = Number.MAX_SAFE_INTEGER): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
      const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `from ${min} to ${max}`;
      throw new InvalidArgumentError(`Expected a whole number ${range}.`);
    }
    return n;
  };
}

/** Any number in [min, max], fractions too: `--error-rate 0.2`. */
export function decimal(min: number, max = Number.POSITIVE_INFINITY): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n < min || n > max) {
      throw new InvalidArgumentError(`Expected a number from ${min} to ${max}.`);
    }
    return n;
  };
}

/** `90s`, `10m`, `1h`, `500ms`; a bare number is seconds. Milliseconds, or undefined when malformed. */
export function durationMs(value: string): number | undefined {
  const m = /^(\d+)(ms|s|m|h)?$/.exec(value.trim());
  if (!m) return undefined;
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(m[2] ?? 's') as 'ms' | 's' | 'm' | 'h'];
  return Number(m[1]) * unit;
}

export const DURATION_EXAMPLES = 'a duration such as 90s, 10m or 1h';

/** A duration in milliseconds, at least `minMs` (`shown` says it to the user: `1m`). */
export function duration(minMs = 0, shown = `${minMs}ms`): (value: string) => number {
  return (value) => {
    const ms = durationMs(value);
    if (ms === undefined) throw new InvalidArgumentError(`Expected ${DURATION_EXAMPLES}.`);
    if (ms < minMs) throw new InvalidArgumentError(`Expected at least ${shown}.`);
    return ms;
  };
}

const SIZE_UNITS: Readonly<Record<string, number>> = {
  '': 1,
  b: 1,
  k: 1024,
  kib: 1024,
  m: 1024 ** 2,
  mib: 1024 ** 2,
  g: 1024 ** 3,
  gib: 1024 ** 3,
};

/** A size in bytes, from 1 byte to 1 GiB: `4096`, `512KiB`, `2MiB`, `2M` (K, M and G are powers of 1024). */
export function size(value: string): number {
  const m = /^(\d+)\s*([a-z]*)$/i.exec(value.trim());
  const unit = m ? SIZE_UNITS[(m[2] ?? '').toLowerCase()] : undefined;
  const bytes = m && unit !== undefined ? Number(m[1]) * unit : NaN;
  if (!Number.isSafeInteger(bytes) || bytes < 1 || bytes > 1024 ** 3) {
    throw new InvalidArgumentError('Expected a size from 1 byte to 1GiB, such as 2MiB or 512KiB.');
  }
  return bytes;
}

/**
 * Parses `kind/name`. The kind is checked against the kind registry once the command runs
 * (`checkResourceKinds`), which keeps this module light.
 */
export function parseResourceKey(value: string): ResourceKey {
  const slash = value.indexOf('/');
  if (slash <= 0 || slash === value.length - 1) {
    throw new InvalidArgumentError(`"${value}" is not kind/name, e.g. source/orders-db.`);
  }
  return value as ResourceKey;
}

/** A namespace name, as the manifest schema allows one (`--adopt-from`, `force-unlock`). */
export function parseNamespace(value: string): string {
  if (!/^[a-z0-9][a-z0-9-]{0,40}$/.test(value)) {
    throw new InvalidArgumentError(
      `"${value}" is not a namespace (lower-case letters, digits and "-", at most 41 characters).`,
    );
  }
  return value;
}

/** A repeatable namespace flag (`--adopt-from a --adopt-from b`). */
export function collectNamespaces(value: string, previous: string[]): string[] {
  return [...previous, parseNamespace(value)];
}

/** A repeatable `kind/name` flag (`--target a/b --target c/d`). */
export function collectResourceKeys(value: string, previous: ResourceKey[]): ResourceKey[] {
  return [...previous, parseResourceKey(value)];
}
