import { describe, expect, it } from 'vitest';
import { tableProblems } from '../../src/snapshot/check-tables.js';
import { includeEntries, isIncluded } from '../../src/snapshot/include-list.js';
import { startBody } from '../../src/snapshot/request-body.js';
import { checkSnapshotFlags } from '../../src/snapshot/snapshot-flags.js';
import { liveSourceTables } from '../../src/snapshot/source-tables.js';
import { topicName } from '../../src/snapshot/topic-names.js';

const flags = (over: Partial<Parameters<typeof checkSnapshotFlags>[0]> = {}) =>
  checkSnapshotFlags({ where: [], stop: false, wait: false, ...over });

describe('snapshot flags (checked offline)', () => {
  it('accepts tables and TABLE=FILTER conditions (the filter may hold "=")', () => {
    const r = flags({ tables: ' public.a, public.b ', where: ["public.a=status = 'x' AND id > 3"] });
    expect(r.problems).toEqual([]);
    expect(r.input).toEqual({
      tables: ['public.a', 'public.b'],
      conditions: [{ table: 'public.a', filter: "status = 'x' AND id > 3" }],
    });
    expect(flags().input).toEqual({ tables: undefined, conditions: [] });
  });

  it('reports every problem at once', () => {
    const r = flags({
      tables: 'public.a,public.a',
      where: ['nofilter', 'public.b=x', 'public.a=1', 'public.a=2'],
    });
    expect(r.problems).toEqual([
      '--tables lists "public.a" twice',
      `--where "nofilter" is not TABLE=FILTER (e.g. --where "public.orders=created_at > '2026-01-01'")`,
      '--where gives two filters for public.a: combine them into one (AND)',
      '--where public.b: not one of the snapshotted tables (--tables public.a); did you mean "public.a"?',
    ]);
    expect(flags({ tables: ' , ' }).problems[0]).toContain('--tables lists no table');
    expect(flags({ stop: true, wait: true }).problems[0]).toContain('--stop stops the running snapshot');
  });
});

describe('include list and topic names', () => {
  it('reads entries as anchored regular expressions, else literally', () => {
    const entries = includeEntries('public.orders, public\\.archive_.*, bad[');
    expect(entries).toEqual(['public.orders', 'public\\.archive_.*', 'bad[']);
    expect(isIncluded(entries, 'public.archive_2026')).toBe(true);
    expect(isIncluded(entries, 'xpublic.orders')).toBe(false);
    expect(isIncluded(entries, 'bad[')).toBe(true);
    expect(includeEntries(['a', ' ', 7])).toEqual(['a']);
  });

  it('prefixes the database for schema.table sources with one database (ASSUMED form), else sends as typed', () => {
    const pg = liveSourceTables('postgresql', {
      'database.dbname': 'shop',
      'table.include.list.user.defined': 'public.orders',
    });
    expect(pg).toEqual({ includes: ['public.orders'], database: 'shop', schemaLevel: true });
    expect(topicName(pg, 'public.orders')).toBe('shop.public.orders');
    expect(topicName(pg, 'other.public.orders')).toBe('other.public.orders');
    const mysql = liveSourceTables('mysql', { 'database.include.list.user.defined': 'catalog' });
    expect(mysql.includes).toBeUndefined();
    expect(topicName(mysql, 'catalog.products')).toBe('catalog.products');
    // The quickstart's short key counts as its .user.defined twin; two databases name none.
    const sql = liveSourceTables('sqlserveraws', { 'database.names': 'a,b', 'table.include.list': 'dbo.t' });
    expect(sql).toEqual({ includes: ['dbo.t'], database: undefined, schemaLevel: true });
  });

  it('checks tables (and --where tables without --tables) against the list, with a did-you-mean', () => {
    const src = { includes: ['public.orders', 'public.customers'], database: 'shop', schemaLevel: true };
    const list = 'the live table include list of source db';
    expect(tableProblems({ tables: ['public.order'], conditions: [] }, src, list)).toEqual([
      '--tables public.order: not in the live table include list of source db; did you mean "public.orders"?',
    ]);
    expect(
      tableProblems({ tables: undefined, conditions: [{ table: 'x.y', filter: 'f' }] }, src, list)[0],
    ).toBe(
      '--where x.y: not in the live table include list of source db; it includes: public.orders, public.customers',
    );
    expect(
      tableProblems({ tables: ['any.thing'], conditions: [] }, { ...src, includes: undefined }, list),
    ).toEqual([]);
  });

  it('builds the start body: topic_names only with --tables, one condition per --where', () => {
    const src = { includes: undefined, database: 'shop', schemaLevel: true };
    expect(startBody('s1', src, { tables: undefined, conditions: [] })).toEqual({ source_id: 's1' });
    expect(
      startBody('s1', src, { tables: ['public.a'], conditions: [{ table: 'public.a', filter: 'id > 1' }] }),
    ).toEqual({
      source_id: 's1',
      topic_names: ['shop.public.a'],
      additional_conditions: [{ data_collection: 'public.a', filter: 'id > 1' }],
    });
  });
});
