/**
 * Test hooks under `/__emulator/` (no auth, never faulted, never counted): reset, seed, dump and
 * load state, settings and faults, token expiry, request statistics.
 */
import { detail, isRecord, ok, parseJsonBody, type Reply } from './http.js';
import { settingsProblems, type EmulatorSettings } from './settings.js';
import type { StateDocument } from './state-io.js';
import type { SeededRef } from './seed.js';
import type { EmulatorStats } from './stats.js';

export const CONTROL_PREFIX = '/__emulator/';

/** The parts of the emulator the control endpoints drive. */
export interface ControlTarget {
  reset(options?: { keepSettings?: boolean }): void;
  seed(body: unknown): SeededRef[];
  dump(): StateDocument;
  load(doc: unknown): void;
  readonly settings: EmulatorSettings;
  configure(patch: Partial<EmulatorSettings>): EmulatorSettings;
  resetSettings(): EmulatorSettings;
  expireTokens(): number;
  stats(): EmulatorStats;
  resetStats(): void;
  /** Marks state changed (persistence, read caches); for callers that mutated `store` directly. */
  changed(): void;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function settingsPatch(body: unknown): Partial<EmulatorSettings> | Reply {
  if (!isRecord(body)) return detail(400, 'Expected a JSON object of settings, e.g. {"errorRate": 0.1}');
  const problems = settingsProblems(body);
  if (problems.length > 0) return detail(400, problems.join('; '));
  return body as Partial<EmulatorSettings>;
}

export function handleControl(t: ControlTarget, method: string, path: string, bodyText: string): Reply {
  const parsed = parseJsonBody(bodyText);
  if (!parsed.ok) return parsed.reply;
  const body = parsed.value;
  const route = `${method} ${path.slice(CONTROL_PREFIX.length - 1)}`;
  try {
    switch (route) {
      case 'POST /reset':
        t.reset({ keepSettings: isRecord(body) && body['keepSettings'] === true });
        return ok({ ok: true });
      case 'POST /seed': {
        const created = t.seed(body);
        return ok({ created });
      }
      case 'GET /state':
        return ok(t.dump());
      case 'PUT /state':
        t.load(body);
        return ok({ ok: true });
      case 'GET /faults':
      case 'GET /settings':
        return ok(t.settings);
      case 'POST /faults':
      case 'POST /settings': {
        const patch = settingsPatch(body);
        return 'kind' in patch ? patch : ok(t.configure(patch));
      }
      case 'DELETE /faults':
      case 'DELETE /settings':
        return ok(t.resetSettings());
      case 'POST /expire-tokens':
        return ok({ expired: t.expireTokens() });
      case 'GET /stats':
        return ok(t.stats());
      case 'DELETE /stats':
        t.resetStats();
        return ok({ ok: true });
      default:
        return detail(404, `Unknown emulator control route ${route}`);
    }
  } catch (error) {
    return detail(400, errorMessage(error));
  }
}
