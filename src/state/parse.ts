/**
 * Small shape checks for API objects: parse, don't cast. Each reader asks for the fields it needs
 * and records what was wrong, so one message can name the kind, the id and every problem.
 */
import { parseBool } from '../catalogue/index.js';
import type { JsonValue } from '../model/index.js';

export type UnknownRecord = Readonly<Record<string, unknown>>;

export function isRecord(value: unknown): value is UnknownRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True when the value is plain JSON (no functions, classes or non-finite numbers). */
export function isJsonValue(value: unknown): value is JsonValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isJsonValue);
  if (isRecord(value)) return Object.values(value).every(isJsonValue);
  return false;
}

/** Collects shape problems of one API object. */
export class ShapeReader {
  readonly problems: string[] = [];

  constructor(readonly object: UnknownRecord) {}

  /** A required non-empty string. */
  requiredString(key: string): string {
    const v = this.object[key];
    if (typeof v === 'string' && v !== '') return v;
    this.problems.push(`"${key}" must be a non-empty string, got ${describe(v)}`);
    return '';
  }

  /** An optional string: absent or null gives undefined. */
  optionalString(key: string): string | undefined {
    const v = this.object[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'string') return v;
    this.problems.push(`"${key}" must be a string or null, got ${describe(v)}`);
    return undefined;
  }

  /** An optional object: absent or null gives undefined. */
  optionalRecord(key: string): UnknownRecord | undefined {
    const v = this.object[key];
    if (v === undefined || v === null) return undefined;
    if (isRecord(v)) return v;
    this.problems.push(`"${key}" must be an object or null, got ${describe(v)}`);
    return undefined;
  }

  /** An optional array: absent or null gives []. */
  optionalArray(key: string): readonly unknown[] {
    const v = this.object[key];
    if (v === undefined || v === null) return [];
    if (Array.isArray(v)) return v;
    this.problems.push(`"${key}" must be an array or null, got ${describe(v)}`);
    return [];
  }

  /** An optional boolean, also in the text forms the API writes ("true", "1", "yes", ...). */
  optionalBoolean(key: string): boolean | undefined {
    const v = this.object[key];
    if (v === undefined || v === null) return undefined;
    const b = parseBool(v);
    if (b !== undefined) return b;
    this.problems.push(`"${key}" must be a boolean, got ${describe(v)}`);
    return undefined;
  }
}

/** A short description of a value's type for messages: never the value itself (it may be secret). */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

/** The id of an API object for messages, or a placeholder when it has none. */
export function idForMessage(value: unknown): string {
  if (isRecord(value) && typeof value.id === 'string' && value.id !== '') return value.id;
  return '(no id)';
}
