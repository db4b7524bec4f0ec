/**
 * `status --format json`: the report value as is (`formatVersion` 1, docs/status.md), trend points
 * included. Stable keys; nothing in it is computed here.
 */
import type { StatusReport } from '../status/types.js';
import { printableJson } from './printable.js';

export function renderStatusJson(report: StatusReport): string {
  return printableJson(report);
}
