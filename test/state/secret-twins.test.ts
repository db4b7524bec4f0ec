/**
 * The backend derives a Kafka Connect key from each `.user.defined` key; for a secret such as
 * `mongodb.connection.string.user.defined` the derived `mongodb.connection.string` holds the same
 * plaintext. The live state keeps the secret only as a SecretValue and drops the twin.
 */
import { describe, expect, it } from 'vitest';
import { inspect } from 'node:util';
import { isSecret } from '../../src/model/index.js';
import { loadLiveState } from '../../src/state/index.js';
import { fakeClient } from './fake-client.js';
import { SOURCE_ID, TAGS, TAG_IDS } from './fixtures.js';

const URI = 'mongodb://reader:mongo-PLANTED-pw@mongo.internal:27017/app';

describe('derived twins of secret keys', () => {
  it('keeps the secret as a SecretValue and no plaintext copy anywhere in the live resource', async () => {
    const raw = {
      id: SOURCE_ID,
      name: 'events',
      connector: 'mongodb',
      tags: [TAG_IDS.owner],
      config: {
        'mongodb.connection.string.user.defined': URI,
        'mongodb.connection.string': URI,
        'mongodb.connection.hostname': 'mongo.internal:27017',
        'collection.include.list.user.defined': 'app.events',
        'collection.include.list': 'app.events',
      },
    };
    const state = await loadLiveState(fakeClient({ sources: [raw], tags: TAGS }), ['source']);
    const [src] = state.resources;
    if (src?.kind !== 'source') throw new Error('no source read');
    expect(isSecret(src.config['mongodb_connection_string'])).toBe(true);
    expect(src.live.readOnlyConfig).not.toHaveProperty('mongodb.connection.string');
    expect(src.live.shortKeys).not.toHaveProperty('mongodb.connection.string');
    expect(src.live.extraConfig).not.toHaveProperty('mongodb.connection.string');
    // A non-secret derived key is still kept apart as before.
    expect(src.live.shortKeys).toHaveProperty(['collection.include.list'], 'app.events');
    expect(JSON.stringify(src)).not.toContain('PLANTED');
    expect(inspect(src, { depth: 10 })).not.toContain('PLANTED');
  });
});
