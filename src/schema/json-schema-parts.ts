/** Pieces of the manifest's JSON Schema that every kind's item schema (./kinds/) shares. */
import { listConnectors, type ConnectorKind } from '../catalogue/index.js';
import { NAMESPACE_NAME, type JsonObject, type JsonValue } from '../model/index.js';
import { editorConfigSchema } from './json-schema-config.js';

export type SchemaMode = 'runtime' | 'editor';

/** The ajv options validate-structure.ts relies on: every error, discriminator errors, data in errors. */
export const MANIFEST_AJV_OPTIONS = {
  strict: true,
  allErrors: true,
  discriminator: true,
  verbose: true,
} as const;

export const NAMESPACE_PATTERN = `^${NAMESPACE_NAME}$`;

export const NAME: JsonObject = { type: 'string', minLength: 1, maxLength: 255, pattern: '\\S' };
export const NAMES: JsonObject = { type: 'array', items: NAME, uniqueItems: true };

/** The keys every tagged kind's items share. */
export const COMMON: Record<string, JsonObject> = {
  name: { ...NAME, description: 'Unique per kind across all manifests.' },
  tags: { ...NAMES, description: 'Tag names. Absent: the tool leaves the live tags alone.' },
  protected: { type: 'boolean', description: 'Refuse to delete or replace this resource.' },
  previous_names: { ...NAMES, description: 'Former names: a rename updates instead of recreating.' },
  extra_config: {
    type: 'object',
    description: 'Wire keys the catalogue does not know, sent as-is (with a warning).',
  },
};

/** One `oneOf` branch per catalogue connector, keyed by the discriminator `tag` (`connector`, `type`). */
export function branches(kind: ConnectorKind, tag: string, mode: SchemaMode): JsonValue[] {
  return listConnectors(kind).map((spec) => ({
    properties: {
      [tag]: { const: spec.code },
      config: mode === 'editor' ? editorConfigSchema(spec) : { type: 'object' },
    },
  }));
}
