/** Wires store, auth, routes, faults and control hooks into one transport-neutral request handler. */
import { randomBytes } from 'node:crypto';
import { Auth } from './auth.js';
import type { ControlTarget } from './control.js';
import { createDispatcher } from './dispatch.js';
import { fromFetchRequest, toFetchResponse } from './fetch-adapter.js';
import { createIdGenerator, createRng } from './rng.js';
import { BUILTIN_EMULATOR_KINDS, type EmulatorKind } from './kinds.js';
import { Router, type ServerEnv } from './router.js';
import { registerConsumerGroupRoutes } from './routes/consumer-groups.js';
import { registerMetricRoutes } from './routes/metrics.js';
import { registerMiscRoutes } from './routes/misc.js';
import { registerSnapshotRoutes } from './routes/snapshots.js';
import { seedSystemTags } from './routes/tags.js';
import { applySeed, type SeededRef } from './seed.js';
import { DEFAULT_SETTINGS, cloneSettings, mergeSettings, type EmulatorSettings } from './settings.js';
import { exportState, importState, type StateDocument } from './state-io.js';
import { StatsRecorder, type EmulatorStats } from './stats.js';
import { Store } from './store.js';
import type { EmulatorRequest, EmulatorResponse } from './types.js';

export interface EmulatorOptions extends Partial<EmulatorSettings> {
  /** Accepted client id (default `emulator-client`). */
  clientId?: string;
  /** Accepted client secret (default: random, see `emulator.clientSecret`). */
  clientSecret?: string;
  /** Seeds ids, fault decisions and tag-type shuffles (default 1). */
  seed?: number;
  /** Clock in epoch ms, for tests of expiry and settling. */
  now?: () => number;
  /** Pause for injected latency, for tests that check it without waiting (default: a real timer). */
  sleep?: (ms: number) => Promise<void>;
  /** Kinds served besides the built-in ones (src/emulator/kinds.ts). */
  kinds?: readonly EmulatorKind[];
}

export interface Emulator extends ControlTarget {
  /** The Fetch handler: mount in msw with `http.all('*', ({ request }) => emulator.handle(request))`. */
  handle(request: Request): Promise<Response>;
  /** The same handler without Fetch objects (the node:http server uses it). */
  handleRaw(request: EmulatorRequest): Promise<EmulatorResponse>;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly store: Store;
  /** Called after every state change (API writes and control calls); returns an unsubscribe. */
  onChange(listener: () => void): () => void;
}

function buildRouter(auth: Auth, kinds: readonly EmulatorKind[]): Router {
  const router = new Router();
  router.add('POST', '/auth/access-token', (c) => auth.exchange(c.body), false);
  router.add('POST', '/auth/access-token/refresh', (c) => auth.refreshToken(c.body), false);
  for (const kind of [...BUILTIN_EMULATOR_KINDS, ...kinds]) kind.register(router);
  registerMetricRoutes(router);
  registerSnapshotRoutes(router);
  registerMiscRoutes(router);
  registerConsumerGroupRoutes(router);
  return router;
}

function splitOptions(options: EmulatorOptions): Partial<EmulatorSettings> {
  const { clientId: _a, clientSecret: _b, seed: _c, now: _d, sleep: _e, kinds: _f, ...settings } = options;
  return settings;
}

export function createEmulator(options: EmulatorOptions = {}): Emulator {
  const now = options.now ?? Date.now;
  const seed = options.seed ?? 1;
  const initialSettings = mergeSettings(cloneSettings(DEFAULT_SETTINGS), splitOptions(options));
  let settings = cloneSettings(initialSettings);
  const rng = createRng(seed);
  const faultRng = createRng(seed ^ 0x5f3759df);
  const store = new Store();
  let generation = 0;
  const env: ServerEnv = {
    store,
    settings: () => settings,
    rng,
    newId: createIdGenerator(createRng(seed + 7), now),
    now,
    generation: () => generation,
    account: { sub_id: `sub_${rng.hex(24)}`, tenant_id: rng.hex(24), service_id: rng.hex(24) },
  };
  const clientId = options.clientId ?? 'emulator-client';
  const clientSecret = options.clientSecret ?? randomBytes(18).toString('base64url');
  const auth = new Auth({ clientId, clientSecret }, now, () => settings);
  const router = buildRouter(auth, options.kinds ?? []);
  const stats = new StatsRecorder();
  const listeners = new Set<() => void>();
  const changed = (): void => {
    generation++;
    for (const l of listeners) l();
  };
  seedSystemTags(env);

  const emulator: Emulator = {
    clientId,
    clientSecret,
    store,
    get settings() {
      return settings;
    },
    configure(patch) {
      settings = mergeSettings(settings, patch);
      generation++;
      return settings;
    },
    resetSettings() {
      settings = cloneSettings(initialSettings);
      generation++;
      return settings;
    },
    reset(o) {
      store.clear();
      seedSystemTags(env);
      if (!o?.keepSettings) settings = cloneSettings(initialSettings);
      changed();
    },
    seed(body): SeededRef[] {
      try {
        return applySeed(env, body);
      } finally {
        changed();
      }
    },
    dump: (): StateDocument => exportState(store),
    load(doc) {
      importState(store, doc);
      seedSystemTags(env);
      changed();
    },
    expireTokens: () => auth.expireAll(),
    stats: (): EmulatorStats => stats.snapshot(),
    resetStats: () => stats.reset(),
    changed,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    handleRaw: (req) => dispatch(req),
    handle: async (request) => toFetchResponse(await dispatch(await fromFetchRequest(request))),
  };
  const invalidate = (): void => {
    generation++;
  };
  const dispatch = createDispatcher({
    env,
    router,
    auth,
    stats,
    faultRng,
    control: emulator,
    changed,
    invalidate,
    ...(options.sleep ? { sleep: options.sleep } : {}),
  });
  return emulator;
}
