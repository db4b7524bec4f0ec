/** Pipelines in manifests: a source, a destination, topics, transforms; checked against the others. */
import type { JsonObject, PipelineResource } from '../../model/index.js';
import { buildPipeline, literalTables } from '../build-pipelines.js';
import type { Entry } from '../entry.js';
import { COMMON, NAME } from '../json-schema-parts.js';
import { didYouMean, listSome } from '../suggest.js';
import type { KindManifest, ManifestContext } from './types.js';

const PIPELINE: JsonObject = {
  type: 'object',
  required: ['name', 'source', 'destination'],
  properties: {
    ...COMMON,
    source: { ...NAME, description: 'Source name (declared in sources or listed in external.sources).' },
    destination: { ...NAME, description: 'Destination name.' },
    topics: {
      type: 'array',
      items: NAME,
      uniqueItems: true,
      description:
        "Pretty topic names (public.orders). Default: every table of the source's table_include_list.",
    },
    transforms: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'topics'],
        properties: { name: NAME, topics: { type: 'array', items: NAME, minItems: 1, uniqueItems: true } },
        additionalProperties: false,
      },
    },
    topic_auto_discovery: {
      type: 'array',
      items: {
        type: 'object',
        required: ['transform', 'regex'],
        properties: { transform: NAME, regex: { type: 'string', minLength: 1 } },
        additionalProperties: false,
      },
    },
    snapshot_new_tables: { type: 'boolean', description: 'Default true.' },
  },
  additionalProperties: false,
};

function checkTopics(e: Entry, p: PipelineResource, ctx: ManifestContext): void {
  const source = ctx.built('source', p.source);
  const tables = source?.kind === 'source' ? literalTables(source) : undefined;
  if (tables && Array.isArray(e.raw['topics'])) {
    const allowed = new Set(tables);
    p.topics?.forEach((t, i) => {
      if (!allowed.has(t)) {
        e.r.error(
          [...e.base, 'topics', i],
          `topic "${t}" is not in the table_include_list of source "${p.source}"`,
          didYouMean(t, tables) ?? `tables: ${listSome(tables)}`,
        );
      }
    });
  }
  const pipelineTopics = p.topics ? new Set(p.topics) : undefined;
  const seen = new Set<string>();
  p.transforms.forEach((t, i) => {
    if (seen.has(t.name))
      e.r.error(
        [...e.base, 'transforms', i, 'name'],
        `transform "${t.name}" is listed twice`,
        'list its topics once',
      );
    seen.add(t.name);
    ctx.checkReference(e, 'transform', t.name, ['transforms', i, 'name']);
    if (!pipelineTopics) return;
    t.topics.forEach((topic, j) => {
      if (!pipelineTopics.has(topic)) {
        e.r.error(
          [...e.base, 'transforms', i, 'topics', j],
          `topic "${topic}" is not one of this pipeline's topics`,
          `pipeline topics: ${listSome([...pipelineTopics])}`,
        );
      }
    });
  });
}

function checkPipeline(e: Entry, p: PipelineResource, ctx: ManifestContext): void {
  ctx.checkReference(e, 'source', p.source, ['source']);
  ctx.checkReference(e, 'destination', p.destination, ['destination']);
  checkTopics(e, p, ctx);
  p.topicAutoDiscovery.forEach((t, i) => {
    ctx.checkReference(e, 'transform', t.transform, ['topic_auto_discovery', i, 'transform']);
    try {
      new RegExp(t.regex);
    } catch (error) {
      e.r.error(
        [...e.base, 'topic_auto_discovery', i, 'regex'],
        `invalid regular expression: ${(error as Error).message}`,
      );
    }
  });
}

export const pipelineManifest: KindManifest<'pipeline'> = {
  key: 'pipelines',
  description: 'Pipelines this namespace manages.',
  essentialKeys: ['name', 'source', 'destination'],
  schema: () => PIPELINE,
  build: (e, ctx) => buildPipeline(e, (name) => ctx.built('source', name)),
  check: checkPipeline,
};
