import { describe, expect, it } from 'vitest';
import { parseIgnoreFile } from '../../src/cli/ignore-file.js';
import { applyDriftIgnore, detectDrift, hasDrift, isInSync } from '../../src/planner/index.js';
import { renderDriftJson, renderDriftMarkdown, renderDriftText } from '../../src/render/index.js';
import {
  desiredState,
  liveState,
  ordersPipeline,
  pgSource,
  serverEcho,
  snowflakeDest,
  source,
} from './fixtures.js';

const desired = () => desiredState([pgSource(), snowflakeDest(), ordersPipeline()]);
const inSyncLive = () => [
  serverEcho(pgSource(), { id: 1 }),
  serverEcho(snowflakeDest(), { id: 2 }),
  serverEcho(ordersPipeline(), { id: 3 }),
];

describe('detectDrift', () => {
  it('is in sync when the account matches', () => {
    const r = detectDrift(desired(), liveState(inSyncLive()));
    expect(isInSync(r)).toBe(true);
    expect(renderDriftText(r)).toContain('In sync: no drift.');
  });

  it('changed: managed objects edited outside git, field by field (live -> git)', () => {
    const live = inSyncLive();
    live[0] = serverEcho(pgSource({}, { database_port: 6543 }), { id: 1 });
    const r = detectDrift(desired(), liveState(live));
    expect(r.changed).toEqual([
      expect.objectContaining({
        id: 'source/orders-db',
        replace: false,
        changes: [{ path: 'config.database_port', before: 6543, after: 5432 }],
      }),
    ]);
    expect(isInSync(r)).toBe(false);
    expect(renderDriftText(r)).toContain('~ config.database_port = 6543 (live) -> 5432 (git)');
  });

  it('missing: managed objects deleted outside git', () => {
    const r = detectDrift(desired(), liveState(inSyncLive().slice(0, 2)));
    expect(r.missing.map((m) => m.id)).toEqual(['pipeline/orders-to-warehouse']);
    expect(r.changed).toEqual([]);
  });

  it('unmanaged: objects of managed kinds without the ownership tag, counted and named', () => {
    const live = [
      ...inSyncLive(),
      serverEcho(source('legacy-a', 'mysql', {}), { id: 7, owned: false }),
      serverEcho(source('legacy-b', 'mysql', {}), { id: 8, owned: false }),
    ];
    const r = detectDrift(desired(), liveState(live));
    expect(r.unmanaged.count).toBe(2);
    expect(r.unmanaged.items.map((i) => i.name)).toEqual(['legacy-a', 'legacy-b']);
    expect(renderDriftJson(r)).toContain('"unmanaged": 2');
    // shown, but not drift: nothing this namespace owns differs (issue 8.6)
    expect(isInSync(r)).toBe(true);
    expect(hasDrift(r, { failOnUnmanaged: false })).toBe(false);
    expect(hasDrift(r, { failOnUnmanaged: true })).toBe(true);
    expect(renderDriftText(r)).toContain('In sync: no drift; 2 unmanaged objects (no gitops: tag).');
    expect(renderDriftText(r)).toContain('? source/legacy-a');
  });

  it('objects another namespace owns are not listed at all, protected or not', () => {
    const live = [
      ...inSyncLive(),
      serverEcho(source('theirs', 'mysql', {}), { id: 7, tags: ['gitops:billing'] }),
      serverEcho(source('theirs-too', 'mysql', {}), { id: 8, tags: ['gitops:billing', 'gitops:protected'] }),
      serverEcho(source('by-hand', 'mysql', {}), { id: 9, tags: ['gitops:protected'] }),
    ];
    const r = detectDrift(desired(), liveState(live));
    expect(r.unmanaged.items.map((i) => i.name)).toEqual(['by-hand']);
    expect(renderDriftText(r)).not.toContain('theirs');
    expect(renderDriftText(r)).toContain('In sync: no drift; 1 unmanaged object (no gitops: tag).');
  });

  it('an unowned namesake of a manifest resource is unmanaged, not an error', () => {
    const live = inSyncLive();
    live[0] = serverEcho(pgSource(), { id: 1, owned: false });
    const r = detectDrift(desired(), liveState(live));
    expect(r.unmanaged.items.map((i) => i.id)).toEqual(['source/orders-db']);
    expect(r.errors).toEqual([]);
  });

  it('text in colour only when asked (a TTY), like plan (issue 8.13)', () => {
    const live = inSyncLive();
    live[0] = serverEcho(pgSource({}, { database_port: 6543 }), { id: 1 });
    const r = detectDrift(desired(), liveState(live));
    expect(renderDriftText(r)).not.toContain('\u001b[');
    const coloured = renderDriftText(r, { color: true });
    expect(coloured).toContain('\u001b[33m~ source/orders-db\u001b[0m');
    expect(coloured).toContain('\u001b[1;31mDrift: 1 changed');
  });

  it('orphaned: objects with the ownership tag in no manifest', () => {
    const r = detectDrift(desiredState([pgSource(), snowflakeDest()]), liveState(inSyncLive()));
    expect(r.orphaned.map((o) => o.id)).toEqual(['pipeline/orders-to-warehouse']);
  });

  it('renders Markdown with a sticky-comment marker', () => {
    const r = detectDrift(desired(), liveState(inSyncLive().slice(0, 2)));
    expect(renderDriftMarkdown(r).startsWith('<!-- streamkap-gitops:drift -->')).toBe(true);
  });
});

describe('drift ignore rules', () => {
  const drifted = () => {
    const live = [
      serverEcho(pgSource({}, { database_port: 6543, heartbeat_enabled: false }), { id: 1 }),
      serverEcho(snowflakeDest(), { id: 2 }),
      serverEcho(source('legacy-a', 'mysql', {}), { id: 7, owned: false }),
    ];
    return detectDrift(desired(), liveState(live));
  };

  it('silences one field path of matching objects', () => {
    const r = applyDriftIgnore(drifted(), parseIgnoreFile('source/orders-* config.database_port\n', 'f'));
    expect(r.changed[0]?.changes.map((c) => c.path)).toEqual(['config.heartbeat_enabled']);
    expect(r.ignored).toBe(1);
  });

  it('silences whole objects in every class, by kind or any kind, with globs', () => {
    const rules = parseIgnoreFile(
      [
        '# known exceptions',
        'source/legacy-*   # the old MySQL',
        '*/orders-to-warehouse',
        'source/orders-db config.*',
      ].join('\n'),
      'f',
    );
    const r = applyDriftIgnore(drifted(), rules);
    expect(isInSync(r)).toBe(true);
    expect(r.ignored).toBe(4);
    expect(renderDriftText(r)).toContain('In sync: no drift (4 ignored).');
  });

  it('reports every bad line with its number', () => {
    expect(() => parseIgnoreFile('source\nwidget/x\nsource/a b c\n', '.streamkap-gitops-ignore')).toThrow(
      /3 bad lines[\s\S]*:1:[\s\S]*:2:[\s\S]*:3:/,
    );
  });
});
