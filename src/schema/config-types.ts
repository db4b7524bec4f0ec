import type { FieldSpec } from '../catalogue/index.js';

/**
 * String fields that hold a comma-separated list on the wire (`table_include_list`): a manifest may
 * write them as a YAML list, joined with "," for the API.
 */
export function isCommaListField(f: FieldSpec): boolean {
  return f.type === 'string' && !f.enum && isCommaListName(f.name);
}

/** The name rule alone, for code that has no catalogue at hand (the plan renderers). */
export function isCommaListName(name: string): boolean {
  return /(^|[._])(include|exclude)[._]list$|_list$/.test(name);
}
