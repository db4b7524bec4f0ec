import {
  DEFAULT_TAG_TYPES,
  isToolTagName,
  type DestinationResource,
  type SourceResource,
  type TagResource,
  type TransformResource,
  type TransformType,
} from '../model/index.js';
import { asRecord, commonFields, RESERVED_TAG_PREFIXES, resourceLocation } from './build-common.js';
import type { Entry } from './entry.js';
import { resolveConfig, resolveExtraConfig, type ConfigSite } from './config-values.js';
import { MAX_REFERENCED_FILE_BYTES, readReferencedFile } from './read-reference.js';
import type { BuildOptions } from './reporter.js';

function site(e: Entry, kind: ConfigSite['kind'], code: string, opts: BuildOptions): ConfigSite {
  return { r: e.r, kind, code, resourceName: e.name ?? '', base: e.base, opts };
}

export function buildConnector(
  e: Entry & { kind: 'source' | 'destination' },
  opts: BuildOptions,
): SourceResource | DestinationResource {
  const s = site(e, e.kind, String(e.raw['connector']), opts);
  const { config } = resolveConfig(asRecord(e.raw['config']), s);
  const extraConfig = resolveExtraConfig(asRecord(e.raw['extra_config']), s);
  return { kind: e.kind, connector: s.code, config, extraConfig, ...commonFields(e) };
}

export function buildTransform(e: Entry, opts: BuildOptions): TransformResource {
  const type = String(e.raw['type']) as TransformType;
  const s = site(e, 'transform', type, opts);
  const { config } = resolveConfig(asRecord(e.raw['config']), s);
  const extraConfig = resolveExtraConfig(asRecord(e.raw['extra_config']), s);
  const file = e.raw['implementation_file'];
  let implementation: TransformResource['implementation'];
  if (typeof file === 'string') {
    if (type === 'topic_router') {
      const hint = 'topic_router routes by configuration only; remove implementation_file';
      e.r.error([...e.base, 'implementation_file'], 'a topic_router transform has no code', hint, 'key');
    } else {
      const segs = [...e.base, 'implementation_file'];
      const code = readReferencedFile(e.r, segs, file, opts.maxFileBytes ?? MAX_REFERENCED_FILE_BYTES);
      if (code !== undefined) implementation = { value_transform: code };
    }
  }
  return { kind: 'transform', type, config, extraConfig, implementation, ...commonFields(e) };
}

export function buildTag(e: Entry): TagResource {
  const name = e.name ?? '';
  if (isToolTagName(name)) {
    e.r.error(
      [...e.base, 'name'],
      `tag name "${name}" is reserved for the tool`,
      `choose a name that does not start with ${RESERVED_TAG_PREFIXES}`,
    );
  }
  const description = e.raw['description'];
  return {
    kind: 'tag',
    name,
    description: typeof description === 'string' ? description : null,
    types: DEFAULT_TAG_TYPES,
    location: resourceLocation(e),
  };
}
