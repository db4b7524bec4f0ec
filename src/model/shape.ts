/**
 * Small shape checks for data this tool wrote and reads back (a saved plan's payloads): parse,
 * don't cast. Each `Shape<T>` is tied to its type, so a checker that disagrees with the type it
 * checks (a key missing, misspelt or of another type) fails to compile. Problems name the path and
 * what was expected, never the value (it may be a secret).
 */
import type { JsonValue } from './json.js';
import type { SecretRef } from './payloads.js';

export interface Shape<T> {
  /** Adds a problem per mismatch at `path` (`desired.config.port: expected a number`). */
  check(value: unknown, path: string, problems: string[]): void;
  /** Phantom: ties the checker to its type; never set. */
  readonly type?: [T];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function primitive<T>(what: string, test: (v: unknown) => boolean): Shape<T> {
  return { check: (v, path, problems) => void (test(v) || problems.push(`${path}: expected ${what}`)) };
}

export const string: Shape<string> = primitive('a string', (v) => typeof v === 'string');
export const boolean: Shape<boolean> = primitive('true or false', (v) => typeof v === 'boolean');
export const nullableString: Shape<string | null> = primitive(
  'a string or null',
  (v) => v === null || typeof v === 'string',
);

function isJson(v: unknown): boolean {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v);
  if (Array.isArray(v)) return v.every(isJson);
  return isRecord(v) && Object.values(v).every(isJson);
}

/** Any JSON value. */
export const json: Shape<JsonValue> = primitive('a JSON value', isJson);

const HMAC = /^[0-9a-f]{64}$/;

/** `{"$secret": {"ref": "env:NAME" | null, "hmac": "<64 hex>"}}`. */
export const secretRef: Shape<SecretRef> = {
  check(v, path, problems) {
    const inner = isRecord(v) && Object.keys(v).length === 1 ? v['$secret'] : undefined;
    const ok =
      isRecord(inner) &&
      Object.keys(inner).every((k) => k === 'ref' || k === 'hmac') &&
      (inner['ref'] === null || typeof inner['ref'] === 'string') &&
      typeof inner['hmac'] === 'string' &&
      HMAC.test(inner['hmac']);
    if (!ok) problems.push(`${path}: expected a secret reference {"$secret": {"ref", "hmac"}}`);
  },
};

export function isSecretRefShape(v: unknown): boolean {
  return isRecord(v) && '$secret' in v;
}

/** A config value: a secret reference, or JSON without one. */
export const configValue: Shape<JsonValue | SecretRef> = {
  check: (v, path, problems) => (isSecretRefShape(v) ? secretRef : json).check(v, path, problems),
};

export function array<T>(item: Shape<T>): Shape<readonly T[]> {
  return {
    check(v, path, problems) {
      if (!Array.isArray(v)) problems.push(`${path}: expected a list`);
      else v.forEach((x, i) => item.check(x, `${path}[${i}]`, problems));
    },
  };
}

/** An object of any keys, each value of `value`'s shape. */
export function record<T>(value: Shape<T>): Shape<{ readonly [key: string]: T }> {
  return {
    check(v, path, problems) {
      if (!isRecord(v)) problems.push(`${path}: expected an object`);
      else for (const [k, x] of Object.entries(v)) value.check(x, `${path}.${k}`, problems);
    },
  };
}

/** Marks a key that may be absent. */
export function optional<T>(shape: Shape<T>): Shape<T | undefined> & { readonly optional: true } {
  return { optional: true, check: (v, path, problems) => v === undefined || shape.check(v, path, problems) };
}

type Fields<T> = { readonly [P in keyof T]-?: Shape<T[P]> };

/** An object with exactly these keys (optional ones may be absent); another key is a problem. */
export function object<T>(fields: Fields<T>): Shape<T> {
  return {
    check(v, path, problems) {
      if (!isRecord(v)) {
        problems.push(`${path}: expected an object`);
        return;
      }
      for (const [key, shape] of Object.entries(fields) as [string, Shape<unknown> & { optional?: true }][]) {
        if (!(key in v) && shape.optional !== true) problems.push(`${path}: missing "${key}"`);
        else shape.check(v[key], `${path}.${key}`, problems);
      }
      for (const key of Object.keys(v)) if (!(key in fields)) problems.push(`${path}: unknown key "${key}"`);
    },
  };
}

/** A further rule on a value of a shape (which keys must be secrets). */
export function refine<T>(
  shape: Shape<T>,
  rule: (value: T, path: string, problems: string[]) => void,
): Shape<T> {
  return {
    check(v, path, problems) {
      const before = problems.length;
      shape.check(v, path, problems);
      if (problems.length === before) rule(v as T, path, problems);
    },
  };
}
