import type { ApiCliOptions } from './api-options.js';

/** The flags of `snapshot` as commander parses them (apart from the command, so run/ needs no commands/ import). */
export interface SnapshotFlags extends ApiCliOptions {
  readonly tables?: string;
  readonly where: string[];
  readonly stop: boolean;
  readonly wait: boolean;
  readonly pollInterval: number;
  readonly waitTimeout: number;
}
