/** A small method + path-pattern router; the matched pattern doubles as the key for stats and faults. */
import type { Reply } from './http.js';
import type { EmulatorSettings } from './settings.js';
import type { Rng } from './rng.js';
import type { Store } from './store.js';
import type { EmulatorRequest } from './types.js';

/** What handlers may touch of the emulator. */
export interface ServerEnv {
  readonly store: Store;
  settings(): EmulatorSettings;
  readonly rng: Rng;
  newId(): string;
  now(): number;
  /**
   * Bumped on every state or settings change; read-side caches keyed on it stay valid between
   * changes (direct `emulator.store` mutation bypasses it: go through seed/load instead).
   */
  generation(): number;
  /** The emulated account's fixed ids (echoed as sub_id, tenant_id, service_id). */
  readonly account: { readonly sub_id: string; readonly tenant_id: string; readonly service_id: string };
}

export interface Call {
  readonly env: ServerEnv;
  readonly req: EmulatorRequest;
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  /** Parsed JSON body (undefined when empty). */
  readonly body: unknown;
}

export type Handler = (call: Call) => Reply | Promise<Reply>;

export interface Route {
  readonly method: string;
  readonly pattern: string;
  /** Changes state: persisted afterwards, eligible for commit-then-fail faults. */
  readonly write: boolean;
  readonly handler: Handler;
}

interface CompiledRoute extends Route {
  readonly segments: readonly string[];
  readonly paramCount: number;
}

export interface RouteMatch {
  readonly route: Route;
  readonly params: Record<string, string>;
}

export class Router {
  private readonly table = new Map<string, CompiledRoute[]>();

  add(method: string, pattern: string, handler: Handler, write = method !== 'GET'): this {
    const segments = splitPath(pattern);
    const route: CompiledRoute = {
      method,
      pattern,
      write,
      handler,
      segments,
      paramCount: segments.filter(isParam).length,
    };
    const key = `${method} ${segments.length}`;
    const list = this.table.get(key) ?? [];
    list.push(route);
    // NOTE: literal segments win over parameters (`/sources/metrics` before `/sources/{id}`).
    list.sort((a, b) => a.paramCount - b.paramCount);
    this.table.set(key, list);
    return this;
  }

  match(method: string, path: string): RouteMatch | undefined {
    const parts = splitPath(path);
    const candidates = this.table.get(`${method} ${parts.length}`);
    if (!candidates) return undefined;
    for (const route of candidates) {
      const params = matchSegments(route.segments, parts);
      if (params) return { route, params };
    }
    return undefined;
  }

  /** True when some other method serves this path (405 rather than 404). */
  pathExists(path: string): boolean {
    const parts = splitPath(path);
    for (const [key, routes] of this.table) {
      if (!key.endsWith(` ${parts.length}`)) continue;
      if (routes.some((r) => matchSegments(r.segments, parts))) return true;
    }
    return false;
  }
}

function isParam(segment: string): boolean {
  return segment.startsWith('{') && segment.endsWith('}');
}

function splitPath(path: string): string[] {
  return path.split('/').filter((s) => s !== '');
}

function matchSegments(
  pattern: readonly string[],
  parts: readonly string[],
): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const seg = pattern[i] as string;
    const part = parts[i] as string;
    if (isParam(seg)) {
      try {
        params[seg.slice(1, -1)] = decodeURIComponent(part);
      } catch {
        return undefined;
      }
    } else if (seg !== part) return undefined;
  }
  return params;
}
