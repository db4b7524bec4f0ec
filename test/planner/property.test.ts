import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  connectorCodes,
  getConnector,
  type ConnectorKind,
  type FieldSpec,
} from '../../src/catalogue/index.js';
import {
  SecretValue,
  TRANSFORM_TYPES,
  type Config,
  type JsonValue,
  type Resource,
} from '../../src/model/index.js';
import { buildPlan } from '../../src/planner/index.js';
import {
  desiredState,
  destination,
  HMAC_KEY,
  liveState,
  pipeline,
  serverEcho,
  source,
  tag,
  transform,
} from './fixtures.js';

const word = fc.stringMatching(/^[a-z][a-z0-9_]{0,10}$/);

function valueArb(f: FieldSpec): fc.Arbitrary<JsonValue | SecretValue> {
  if (f.secret) return fc.string({ minLength: 1, maxLength: 20 }).map((s) => new SecretValue(s, 'env:X'));
  if (f.enum && f.enum.length > 0) return fc.constantFrom(...f.enum);
  switch (f.type) {
    case 'int':
      return f.range
        ? fc.integer({ min: f.range[0], max: f.range[1] })
        : fc.integer({ min: -1, max: 1_000_000 });
    case 'bool':
      return fc.boolean();
    case 'list<string>':
      return fc.array(word, { maxLength: 4 });
    // NOTE: plain objects, as YAML and JSON.parse give them (fast-check may drop the prototype).
    case 'map<string,string>':
      return fc.dictionary(word, word, { maxKeys: 3, noNullPrototype: true });
    case 'map<string,object>':
      return fc.dictionary(
        word,
        fc.record({ chunks: fc.integer({ min: 1, max: 9 }) }, { noNullPrototype: true }),
        { maxKeys: 3, noNullPrototype: true },
      );
    default:
      // NOTE: digits and Yes/No in string fields must survive as strings (rule 2).
      return fc.oneof(word, fc.constantFrom('10000', 'Yes', 'No', ''));
  }
}

function configArb(kind: ConnectorKind, code: string): fc.Arbitrary<Config> {
  const fields = (getConnector(kind, code)?.fields ?? []).filter((f) => !f.readOnly);
  const required = fields.filter((f) => f.required);
  const optional = fields.filter((f) => !f.required);
  return fc
    .subarray(optional, { maxLength: Math.min(8, optional.length) })
    .chain((chosen) =>
      fc
        .tuple(...[...required, ...chosen].map((f) => valueArb(f).map((v) => [f.name, v] as const)))
        .map((entries) => Object.fromEntries(entries)),
    );
}

const connectorArb = (kind: 'source' | 'destination') =>
  fc
    .constantFrom(...connectorCodes(kind))
    .chain((code) => configArb(kind, code).map((config) => ({ code, config })));

const transformArb = fc.constantFrom(...TRANSFORM_TYPES).chain((type) =>
  fc.record({
    type: fc.constant(type),
    config: configArb('transform', type),
    code: fc.option(word, { nil: undefined }),
  }),
);

const shapeArb = fc.record({
  sources: fc.array(connectorArb('source'), { minLength: 1, maxLength: 3 }),
  destinations: fc.array(connectorArb('destination'), { minLength: 1, maxLength: 3 }),
  transforms: fc.array(transformArb, { maxLength: 2 }),
  tags: fc.uniqueArray(word, { maxLength: 3 }),
  pipelines: fc.array(
    fc.record({
      s: fc.nat(),
      d: fc.nat(),
      t: fc.nat(),
      withTransform: fc.boolean(),
      topics: fc.uniqueArray(word, { minLength: 1, maxLength: 4 }),
      snapshot: fc.boolean(),
    }),
    { maxLength: 3 },
  ),
  tagged: fc.boolean(),
  protectFirst: fc.boolean(),
  extra: fc.option(
    fc.dictionary(fc.constantFrom('x.custom.a', 'x.custom.b'), fc.oneof(fc.integer(), fc.boolean(), word)),
    { nil: undefined },
  ),
});

type Shape = typeof shapeArb extends fc.Arbitrary<infer T> ? T : never;

function build(shape: Shape): Resource[] {
  const tags = shape.tagged ? shape.tags.map((t) => `t-${t}`) : undefined;
  const resources: Resource[] = (tags ?? []).map((t) => tag(t, `tag ${t}`, ['sources', 'pipelines']));
  const extra = { ...(tags ? { tags } : {}), ...(shape.extra ? { extraConfig: shape.extra } : {}) };
  shape.sources.forEach((s, i) =>
    resources.push(
      source(`src-${i}`, s.code, s.config, { ...extra, protected: i === 0 && shape.protectFirst }),
    ),
  );
  shape.destinations.forEach((d, i) => resources.push(destination(`dst-${i}`, d.code, d.config, extra)));
  shape.transforms.forEach((t, i) =>
    resources.push(
      transform(
        `tx-${i}`,
        t.type,
        t.config,
        t.code === undefined ? {} : { implementation: { value_transform: t.code } },
      ),
    ),
  );
  shape.pipelines.forEach((p, i) => {
    const tx =
      shape.transforms.length > 0 && p.withTransform
        ? [{ name: `tx-${p.t % shape.transforms.length}`, topics: p.topics.slice(0, 1) }]
        : [];
    resources.push(
      pipeline(`pl-${i}`, `src-${p.s % shape.sources.length}`, `dst-${p.d % shape.destinations.length}`, {
        topics: p.topics,
        transforms: tx,
        snapshotNewTables: p.snapshot,
        ...(tags ? { tags } : {}),
      }),
    );
  });
  return resources;
}

describe('property: plan(x, what the server holds after creating x) is empty', () => {
  it('holds for generated valid desired states', () => {
    fc.assert(
      fc.property(shapeArb, (shape) => {
        const resources = build(shape);
        const live = resources.flatMap((r, i) => (r.kind === 'tag' ? [] : [serverEcho(r, { id: i + 1 })]));
        const liveTags = resources.filter((r) => r.kind === 'tag').map((r) => r.name);
        const state = liveState(live, liveTags);
        // The server keeps a tag's description and returns its types in any order.
        const manifestTag = (n: string): boolean => n.startsWith('t-');
        const withDescriptions = {
          ...state,
          tags: state.tags.map((t) =>
            manifestTag(t.name) ? { ...t, description: `tag ${t.name}`, types: ['sources', 'pipelines'] } : t,
          ),
        };
        const plan = buildPlan(desiredState(resources), withDescriptions, { hmacKey: HMAC_KEY });
        expect(plan.errors).toEqual([]);
        expect(
          plan.actions.filter((a) => a.type !== 'noop').map((a) => ({ id: a.id, changes: a.changes })),
        ).toEqual([]);
      }),
      { numRuns: 150, seed: 4242 },
    );
  });
});
