/** Sources and destinations in manifests: one item shape, a `connector` code from the catalogue. */
import type { JsonObject, ResourceOf } from '../../model/index.js';
import { buildConnector } from '../build-resources.js';
import type { Entry } from '../entry.js';
import { branches, COMMON, type SchemaMode } from '../json-schema-parts.js';
import type { KindManifest } from './types.js';

type ConnectorKind = 'source' | 'destination';

function connectorSchema(kind: ConnectorKind, mode: SchemaMode): JsonObject {
  return {
    type: 'object',
    required: ['name', 'connector'],
    properties: {
      ...COMMON,
      connector: { type: 'string', description: `The ${kind} connector code from the catalogue.` },
      config: { type: 'object' },
    },
    additionalProperties: false,
    discriminator: { propertyName: 'connector' },
    oneOf: branches(kind, 'connector', mode),
  };
}

/** The manifest section `key` (`sources`) of sources or destinations. */
export function connectorManifest<K extends ConnectorKind>(
  kind: K,
  key: string,
  description: string,
): KindManifest<K> {
  return {
    key,
    description,
    essentialKeys: ['name', 'connector', 'config'],
    codes: { catalogue: kind, what: `${kind} connector` },
    schema: (mode) => connectorSchema(kind, mode),
    // NOTE: an entry of this section has kind K, so the connector built from it is the model of K.
    build: (e, ctx) => buildConnector(e as Entry & { kind: K }, ctx.opts) as ResourceOf<K>,
  };
}
