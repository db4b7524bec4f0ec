/** Custom tags in manifests: a name and a description. */
import type { JsonObject } from '../../model/index.js';
import { buildTag } from '../build-resources.js';
import { NAME } from '../json-schema-parts.js';
import type { KindManifest } from './types.js';

const TAG: JsonObject = {
  type: 'object',
  required: ['name'],
  properties: { name: NAME, description: { type: ['string', 'null'] } },
  additionalProperties: false,
};

export const tagManifest: KindManifest<'tag'> = {
  key: 'tags',
  description: 'Custom tags this namespace manages.',
  essentialKeys: ['name'],
  schema: () => TAG,
  build: (e) => buildTag(e),
};
