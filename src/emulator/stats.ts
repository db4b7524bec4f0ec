/** Request counters per `METHOD /route/{pattern}` and a short log of recent calls. */

export interface RequestLogEntry {
  readonly method: string;
  readonly path: string;
  readonly route: string;
  readonly status: number;
  readonly requestId: string;
}

export interface EmulatorStats {
  readonly total: number;
  readonly byRoute: Record<string, number>;
  readonly byStatus: Record<string, number>;
  readonly recent: readonly RequestLogEntry[];
}

const RECENT_LIMIT = 500;

export class StatsRecorder {
  private total = 0;
  private byRoute = new Map<string, number>();
  private byStatus = new Map<string, number>();
  private recent: RequestLogEntry[] = [];

  record(entry: RequestLogEntry): void {
    this.total++;
    const key = `${entry.method} ${entry.route}`;
    this.byRoute.set(key, (this.byRoute.get(key) ?? 0) + 1);
    const status = entry.status === 0 ? 'dropped' : String(entry.status);
    this.byStatus.set(status, (this.byStatus.get(status) ?? 0) + 1);
    this.recent.push(entry);
    if (this.recent.length > RECENT_LIMIT * 2) this.recent = this.recent.slice(-RECENT_LIMIT);
  }

  snapshot(): EmulatorStats {
    return {
      total: this.total,
      byRoute: Object.fromEntries(this.byRoute),
      byStatus: Object.fromEntries(this.byStatus),
      recent: this.recent.slice(-RECENT_LIMIT),
    };
  }

  reset(): void {
    this.total = 0;
    this.byRoute.clear();
    this.byStatus.clear();
    this.recent = [];
  }
}
