/**
 * Objects made the quickstart's way (api-notes §5.2, §5.3): short keys instead of the `.user.defined`
 * ones, booleans as "1"/"0" or "yes"/"no", numbers as strings. They read as the same model values as
 * an object made the provider's way, so a plan shows neither perpetual drift nor hides a change.
 */
import { describe, expect, it } from 'vitest';
import type { LiveResource, SourceResource } from '../../src/model/index.js';
import { loadLiveState } from '../../src/state/index.js';
import { fakeClient } from './fake-client.js';
import { postgresSource, TAGS } from './fixtures.js';

type LiveSource = SourceResource & Pick<LiveResource, 'live'>;

async function read(config: Record<string, unknown>): Promise<LiveSource> {
  const raw = { ...postgresSource(), config };
  const state = await loadLiveState(fakeClient({ sources: [raw], tags: TAGS }), ['source']);
  return state.resources[0] as LiveSource;
}

const PROVIDER = {
  'database.hostname.user.defined': 'db.internal',
  'database.port.user.defined': 5432,
  'table.include.list.user.defined': 'public.orders',
  'heartbeat.enabled': true,
  'ssh.enabled': false,
  'snapshot.read.only.user.defined': 'Yes',
};

describe('the quickstart spelling of a live config', () => {
  it('reads short keys, text booleans and string numbers as the same values', async () => {
    const provider = await read(PROVIDER);
    for (const [yes, no] of [
      ['1', '0'],
      ['yes', 'no'],
      ['True', 'FALSE'],
    ]) {
      const quickstart = await read({
        'database.hostname': 'db.internal',
        'database.port': '5432',
        'table.include.list': 'public.orders',
        'heartbeat.enabled': yes,
        'ssh.enabled': no,
        'snapshot.read.only.user.defined': 'Yes',
      });
      expect(quickstart.config).toEqual(provider.config);
    }
  });

  it('keeps the short keys as read, and never coerces a string field holding Yes or digits', async () => {
    const src = await read({ 'table.include.list': 'public.orders', 'snapshot.read.only': '1' });
    expect(src.live.shortKeys).toEqual({ 'table.include.list': 'public.orders', 'snapshot.read.only': '1' });
    expect(src.config['snapshot_read_only']).toBe('1');
  });

  it('next to its .user.defined twin, a short key is the derived value, not the field', async () => {
    const src = await read({
      ...PROVIDER,
      'database.hostname': 'tunnel.internal',
      'table.include.list': 'a.b',
    });
    expect(src.config['database_hostname']).toBe('db.internal');
    expect(src.config['table_include_list']).toBe('public.orders');
    expect(src.live.shortKeys).toEqual({
      'database.hostname': 'tunnel.internal',
      'table.include.list': 'a.b',
    });
  });

  it('a live value that differs still reads as a difference', async () => {
    const src = await read({ 'database.port': '5433', 'heartbeat.enabled': 'no' });
    expect([src.config['database_port'], src.config['heartbeat_enabled']]).toEqual([5433, false]);
  });
});
