/**
 * The variable names of exported secrets: `<RESOURCE>_<FIELD>` in upper snake case
 * (`ORDERS_DB_DATABASE_PASSWORD`), valid as environment variable names, unique across the export
 * and deterministic (the same account exports the same names). The names the tool itself reads
 * (`STREAMKAP_CLIENT_SECRET`, ...) are never handed out.
 */
import type { ResourceKind } from '../model/index.js';

/** Variables streamkap-gitops or the shell already gives a meaning: never a secret's name. */
const RESERVED: ReadonlySet<string> = new Set([
  'STREAMKAP_CLIENT_ID',
  'STREAMKAP_CLIENT_SECRET',
  'STREAMKAP_SECRET',
  'STREAMKAP_API_URL',
  'STREAMKAP_HOST',
  'STREAMKAP_GITOPS_PLAN_KEY',
  'NO_COLOR',
  'HTTPS_PROXY',
  'HTTP_PROXY',
  'NO_PROXY',
  'PATH',
  'HOME',
]);

/** Longest variable name before a collision suffix (shells accept more; people read these). */
const MAX_NAME = 96;

/** One exported secret: where it belongs, and the variable that holds it. */
export interface SecretVariable {
  readonly name: string;
  readonly kind: ResourceKind;
  readonly resource: string;
  /** The friendly config key (`database_password`). */
  readonly field: string;
}

function upperSnake(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** `<RESOURCE>_<FIELD>`, a valid name (never starting with a digit), before uniqueness. */
export function secretVariableName(resource: string, field: string): string {
  const parts = [upperSnake(resource), upperSnake(field)].filter((p) => p !== '');
  let name = parts.join('_').slice(0, MAX_NAME).replace(/_+$/, '');
  if (name === '') name = 'SECRET';
  return /^[0-9]/.test(name) ? `_${name}` : name;
}

/**
 * Hands out unique names in the order asked. The export asks in a fixed order (kinds in display
 * order, objects by name, fields in catalogue order), so the names are the same on every run.
 */
export class SecretVariables {
  readonly #taken = new Set<string>(RESERVED);
  readonly #list: SecretVariable[] = [];

  /** The variable for one secret field of one object. */
  name(kind: ResourceKind, resource: string, field: string): string {
    const base = secretVariableName(resource, field);
    let name = base;
    for (let i = 2; this.#taken.has(name); i++) name = `${base}_${i}`;
    this.#taken.add(name);
    this.#list.push({ name, kind, resource, field });
    return name;
  }

  get all(): readonly SecretVariable[] {
    return this.#list;
  }
}
