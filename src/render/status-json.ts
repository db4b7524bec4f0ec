/**
 * `status --format json`: the report value with its keys in snake_case (docs/status.md), trend points
 * included. Stable keys; nothing in it is computed here.
 */
import type { StatusReport } from '../status/types.js';
import { jsonDocument } from './json-document.js';

export function renderStatusJson(report: StatusReport): string {
  return jsonDocument(report);
}
