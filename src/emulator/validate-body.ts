/** Request-body checks that answer like FastAPI/Pydantic v2 (422 with an array `detail`). */
import { isRecord, type PydanticItem } from './http.js';
import type { Json } from './types.js';

export type FieldType = 'string' | 'object' | 'array' | 'boolean' | 'int';

export interface FieldRule {
  readonly type: FieldType;
  readonly required?: boolean;
  readonly nullable?: boolean;
  readonly enum?: readonly string[];
  /** Element type for arrays. */
  readonly items?: FieldType;
}

const TYPE_ERRORS: Record<FieldType, { type: string; msg: string }> = {
  string: { type: 'string_type', msg: 'Input should be a valid string' },
  object: { type: 'dict_type', msg: 'Input should be a valid dictionary' },
  array: { type: 'list_type', msg: 'Input should be a valid list' },
  boolean: { type: 'bool_type', msg: 'Input should be a valid boolean' },
  int: { type: 'int_type', msg: 'Input should be a valid integer' },
};

function hasType(v: unknown, t: FieldType): boolean {
  switch (t) {
    case 'string':
      return typeof v === 'string';
    case 'object':
      return isRecord(v);
    case 'array':
      return Array.isArray(v);
    case 'boolean':
      return typeof v === 'boolean';
    case 'int':
      return typeof v === 'number' && Number.isInteger(v);
  }
}

function asJson(v: unknown): Json {
  return v === undefined ? null : (v as Json);
}

export function enumMessage(values: readonly string[]): string {
  const quoted = values.map((v) => `'${v}'`);
  return quoted.length <= 1 ? (quoted[0] ?? '') : `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}`;
}

function checkValue(v: unknown, rule: FieldRule, loc: (string | number)[]): PydanticItem[] {
  if (v === null && rule.nullable) return [];
  if (!hasType(v, rule.type)) {
    return [{ ...TYPE_ERRORS[rule.type], loc, input: asJson(v) }];
  }
  if (rule.type === 'array' && rule.items) {
    // NOTE: on arrays, `enum` constrains the elements.
    const itemRule: FieldRule = rule.enum ? { type: rule.items, enum: rule.enum } : { type: rule.items };
    return (v as unknown[]).flatMap((item, i) => checkValue(item, itemRule, [...loc, i]));
  }
  if (rule.enum && !rule.enum.includes(v as string)) {
    const expected = enumMessage(rule.enum);
    return [{ type: 'enum', loc, msg: `Input should be ${expected}`, input: asJson(v), ctx: { expected } }];
  }
  return [];
}

/** Every problem of `body` against `rules` (unknown keys are allowed, as FastAPI ignores them). */
export function checkBody(
  body: unknown,
  rules: Readonly<Record<string, FieldRule>>,
  loc: (string | number)[] = ['body'],
): PydanticItem[] {
  if (!isRecord(body)) {
    return [
      { type: 'model_attributes_type', loc, msg: 'Input should be a valid dictionary', input: asJson(body) },
    ];
  }
  const items: PydanticItem[] = [];
  for (const [key, rule] of Object.entries(rules)) {
    const v = body[key];
    if (v === undefined) {
      if (rule.required)
        items.push({ type: 'missing', loc: [...loc, key], msg: 'Field required', input: body as Json });
      continue;
    }
    items.push(...checkValue(v, rule, [...loc, key]));
  }
  return items;
}
