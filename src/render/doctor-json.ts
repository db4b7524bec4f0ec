/**
 * `doctor --format json`: stable keys (`format_version` first, snake_case), documented in
 * docs/doctor.md, meant to be attached to a bug report. Holds no value, only shapes.
 */
import type { DoctorReport } from '../doctor/types.js';
import { printableJson } from './printable.js';

export function renderDoctorJson(r: DoctorReport): string {
  return printableJson({
    format_version: r.formatVersion,
    tool_version: r.toolVersion,
    api_url: r.apiUrl,
    checked_at: r.checkedAt,
    probe_writes: r.probeWrites,
    namespace: r.namespace ?? null,
    reachable: r.reachable,
    summary: { ok: r.summary.ok, warn: r.summary.warn, fail: r.summary.fail },
    checks: r.checks.map((c) => ({
      id: c.id,
      group: c.group,
      title: c.title,
      status: c.status,
      assumed: c.assumed,
      seen: c.seen,
      setting: c.setting ?? null,
      hint: c.hint ?? null,
    })),
    leftovers: r.leftovers.map((l) => ({ kind: l.kind, name: l.name, id: l.id, error: l.error })),
  });
}
