/**
 * A plan with what reviewers read most, in one golden: a source gains a table and a tag, a
 * pipeline's topics change and it gains a transform, a new pipeline goes to a new destination, and
 * an old pipeline and its destination are deleted. Desired resources carry the manifest location
 * the schema would give them.
 */
import type { Resource } from '../../src/model/index.js';
import {
  desiredState,
  destination,
  HMAC_KEY,
  withOwnedTags,
  liveState,
  ordersPipeline,
  pgSource,
  pipeline,
  secret,
  serverEcho,
  snowflakeDest,
  tag,
  transform,
} from './fixtures.js';

const clickhouse = (name: string, hostname: string, database: string) =>
  destination(name, 'clickhouse', {
    hostname,
    connection_username: 'default',
    connection_password: secret(`${name}-secret-1`, `${name.toUpperCase()}_PASSWORD`),
    database,
  });

const maskEmails = () =>
  transform(
    'mask-emails',
    'map_filter',
    { transforms_input_job_parallelism: 2 },
    { implementation: { value_transform: 'function f(r) { return r; }' } },
  );

function at<R extends Resource>(r: R, line: number, file = 'streamkap/shop.yaml'): R {
  return { ...r, location: { file, line, col: 5 } };
}

export const SHOWCASE_SCENARIO = {
  name: 'showcase',
  desired: desiredState([
    at(tag('pii'), 4),
    at(
      pgSource(
        { tags: ['team-data', 'pii'] },
        { table_include_list: 'public.orders,public.customers,public.refunds' },
      ),
      7,
    ),
    at(snowflakeDest(), 24),
    at(clickhouse('analytics', 'ch.internal', 'events'), 33),
    at(maskEmails(), 3, 'streamkap/transforms.yaml'),
    at(
      pipeline('orders-to-warehouse', 'orders-db', 'warehouse', {
        topics: ['public.orders', 'public.refunds'],
        transforms: [{ name: 'mask-emails', topics: ['public.orders'] }],
      }),
      42,
    ),
    at(pipeline('refunds-to-analytics', 'orders-db', 'analytics', { topics: ['public.refunds'] }), 51),
  ]),
  live: withOwnedTags(
    liveState(
      [
        serverEcho(pgSource({ tags: ['team-data'] }), { id: 1 }),
        serverEcho(snowflakeDest(), { id: 2 }),
        serverEcho(ordersPipeline(), { id: 3 }),
        serverEcho(clickhouse('lake', 'lake.internal', 'lake'), { id: 4 }),
        serverEcho(pipeline('orders-to-lake', 'orders-db', 'lake', { topics: ['public.orders'] }), {
          id: 5,
        }),
      ],
      ['pii'],
    ),
    ['pii'],
  ),
  options: { hmacKey: HMAC_KEY, maxDeletes: 5 },
};
