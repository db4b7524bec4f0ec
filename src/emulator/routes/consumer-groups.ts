/**
 * `GET /consumer-groups` and `GET /consumer-groups/{group_id}` (paths from the quickstart; shapes
 * ASSUMED, two variants by `consumerGroupShape`). One group per destination, named as Kafka Connect
 * names a sink connector's group, `connect-destination_<id>` (an emulator choice: the real naming
 * is unknown). Its partitions are the topics of the pipelines feeding that destination.
 */
import { forbidden, overrideFor, stable } from '../health.js';
import { detail, ok, type Reply } from '../http.js';
import type { Call, Router, ServerEnv } from '../router.js';
import { sourceTopicId } from '../topics.js';
import type { StoredConnector } from '../types.js';

const PREFIX = 'connect-destination_';

interface Partition {
  readonly topic: string;
  readonly lag: number;
}

function groupId(d: StoredConnector): string {
  return `${PREFIX}${d.id}`;
}

/** One partition per pipeline topic; a pipeline's `consumerLag` override sits on its first one. */
function partitions(env: ServerEnv, d: StoredConnector): Partition[] {
  const out: Partition[] = [];
  for (const p of env.store.pipelinesUsing('destination', d.id)) {
    const override = overrideFor(env, p).consumerLag;
    p.source.topics.forEach((t, i) => {
      const topic = sourceTopicId(p.source.id, t);
      const lag = override !== undefined ? (i === 0 ? override : 0) : stable(`${p.id}.${t}`, 'cg', 0, 40);
      out.push({ topic, lag });
    });
  }
  return out;
}

function state(d: StoredConnector): string {
  return d.settle.status === 'Active' ? 'Stable' : 'PreparingRebalance';
}

function summary(env: ServerEnv, d: StoredConnector): Record<string, unknown> {
  const members = Math.max(1, env.store.pipelinesUsing('destination', d.id).length);
  if (env.settings().consumerGroupShape === 'partitions') return { groupId: groupId(d), state: state(d) };
  return { group_id: groupId(d), state: state(d), members };
}

function listGroups(call: Call): Reply {
  const denied = forbidden(call.env, 'consumer-groups');
  if (denied) return denied;
  const all = call.env.store.destinations.all().map((d) => summary(call.env, d));
  if (call.env.settings().consumerGroupShape === 'partitions') return ok({ consumer_groups: all });
  const page = Math.max(1, Number(call.query.get('page') ?? '1') || 1);
  const size = Math.min(100, Math.max(1, Number(call.query.get('page_size') ?? '10') || 10));
  const result = all.slice((page - 1) * size, page * size);
  return ok({ result, page, page_size: size, total: all.length, has_next: page * size < all.length });
}

function describeGroup(call: Call): Reply {
  const denied = forbidden(call.env, 'consumer-groups');
  if (denied) return denied;
  const id = call.params['group_id'] as string;
  const d = id.startsWith(PREFIX) ? call.env.store.destinations.get(id.slice(PREFIX.length)) : undefined;
  if (!d) return detail(404, `Consumer group ${id} not found`);
  const parts = partitions(call.env, d);
  if (call.env.settings().consumerGroupShape === 'total') {
    return ok({ ...summary(call.env, d), lag: parts.reduce((n, p) => n + p.lag, 0) });
  }
  return ok({
    ...summary(call.env, d),
    partitions: parts.map((p) => {
      const logEndOffset = stable(p.topic, 'leo', 10_000, 900_000);
      return { topic: p.topic, partition: 0, currentOffset: logEndOffset - p.lag, logEndOffset };
    }),
  });
}

export function registerConsumerGroupRoutes(router: Router): void {
  router.add('GET', '/consumer-groups', listGroups).add('GET', '/consumer-groups/{group_id}', describeGroup);
}
