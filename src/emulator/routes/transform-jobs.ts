/**
 * Transform implementation versions and Flink job deploys (api-notes §3.3): preview then live,
 * DEPLOYING → RUNNING over a configurable number of `job_status` polls.
 */
import { getConnector } from '../../catalogue/index.js';
import { detail, ok, validationError, type Reply } from '../http.js';
import type { Call, Router } from '../router.js';
import type { Json, JsonRecord, StoredTransform } from '../types.js';
import { checkBody } from '../validate-body.js';
import { isoNow } from './common.js';
import { latestVersion } from './transform-view.js';

const REPLAY_WINDOW = /^\d+[smhd]$/;
const REGEX_META = /[*+?()[\]{}|\\^$]/;

function implementationDetails(t: StoredTransform): JsonRecord {
  const versions: JsonRecord = {};
  for (const v of t.versions) versions[v.version_id] = structuredClone(v) as unknown as JsonRecord;
  return { transform_id: t.id, impl_versions: versions };
}

function getDetails(call: Call): Reply {
  const t = call.env.store.transforms.get(call.params['id'] as string);
  if (!t) return detail(404, 'Transform not found');
  return ok(implementationDetails(t));
}

function putDetails(call: Call): Reply {
  const t = call.env.store.transforms.get(call.params['id'] as string);
  if (!t) return detail(404, 'Transform not found');
  const items = checkBody(call.body, {
    transform_id: { type: 'string', nullable: true },
    version_id: { type: 'string', nullable: true },
    description: { type: 'string', nullable: true },
    implementation: { type: 'object', required: true },
    config: { type: 'object', nullable: true },
  });
  if (items.length > 0) return validationError(items);
  const b = call.body as {
    version_id?: string | null;
    description?: string | null;
    implementation: Json;
    config?: JsonRecord | null;
  };
  const existing = b.version_id ? t.versions.find((v) => v.version_id === b.version_id) : undefined;
  const now = isoNow(call.env);
  if (existing) {
    existing.implementation = structuredClone(b.implementation);
    if (b.description !== undefined) existing.description = b.description;
    if (b.config !== undefined) existing.config = structuredClone(b.config);
  } else {
    t.versions.push({
      version_id: String(t.versions.length + 1),
      description: b.description ?? null,
      implementation: structuredClone(b.implementation),
      config: b.config ? structuredClone(b.config) : null,
      created_at: now,
    });
  }
  t.implementation = structuredClone(b.implementation);
  t.updated_timestamp = now;
  return ok(implementationDetails(t));
}

/** Output topics of a deployed transform, read from its output pattern when it is literal enough. */
function outputTopics(t: StoredTransform): string[] {
  const pattern = t.config['transforms.output.topic.pattern'];
  const items = typeof pattern === 'string' ? pattern.split(',').map((s) => s.trim()) : [];
  const literal = items
    .filter((s) => s !== '' && !s.startsWith('placeholder-'))
    .map((s) => s.replace(/^\^/, '').replace(/\$$/, '').replace(/\\\./g, '.'))
    .filter((s) => !REGEX_META.test(s));
  return literal.length > 0 ? literal : [t.name];
}

function deploy(mode: 'preview' | 'live') {
  return (call: Call): Reply => {
    const t = call.env.store.transforms.get(call.params['id'] as string);
    if (!t) return detail(404, 'Transform not found');
    const replay = call.query.get('replay_window');
    if (replay !== null && !REPLAY_WINDOW.test(replay)) {
      return detail(
        400,
        `Invalid replay_window '${replay}': expected a number followed by s, m, h or d (e.g. 30m).`,
      );
    }
    const requested = call.params['version_id'] as string;
    const version = requested === 'no-version' ? (latestVersion(t) ?? '0') : requested;
    if (requested !== 'no-version' && !t.versions.some((v) => v.version_id === version)) {
      return detail(400, `Version ${requested} not found for transform ${t.id}`);
    }
    const needsPreview = getConnector('transform', t.transform_type)?.previewDeploy === true;
    if (mode === 'live' && needsPreview && !(t.job && t.job.version === version)) {
      return detail(400, `Deploy a preview of version ${version} before deploying it live.`);
    }
    const now = isoNow(call.env);
    t.job = {
      mode,
      version,
      pollsLeft: call.env.settings().deployPolls,
      status: 'DEPLOYING',
      start_time: now,
      replay_window: replay,
    };
    t.topics = outputTopics(t);
    t.topic_ids = t.topics.map((topic) => `transform_${t.id}_${version}.${topic}`);
    return ok({ transform_id: t.id, version_id: version, job_name: jobName(t), mode, status: 'DEPLOYING' });
  };
}

function jobName(t: StoredTransform): string {
  return `${t.transform_type}-${t.id}${t.job?.mode === 'preview' ? '-preview' : ''}`;
}

function jobStatus(call: Call): Reply {
  const t = call.env.store.transforms.get(call.params['id'] as string);
  if (!t) return detail(400, 'Transform not found');
  if (!t.job) return detail(400, 'Job not found');
  if (t.job.status === 'DEPLOYING') {
    if (t.job.pollsLeft > 0) t.job.pollsLeft -= 1;
    else t.job.status = 'RUNNING';
  }
  return ok({ id: t.id, job_name: jobName(t), status: t.job.status, start_time: t.job.start_time });
}

export function registerTransformJobRoutes(router: Router): void {
  router
    .add('GET', '/transforms/{id}/implementation_details', getDetails)
    .add('PUT', '/transforms/{id}/implementation_details', putDetails)
    .add('PUT', '/transforms/{id}/deploy-job-preview/{version_id}', deploy('preview'))
    .add('PUT', '/transforms/{id}/deploy-job-live/{version_id}', deploy('live'))
    // NOTE: polling advances the job, so it counts as a (non-persisted) state change only in memory.
    .add('GET', '/transforms/{id}/job_status', jobStatus);
}
