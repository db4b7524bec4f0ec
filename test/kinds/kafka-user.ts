/**
 * A fake standalone kind, `kafka_user`, written the way docs/architecture.md says a new kind is
 * written: its model and payload types (joined to the model's maps by module augmentation), one
 * registration per stage, and one KindDefinition. Nothing in src/ knows it; the test registers it.
 * A real kind would keep each stage in its stage's folder (src/state/kinds/kafka-user.ts, ...); here
 * the stages are sections of one file.
 */
import { ownedLookup, idOf, SW, tagIdsOf, type KindWriter } from '../../src/applier/kinds/common.js';
import type { KindDefinition } from '../../src/kinds/registry.js';
import {
  PROTECTED_TAG,
  shape,
  type FieldChange,
  type JsonObject,
  type LiveOf,
  type SourceLocation,
} from '../../src/model/index.js';
import { sortedUnique } from '../../src/planner/canonical.js';
import { createTagChange, tagChange } from '../../src/planner/kinds/common.js';
import type { ResourcePlan } from '../../src/planner/kinds/types.js';
import { sameSet } from '../../src/planner/rules/sets.js';
import { effectiveTags } from '../../src/planner/rules/tags.js';
import { commonFields } from '../../src/schema/build-common.js';
import { COMMON, NAMES } from '../../src/schema/json-schema-parts.js';
import type { KindManifest } from '../../src/schema/kinds/types.js';
import { fingerprintOf } from '../../src/state/fingerprint.js';
import { isRecord, ShapeReader } from '../../src/state/parse.js';
import type { ListedLive } from '../../src/state/reader.js';

// --- model (src/model) -------------------------------------------------------------------------

export interface KafkaUserResource {
  readonly kind: 'kafka_user';
  readonly name: string;
  readonly tags?: readonly string[] | undefined;
  readonly protected: boolean;
  readonly previousNames: readonly string[];
  readonly location?: SourceLocation | undefined;
  /** Topics the user may read, compared as a set. */
  readonly topics: readonly string[];
  readonly readOnly: boolean;
}

export interface KafkaUserPayload {
  readonly name: string;
  readonly topics: readonly string[];
  readonly readOnly: boolean;
  readonly tags: readonly string[];
}

declare module '../../src/model/resource.js' {
  interface ResourceModels {
    kafka_user: KafkaUserResource;
  }
}

declare module '../../src/model/payloads.js' {
  // NOTE: a merged declaration repeats the type parameter (it holds no secret, so S is unused).
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface PlanPayloads<S> {
    kafka_user: KafkaUserPayload;
  }
}

const PATH = '/kafka_users';

// --- manifest section (src/schema/kinds) ------------------------------------------------------

const ITEM: JsonObject = {
  type: 'object',
  required: ['name', 'topics'],
  properties: {
    name: COMMON['name'] as JsonObject,
    tags: COMMON['tags'] as JsonObject,
    protected: COMMON['protected'] as JsonObject,
    previous_names: COMMON['previous_names'] as JsonObject,
    topics: { ...NAMES, description: 'Topics the user may read.' },
    read_only: { type: 'boolean', description: 'Default true.' },
  },
  additionalProperties: false,
};

const manifest: KindManifest<'kafka_user'> = {
  key: 'kafka_users',
  description: 'Kafka users this namespace manages.',
  essentialKeys: ['name', 'topics'],
  schema: () => ITEM,
  build: (e) => ({
    kind: 'kafka_user',
    ...commonFields(e),
    topics: (e.raw['topics'] as string[]).filter((t) => typeof t === 'string'),
    readOnly: e.raw['read_only'] !== false,
  }),
};

// --- live reader (src/state/kinds) ------------------------------------------------------------

const live: ListedLive<'kafka_user'> = {
  list: { path: PATH, query: {} },
  read(raw, ctx) {
    if (!isRecord(raw)) return { problems: ['not an object'] };
    const r = new ShapeReader(raw);
    const id = r.requiredString('id');
    const name = r.requiredString('name');
    const topics = r.optionalArray('topics');
    if (!topics.every((t) => typeof t === 'string')) r.problems.push('"topics" must hold strings');
    const readOnly = r.optionalBoolean('read_only') ?? true;
    const tags = ctx.tags.resolve(raw['tags'], `kafka_user "${name}"`);
    if (tags.problem) r.problems.push(tags.problem);
    if (r.problems.length > 0) return { problems: r.problems };
    const value: LiveOf<'kafka_user'> = {
      kind: 'kafka_user',
      name,
      topics: sortedUnique(topics as string[]),
      readOnly,
      tags: tags.names,
      protected: tags.names.includes(PROTECTED_TAG),
      previousNames: [],
      live: {
        id,
        fingerprint: fingerprintOf(raw),
        tagIds: tags.ids,
        readOnlyConfig: {},
        extraConfig: {},
        wire: {},
      },
    };
    return { value };
  },
};

// --- planner (src/planner/kinds) --------------------------------------------------------------

const plan: ResourcePlan<'kafka_user'> = {
  diff(desired, current, ctx) {
    const changes: FieldChange[] = [];
    if (!sameSet(desired.topics, current.topics)) {
      changes.push({
        path: 'topics',
        before: sortedUnique(current.topics),
        after: sortedUnique(desired.topics),
      });
    }
    if (desired.readOnly !== current.readOnly) {
      changes.push({ path: 'readOnly', before: current.readOnly, after: desired.readOnly });
    }
    const tags = tagChange(desired, current, ctx);
    if (tags) changes.push(tags);
    return { changes };
  },
  createChanges: (desired, ctx) => [
    { path: 'readOnly', after: desired.readOnly },
    { path: 'topics', after: sortedUnique(desired.topics) },
    createTagChange(desired, ctx),
  ],
  payload: (desired, liveTags, ctx) => ({
    name: desired.name,
    topics: sortedUnique(desired.topics),
    readOnly: desired.readOnly,
    tags: effectiveTags(desired.tags, liveTags, ctx.namespace, desired.protected),
  }),
};

const payload = shape.object<KafkaUserPayload>({
  name: shape.string,
  topics: shape.array(shape.string),
  readOnly: shape.boolean,
  tags: shape.array(shape.string),
});

// --- writer (src/applier/kinds) ---------------------------------------------------------------

const write: KindWriter<'kafka_user'> = {
  async create(input) {
    const { name, topics, readOnly } = input.desired;
    const body = { name, topics, read_only: readOnly, tags: tagIdsOf(input), created_from: 'api' };
    const res = await input.ctx.client.request('POST', PATH, {
      query: SW,
      body,
      lookupAfterFailure: ownedLookup(input.ctx, PATH, name),
    });
    const id = idOf(res, `POST ${PATH}`);
    input.ctx.remember('kafka_user', name, { id });
    return id;
  },
  async update(input, current) {
    const { name, topics, readOnly } = input.desired;
    const body = { name, topics, read_only: readOnly, tags: tagIdsOf(input) };
    await input.ctx.client.request('PUT', `${PATH}/${current.live.id}`, { query: SW, body });
    input.ctx.remember('kafka_user', name, { id: current.live.id });
    return current.live.id;
  },
  async delete(_action, current, ctx) {
    await ctx.client.request('DELETE', `${PATH}/${current.live.id}`, { absentOn: [404] });
    ctx.forget('kafka_user', current.name, current.live.id);
  },
};

// --- the registration (src/kinds/kafka-user.ts, plus one line in BUILTIN_KINDS) -----------------

export const kafkaUserKind: KindDefinition<'kafka_user'> = {
  kind: 'kafka_user',
  tagged: true,
  destructive: false,
  references: [],
  manifest,
  payload,
  live,
  plan,
  write,
};
