/**
 * A plan with what reviewers read most, in one golden: a source gains a table and a tag, a
 * pipeline's topics change and it gains a transform, a new pipeline goes to a new destination, and
 * an old pipeline and its destination are deleted.
 */
import {
  desiredState,
  destination,
  HMAC_KEY,
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

export const SHOWCASE_SCENARIO = {
  name: 'showcase',
  desired: desiredState([
    tag('pii'),
    pgSource(
      { tags: ['team-data', 'pii'] },
      { table_include_list: 'public.orders,public.customers,public.refunds' },
    ),
    snowflakeDest(),
    clickhouse('analytics', 'ch.internal', 'events'),
    maskEmails(),
    pipeline('orders-to-warehouse', 'orders-db', 'warehouse', {
      topics: ['public.orders', 'public.refunds'],
      transforms: [{ name: 'mask-emails', topics: ['public.orders'] }],
    }),
    pipeline('refunds-to-analytics', 'orders-db', 'analytics', { topics: ['public.refunds'] }),
  ]),
  live: liveState(
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
  options: { hmacKey: HMAC_KEY, maxDeletes: 5 },
};
