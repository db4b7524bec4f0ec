import { describe, expect, it } from 'vitest';
import type { DoctorReport } from '../../src/doctor/types.js';
import { renderDoctorJson, renderDoctorMarkdown, renderDoctorText } from '../../src/render/index.js';

const HOSTILE = 'evil\u001b[2J\nname|`*x*`\u202e';

const REPORT: DoctorReport = {
  formatVersion: 1,
  toolVersion: '0.1.0',
  apiUrl: 'https://api.streamkap.com',
  checkedAt: '2026-12-03T17:00:00.000Z',
  probeWrites: true,
  namespace: 'shop',
  reachable: true,
  checks: [
    {
      id: 'api-url',
      group: 'connection',
      title: 'API URL and proxy',
      status: 'ok',
      assumed: 'a',
      seen: 'direct',
    },
    {
      id: 'namesakes',
      group: 'manifests',
      title: 'Namesakes owned by others',
      status: 'fail',
      assumed: 'none',
      seen: `source "${HOSTILE}" (unowned)`,
      setting: 'plan/apply --adopt',
      hint: 'rename it',
    },
  ],
  leftovers: [{ kind: 'source', name: 'gitops-doctor-0a1b2c3d', id: 'abc', error: `HTTP 400: ${HOSTILE}` }],
  summary: { ok: 1, warn: 0, fail: 1 },
};

describe('doctor renderers', () => {
  it('text: one line per check with its mark, details under a failure, leftovers, the verdict; API text escaped', () => {
    const text = renderDoctorText(REPORT, { color: false });
    expect(text).toContain('  ✓ API URL and proxy: direct [api-url]');
    expect(text).toContain(
      '  ✗ Namesakes owned by others: source "evil\\u001b[2J\\nname|`*x*`\\u202e" (unowned) [namesakes]',
    );
    expect(text).toContain('      setting: plan/apply --adopt');
    expect(text).toContain('  source "gitops-doctor-0a1b2c3d" (abc): HTTP 400: evil\\u001b');
    expect(text).toContain(
      '1 passed, 0 warnings, 1 to act on. Act on the checks marked ✗ before the first apply (exit 2).',
    );
    expect(text).not.toContain('\u001b');
    expect(text).not.toContain('\u202e');
  });

  it('json: snake_case, format_version first, nulls for what is not there, nothing a terminal acts on', () => {
    const json = renderDoctorJson(REPORT);
    const doc = JSON.parse(json) as Record<string, unknown>;
    expect(Object.keys(doc)).toEqual([
      'format_version',
      'tool_version',
      'api_url',
      'checked_at',
      'probe_writes',
      'namespace',
      'reachable',
      'summary',
      'checks',
      'leftovers',
    ]);
    expect((doc['checks'] as Record<string, unknown>[])[0]).toMatchObject({ setting: null, hint: null });
    expect(json).not.toContain('\u202e');
  });

  it('markdown: tables whose cells cannot be broken out of', () => {
    const md = renderDoctorMarkdown(REPORT);
    expect(md).toContain(
      '| ✗ | Namesakes owned by others | source "evil&#92;u001b[2J&#92;nname&#124;&#96;&#42;x&#42;&#96;&#92;u202e" (unowned) |',
    );
    expect(md).toContain('### To read');
    expect(md).not.toContain('\u001b');
  });
});
