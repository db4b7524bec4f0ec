import { describe, expect, it } from 'vitest';
import { KindRegistry, registry, type KindDefinition } from '../../src/kinds/registry.js';
import type { ResourceKind } from '../../src/model/index.js';

/** A stand-in kind for ordering tests: only `kind`, `tagged` and `references` matter here. */
function fake(kind: string, refersTo: string[] = [], tagged = true): KindDefinition {
  return {
    ...registry.get('destination'),
    kind: kind as ResourceKind,
    tagged,
    references: refersTo.map((k) => ({ kind: k as ResourceKind, field: k, many: false, names: () => [] })),
  } as KindDefinition;
}

describe('kind registry', () => {
  it('derives the apply order from references: tags first, pipelines after what they use', () => {
    expect(registry.applyOrder).toEqual(['tag', 'source', 'destination', 'transform', 'pipeline']);
    expect(registry.deleteOrder).toEqual(['pipeline', 'transform', 'destination', 'source', 'tag']);
  });

  it('keeps display order apart from apply order', () => {
    expect(registry.names).toEqual(['source', 'destination', 'transform', 'pipeline', 'tag']);
  });

  it('knows who refers to a kind', () => {
    expect(registry.referrers('source')).toEqual(['pipeline']);
    expect(registry.referrers('transform')).toEqual(['pipeline']);
    expect(registry.referrers('pipeline')).toEqual([]);
  });

  it('lists one object’s references by kind and name', () => {
    const refs = registry.referencesOf({
      kind: 'pipeline',
      name: 'p',
      source: 's',
      destination: 'd',
      transforms: [{ name: 't', topics: ['a'] }],
      topicAutoDiscovery: [{ transform: 'u', regex: '.*' }],
      snapshotNewTables: true,
      protected: false,
      previousNames: [],
    });
    expect(refs.map((r) => `${r.kind}/${r.name}@${r.field}`)).toEqual([
      'source/s@source',
      'destination/d@destination',
      'transform/t@transforms',
      'transform/u@topicAutoDiscovery',
    ]);
  });

  it('places a registered kind after what it refers to, and removes it again', () => {
    const r = new KindRegistry(registry.kinds);
    const undo = r.register(fake('audit_sink', ['pipeline']));
    expect(r.applyOrder.at(-1)).toBe('audit_sink');
    expect(r.referrers('pipeline')).toEqual(['audit_sink']);
    undo();
    expect(r.has('audit_sink')).toBe(false);
    expect(r.applyOrder).toEqual(registry.applyOrder);
  });

  it('refuses a taken name, an unknown reference and a cycle', () => {
    const r = new KindRegistry(registry.kinds);
    expect(() => r.register(fake('source'))).toThrow(/already registered/);
    expect(() => r.register(fake('a', ['nowhere']))).toThrow(/refers to "nowhere", which is not registered/);
    expect(r.has('a')).toBe(false);
    const r2 = new KindRegistry([...registry.kinds, fake('x', ['y']), fake('y', ['x'])]);
    expect(() => r2.applyOrder).toThrow(/cycle/);
  });
});
