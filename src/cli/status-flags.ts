import type { ApiCliOptions } from './api-options.js';
import type { OutputFormat } from './commands/plan.js';

/** The flags of `status` as commander parses them (apart from the command, so run/ needs no commands/ import). */
export interface StatusFlags extends ApiCliOptions {
  readonly format: OutputFormat;
  readonly namespace?: string;
  readonly maxLag?: number;
  readonly maxLatency?: number;
  readonly since: number;
  /** true = the default interval; a string = the interval given. */
  readonly watch?: boolean | string;
}
