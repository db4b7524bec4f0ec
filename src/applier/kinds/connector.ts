/**
 * Sources and destinations (api-notes §3.1): the same body and routes under `/sources` or
 * `/destinations`. Create sends manifest values plus static defaults; an update sends the whole
 * config (api-notes §5.5). `kc_cluster_id` is echoed from the live object, omitted when empty.
 */
import type { LiveResource, PlanAction } from '../../model/index.js';
import { createConfig, updateConfig } from '../wire-config.js';
import type { RunContext } from '../run-context.js';
import {
  SW,
  idOf,
  isRecord,
  ownedLookup,
  tagIdsOf,
  type KindHealth,
  type KindWriter,
  type WriteInput,
} from './common.js';

type ConnectorKind = 'source' | 'destination';

function connectorBody<K extends ConnectorKind>(
  input: WriteInput<K>,
  kind: K,
  live?: LiveResource,
): Record<string, unknown> {
  const { desired } = input;
  const { connector } = desired;
  const config =
    live && 'config' in live
      ? updateConfig(kind, connector, desired.config, desired.extraConfig, live)
      : createConfig(kind, connector, desired.config, desired.extraConfig);
  const body: Record<string, unknown> = { name: desired.name, connector, config, tags: tagIdsOf(input) };
  const cluster = (live ?? input.replacing)?.live.wire['kc_cluster_id'];
  if (typeof cluster === 'string' && cluster !== '') body['kc_cluster_id'] = cluster;
  return body;
}

/** The writer of sources or destinations, which live under `path` (`/sources`). */
export function connectorWriter<K extends ConnectorKind>(kind: K, path: string): KindWriter<K> {
  return {
    codeField: 'connector',
    async create(input) {
      const base = connectorBody(input, kind);
      const body = { ...base, created_from: 'api' };
      const res = await input.ctx.client.request('POST', path, {
        query: SW,
        body,
        lookupAfterFailure: ownedLookup(input.ctx, path, input.desired.name),
      });
      const id = idOf(res, `POST ${path}`);
      input.ctx.remember(kind, input.action.name, { id, code: input.desired.connector });
      return id;
    },
    async update(input, live) {
      const body = connectorBody(input, kind, live);
      const res = await input.ctx.client.request('PUT', `${path}/${live.live.id}`, { query: SW, body });
      const id = isIdLess(res) ? live.live.id : idOf(res, `PUT ${path}/${live.live.id}`);
      input.ctx.remember(kind, input.action.name, { id, code: input.desired.connector });
      return id;
    },
    async rename(input, id) {
      // The object was created under a temporary name moments ago: the create body is its state.
      await input.ctx.client.request('PUT', `${path}/${id}`, { query: SW, body: connectorBody(input, kind) });
    },
    async delete(action: PlanAction, live: LiveResource, ctx: RunContext) {
      await ctx.client.request('DELETE', `${path}/${live.live.id}`, { query: SW, absentOn: [404] });
      ctx.forget(kind, live.name, live.live.id);
    },
  };
}

/** Some echoes of a PUT may not repeat the id; the id does not change on update. */
export function isIdLess(res: unknown): boolean {
  return typeof res !== 'object' || res === null || !('id' in res);
}

/** Connector health: `GET <path>/metrics?ids=<id>` answers `{connector_metrics: {<id>: {status}}}` (ASSUMED). */
export function connectorHealth(path: string): KindHealth {
  return {
    path,
    async metricsStatus(client, id) {
      const res = await client.request('GET', `${path}/metrics`, {
        query: { ids: id, level: 'connector', time_type: 'latest' },
      });
      const m =
        isRecord(res) && isRecord(res['connector_metrics']) ? res['connector_metrics'][id] : undefined;
      return isRecord(m) && typeof m['status'] === 'string' ? m['status'] : undefined;
    },
  };
}
