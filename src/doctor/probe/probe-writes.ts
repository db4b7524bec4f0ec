/**
 * `doctor --probe-writes`: the write behaviours the contract leaves open (api-notes §2.6, §3.1, §9.2,
 * §9.9), checked on throw-away objects: a tag and a source named `gitops-doctor-<random>`. Both
 * are deleted in a `finally`, whatever happened; what could not be deleted is reported by name
 * and id (a failed `probe-cleanup` check, exit 2). Nothing else in the account is written.
 */
import type { ApiClient } from '../../api/types.js';
import { ApiError } from '../../errors/index.js';
import { fail, ok, toResult, type CheckDef, type Verdict } from '../check.js';
import { field } from '../samples.js';
import type { CheckResult, Leftover } from '../types.js';
import { duplicateVerdict, DUPLICATE_SOURCE, DUPLICATE_TAG } from './duplicates.js';
import { putVerdicts } from './put-semantics.js';
import { snapshotRouteCheck } from './snapshot-route.js';
import { PROBE_CONNECTOR, SECRET_KEY, throwawayName, throwawaySource } from './throwaway.js';

export interface ProbeOptions {
  /** --namespace-scratch: written into the throw-away tag's description. */
  readonly scratchNamespace: string;
}

export interface ProbeResult {
  readonly results: CheckResult[];
  readonly leftovers: Leftover[];
}

const WRITE_QUERY = { secret_returned: true, wait: false } as const;

const CREATE: CheckDef = {
  id: 'probe-create',
  group: 'writes',
  title: 'Create a throw-away tag and source',
  assumed:
    'POST /tags and POST /sources answer the bare object with its id; a source takes native JSON numbers (a port as 5432)',
  setting: 'no setting: the tool writes native JSON by catalogue type',
};

const CLEANUP: CheckDef = {
  id: 'probe-cleanup',
  group: 'writes',
  title: 'Delete what the probe made',
  assumed: 'DELETE /sources/{id} and DELETE /tags/{id} remove the throw-away objects',
};

interface Made {
  readonly kind: Leftover['kind'];
  readonly id: string;
  readonly path: string;
  readonly query?: typeof WRITE_QUERY;
}

/** The id of a created object, or undefined. */
function idOf(body: unknown): string | undefined {
  const id = field(body, 'id');
  return typeof id === 'string' && id !== '' ? id : undefined;
}

async function createTag(client: ApiClient, name: string, scratch: string): Promise<unknown> {
  return client.request('POST', '/tags', {
    body: {
      name,
      description: `streamkap-gitops doctor --probe-writes (scratch namespace ${scratch}): safe to delete`,
      type: ['sources'],
      created_from: 'api',
    },
  });
}

async function createSource(
  client: ApiClient,
  name: string,
  tagId: string,
  config: object,
): Promise<unknown> {
  return client.request('POST', '/sources', {
    query: WRITE_QUERY,
    body: { name, connector: PROBE_CONNECTOR, config, tags: [tagId], created_from: 'api' },
  });
}

/** A second create under the same name: its error (or, wrongly, a second object to delete). */
async function duplicate(
  create: () => Promise<unknown>,
  made: Made[],
  record: (id: string) => Made,
): Promise<unknown> {
  try {
    const body = await create();
    const id = idOf(body);
    if (id) made.push(record(id));
    return body;
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return error;
  }
}

async function cleanup(client: ApiClient, made: readonly Made[], name: string): Promise<Leftover[]> {
  const leftovers: Leftover[] = [];
  // NOTE: newest first: the source before the tag it carries (a tag in use cannot be deleted).
  for (const m of [...made].reverse()) {
    try {
      await client.request('DELETE', m.path, m.query ? { query: m.query } : {});
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      leftovers.push({ kind: m.kind, name, id: m.id, error: error.message });
    }
  }
  return leftovers;
}

function cleanupVerdict(made: readonly Made[], leftovers: readonly Leftover[]): Verdict {
  if (leftovers.length === 0) return ok(`deleted ${made.length} throw-away objects`);
  return fail(
    `could not delete ${leftovers.map((l) => `${l.kind} "${l.name}" (${l.id})`).join(', ')}`,
    'Delete them in the Streamkap UI (their names start with gitops-doctor-); the report lists each with the error.',
  );
}

const tagMade = (id: string): Made => ({ kind: 'tag', id, path: `/tags/${encodeURIComponent(id)}` });
const sourceMade = (id: string): Made => ({
  kind: 'source',
  id,
  path: `/sources/${encodeURIComponent(id)}`,
  query: WRITE_QUERY,
});
const REPORT = 'Report this with doctor --format json.';

async function probeSteps(
  client: ApiClient,
  name: string,
  scratch: string,
  made: Made[],
): Promise<CheckResult[]> {
  const source = throwawaySource(name);
  client.maskValues([String(source.config[SECRET_KEY])]);
  const tagId = idOf(await createTag(client, name, scratch));
  if (!tagId) return [toResult(CREATE, fail('POST /tags answered without an id', REPORT))];
  made.push(tagMade(tagId));
  const tagAgain = await duplicate(() => createTag(client, name, scratch), made, tagMade);
  const sourceId = idOf(await createSource(client, name, tagId, source.config));
  if (!sourceId) return [toResult(CREATE, fail('POST /sources answered without an id', REPORT))];
  const sourcePath = sourceMade(sourceId).path;
  made.push(sourceMade(sourceId));
  const sourceAgain = await duplicate(
    () => createSource(client, name, tagId, source.config),
    made,
    sourceMade,
  );
  return [
    toResult(CREATE, ok('both created; the numeric port was accepted')),
    duplicateVerdict(DUPLICATE_TAG, tagAgain),
    duplicateVerdict(DUPLICATE_SOURCE, sourceAgain),
    ...(await putVerdicts(client, sourcePath, { name, tagId, config: source.config })),
    await snapshotRouteCheck(client),
  ];
}

/** Runs the probes, then deletes everything made, whatever happened on the way. */
export async function probeWrites(client: ApiClient, options: ProbeOptions): Promise<ProbeResult> {
  const name = throwawayName();
  const made: Made[] = [];
  let results: CheckResult[];
  let leftovers: Leftover[];
  try {
    results = await probeSteps(client, name, options.scratchNamespace, made);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    results = [toResult(CREATE, fail(`a write failed: ${error.message}`, error.hint ?? REPORT))];
  } finally {
    leftovers = await cleanup(client, made, name);
  }
  results.push(toResult(CLEANUP, cleanupVerdict(made, leftovers)));
  return { results, leftovers };
}
