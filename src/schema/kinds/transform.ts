/** Transforms in manifests: a `type` from the catalogue (types this version knows), code from a file. */
import type { JsonObject } from '../../model/index.js';
import { TRANSFORM_TYPES } from '../../model/index.js';
import { buildTransform } from '../build-resources.js';
import { branches, COMMON, type SchemaMode } from '../json-schema-parts.js';
import type { KindManifest } from './types.js';

function transformSchema(mode: SchemaMode): JsonObject {
  const known = new Set<string>(TRANSFORM_TYPES);
  return {
    type: 'object',
    required: ['name', 'type'],
    properties: {
      ...COMMON,
      type: { type: 'string', description: 'The transform type.' },
      config: { type: 'object' },
      implementation_file: {
        type: 'string',
        minLength: 1,
        description: 'Path to the code, relative to this manifest file.',
      },
    },
    additionalProperties: false,
    discriminator: { propertyName: 'type' },
    oneOf: branches('transform', 'type', mode).filter((b) => {
      const code = ((b as JsonObject)['properties'] as JsonObject)['type'] as JsonObject;
      return known.has(String(code['const']));
    }),
  };
}

export const transformManifest: KindManifest<'transform'> = {
  key: 'transforms',
  description: 'Transforms this namespace manages.',
  essentialKeys: ['name', 'type', 'config'],
  codes: { catalogue: 'transform', what: 'transform type' },
  schema: transformSchema,
  build: (e, ctx) => buildTransform(e, ctx.opts),
};
