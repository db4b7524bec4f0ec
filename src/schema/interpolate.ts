/**
 * `${env:NAME}` references. Secret fields must be exactly one reference; other values may embed any
 * number of them (`jdbc:${env:HOST}:5432`), and `$${` writes a literal `${`.
 */
const TOKEN = /\$\$\{|\$\{([^}]*)\}/g;
const WHOLE_REF = /^\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}$/;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export type Env = Readonly<Record<string, string | undefined>>;

export interface Interpolated {
  readonly value: string;
  /** Referenced variables that are not set. */
  readonly missing: readonly string[];
  /** `${...}` forms that are not `${env:NAME}`. */
  readonly malformed: readonly string[];
}

/** The variable name when `text` is exactly one reference (the only form a secret may take). */
export function wholeEnvRef(text: string): string | undefined {
  return WHOLE_REF.exec(text)?.[1];
}

/** The variable names of every well-formed `${env:NAME}` in `text`. */
export function referencedNames(text: string): string[] {
  if (!hasReference(text)) return [];
  const names: string[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const inner = m[1];
    if (inner?.startsWith('env:') && NAME.test(inner.slice(4))) names.push(inner.slice(4));
  }
  return names;
}

export function hasReference(text: string): boolean {
  return text.includes('${');
}

export function interpolate(text: string, env: Env): Interpolated {
  if (!hasReference(text)) return { value: text, missing: [], malformed: [] };
  const missing: string[] = [];
  const malformed: string[] = [];
  const value = text.replace(TOKEN, (match: string, inner: string | undefined) => {
    if (inner === undefined) return '${';
    const name = inner.startsWith('env:') ? inner.slice(4) : undefined;
    if (name === undefined || !NAME.test(name)) {
      malformed.push(match);
      return match;
    }
    const v = env[name];
    if (v === undefined) {
      missing.push(name);
      return '';
    }
    return v;
  });
  return { value, missing, malformed };
}

/** A conventional variable name to suggest in hints: `ORDERS_DB_DATABASE_PASSWORD`. */
export function suggestEnvName(resourceName: string, field: string): string {
  return `${resourceName}_${field}`
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}
