/**
 * Planning 10,000 resources with desired and live state in memory (issue 4: under 1 s).
 * The live side is what the server holds after creating the manifests: defaults filled, numbers and
 * booleans string-encoded, secrets in plaintext, so every field goes through normalisation.
 * Run: npm run bench:plan
 */
import { performance } from 'node:perf_hooks';
import type { LiveResource, Resource } from '../src/model/index.js';
import { buildPlan } from '../src/planner/index.js';
import { renderPlanJson } from '../src/render/index.js';
import {
  desiredState,
  liveState,
  pgSource,
  pipeline,
  secret,
  serverEcho,
  snowflakeDest,
  transform,
} from '../test/planner/fixtures.js';

const N = Number(process.argv[2] ?? 10_000);

function generate(n: number): { desired: Resource[]; live: LiveResource[] } {
  const desired: Resource[] = [];
  const groups = Math.floor(n / 4);
  for (let i = 0; i < groups; i++) {
    desired.push({
      ...pgSource(
        {},
        {
          database_hostname: `db-${i}.internal`,
          database_password: secret(`pw-${i}`, 'PW'),
          database_port: 5432 + (i % 7),
        },
      ),
      name: `src-${i}`,
    });
    desired.push({ ...snowflakeDest({}, { snowflake_schema_name: `S${i}` }), name: `dst-${i}` });
    desired.push(
      transform(
        `tx-${i}`,
        'map_filter',
        { transforms_input_job_parallelism: 1 + (i % 5) },
        { implementation: { value_transform: `f${i}()` } },
      ),
    );
    desired.push(
      pipeline(`pl-${i}`, `src-${i}`, `dst-${i}`, {
        topics: ['public.orders', 'public.customers'],
        transforms: [{ name: `tx-${i}`, topics: ['public.orders'] }],
        tags: [],
      }),
    );
  }
  const live = desired.flatMap((r, i) => (r.kind === 'tag' ? [] : [serverEcho(r, { id: i + 1 })]));
  return { desired, live };
}

const { desired, live } = generate(N);
const d = desiredState(desired);
const l = liveState(live);
buildPlan(d, l, { hmacKey: 'bench' }); // warm-up (JIT, catalogue caches)

const runs: number[] = [];
const cpu: number[] = [];
let actions = 0;
for (let i = 0; i < 5; i++) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const plan = buildPlan(d, l, { hmacKey: 'bench' });
  runs.push(performance.now() - t0);
  // NOTE: CPU time as well as wall time: on a shared 2-core machine the wall time includes waiting.
  const c1 = process.cpuUsage(c0);
  cpu.push((c1.user + c1.system) / 1000);
  actions = plan.actions.length;
  if (plan.actions.some((a) => a.type !== 'noop'))
    throw new Error('the equivalent live state should plan empty');
}
const t1 = performance.now();
const json = renderPlanJson(buildPlan(d, l, { hmacKey: 'bench' }));
const renderMs = performance.now() - t1;
runs.sort((a, b) => a - b);
cpu.sort((a, b) => a - b);
console.log(
  JSON.stringify({
    resources: desired.length,
    actions,
    planMsMedian: Math.round(runs[2] ?? 0),
    planMsMin: Math.round(runs[0] ?? 0),
    planMsMax: Math.round(runs[4] ?? 0),
    planCpuMsMedian: Math.round(cpu[2] ?? 0),
    planPlusJsonRenderMs: Math.round(renderMs),
    jsonBytes: json.length,
  }),
);
