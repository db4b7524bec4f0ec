/**
 * PUT semantics (api-notes §3.1, §9.2, §9.4): a PUT of the throw-away source without one
 * optional key (set at create, no static default) and without its password, then a GET by id
 * with plaintext secrets. The key still there means PUT merges config; the password still there
 * means a PUT without secrets keeps them. The tool sends the whole config and every secret on
 * each PUT (api-notes §5.5), which is right under every answer; the report says which one the account gave.
 */
import type { ApiClient } from '../../api/types.js';
import { ok, toResult, type CheckDef } from '../check.js';
import { configOf, field } from '../samples.js';
import type { CheckResult } from '../types.js';
import {
  MARKER_KEY,
  PROBE_CONNECTOR,
  SECRET_KEY,
  withoutMarkerAndSecret,
  type Throwaway,
} from './throwaway.js';

const PUT_CONFIG: CheckDef = {
  id: 'put-config',
  group: 'writes',
  title: 'PUT replaces or merges config',
  assumed: 'unknown (replace or merge); the emulator and the contract default to replace',
  setting:
    'no setting: the tool sends the whole config on every PUT (manifest, else live, else default), right under both',
};

const PUT_SECRETS: CheckDef = {
  id: 'put-secrets',
  group: 'writes',
  title: 'Secrets on a PUT without them',
  assumed: 'unknown whether a PUT that leaves a secret out keeps or erases it',
  setting:
    'no setting: the tool sends every secret on every PUT (the manifest value, else the plaintext read back)',
};

export interface PutTarget {
  readonly name: string;
  readonly tagId: string;
  readonly config: Throwaway['config'];
}

export async function putVerdicts(
  client: ApiClient,
  path: string,
  target: PutTarget,
): Promise<CheckResult[]> {
  await client.request('PUT', path, {
    query: { secret_returned: true, wait: false },
    body: {
      name: target.name,
      connector: PROBE_CONNECTOR,
      config: withoutMarkerAndSecret(target.config),
      tags: [target.tagId],
    },
  });
  const body = await client.request('GET', path, { query: { secret_returned: true } });
  const result = field(body, 'result');
  const config = configOf(Array.isArray(result) ? result[0] : body);
  const marker = config[MARKER_KEY];
  const merged = marker !== undefined && marker !== null;
  // NOTE: compared, never shown: the probe's password is random, yet still a secret.
  const kept = config[SECRET_KEY] === target.config[SECRET_KEY];
  return [
    toResult(
      PUT_CONFIG,
      ok(
        merged
          ? `merge: a key left out of the PUT is still there (${MARKER_KEY})`
          : `replace: a key left out of the PUT is gone (${MARKER_KEY})`,
      ),
    ),
    toResult(
      PUT_SECRETS,
      kept
        ? ok('kept: the password left out of the PUT reads back unchanged')
        : ok('erased: the password left out of the PUT no longer reads back (the tool always sends it)'),
    ),
  ];
}
