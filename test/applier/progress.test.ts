import { describe, expect, it } from 'vitest';
import {
  renderProblemLines,
  renderProgressLine,
  renderSummaryLine,
  type ApplyReport,
} from '../../src/applier/index.js';
import type { PlanAction } from '../../src/model/index.js';

const action: PlanAction = {
  id: 'pipeline/orders',
  kind: 'pipeline',
  name: 'orders',
  type: 'create',
  changes: [],
  dependsOn: [],
  destructive: false,
  protected: false,
};
const base = { id: action.id, kind: action.kind, name: action.name, type: action.type } as const;

describe('progress and report lines', () => {
  it('renders start, success, failure and skip lines', () => {
    expect(renderProgressLine({ type: 'start', index: 3, total: 12, action })).toBe(
      '[ 3/12] create pipeline orders …',
    );
    expect(
      renderProgressLine({
        type: 'end',
        index: 3,
        total: 12,
        action,
        result: { ...base, status: 'succeeded', durationMs: 1234 },
      }),
    ).toBe('[ 3/12] create pipeline orders ✓ 1.2 s');
    expect(
      renderProgressLine({
        type: 'end',
        index: 3,
        total: 12,
        action,
        result: {
          ...base,
          status: 'failed',
          durationMs: 80,
          error: { message: 'POST /pipelines -> HTTP 409: exists', requestId: 'r-1' },
        },
      }),
    ).toBe('[ 3/12] create pipeline orders ✗ 80 ms: POST /pipelines -> HTTP 409: exists (request id r-1)');
    expect(
      renderProgressLine({
        type: 'end',
        index: 0,
        total: 12,
        action,
        result: { ...base, status: 'skipped', blockedBy: 'source/db' },
      }),
    ).toBe('[ -/12] create pipeline orders ⊘ skipped: source/db did not succeed');
  });

  it('summarises the report and lists what did not succeed', () => {
    const report: ApplyReport = {
      formatVersion: 2,
      namespace: 'shop',
      results: [
        {
          ...base,
          id: 'source/db',
          kind: 'source',
          name: 'db',
          status: 'failed',
          error: { message: 'boom [request id r-9]', requestId: 'r-9' },
        },
        { ...base, status: 'skipped', blockedBy: 'source/db' },
      ],
      summary: { succeeded: 0, failed: 1, skipped: 1, notAttempted: 0, noop: 0 },
      durationMs: 2500,
      notConverged: ['destination/wh'],
    };
    expect(renderSummaryLine(report)).toBe(
      'Apply failed: 0 succeeded, 1 failed, 1 skipped, 0 not attempted, 1 not converged (2.5 s).',
    );
    expect(renderProblemLines(report)).toEqual([
      '  failed       source/db: boom [request id r-9]',
      '  skipped      pipeline/orders: depends on source/db',
      '  not converged destination/wh',
    ]);
  });

  it('a report whose writes all succeeded but did not converge is not called complete', () => {
    const report: ApplyReport = {
      formatVersion: 2,
      namespace: 'shop',
      results: [{ ...base, status: 'succeeded' }],
      summary: { succeeded: 1, failed: 0, skipped: 0, notAttempted: 0, noop: 0 },
      durationMs: 900,
      notConverged: ['pipeline/orders'],
    };
    expect(renderSummaryLine(report)).toBe(
      'Apply failed: 1 succeeded, 0 failed, 0 skipped, 0 not attempted, 1 not converged (900 ms).',
    );
    expect(
      renderProblemLines({ ...report, notConvergedDetails: { 'pipeline/orders': 'update topics' } }),
    ).toEqual(['  not converged pipeline/orders: a fresh plan would still update topics']);
    expect(renderSummaryLine({ ...report, notConverged: [], checkError: 'HTTP 400' })).toBe(
      'Apply failed: 1 succeeded, 0 failed, 0 skipped, 0 not attempted, result not checked (900 ms).',
    );
  });

  it('escapes control characters in names and API error messages', () => {
    const evil = { ...action, id: 'pipeline/o\u001b[2J' as const, name: 'o\u001b[2J' };
    const failed = {
      ...base,
      id: evil.id,
      name: evil.name,
      status: 'failed' as const,
      error: { message: 'HTTP 400: name "o\u001b[2J\r" is \u202etaken' },
    };
    expect(renderProgressLine({ type: 'end', index: 1, total: 1, action: evil, result: failed })).toBe(
      '[1/1] create pipeline o\\u001b[2J ✗: HTTP 400: name "o\\u001b[2J\\r" is \\u202etaken',
    );
    const report: ApplyReport = {
      formatVersion: 2,
      namespace: 'shop',
      results: [failed],
      summary: { succeeded: 0, failed: 1, skipped: 0, notAttempted: 0, noop: 0 },
      durationMs: 1,
      checkError: 'GET /sources -> \u009b2J',
    };
    expect(renderProblemLines(report)).toEqual([
      '  failed       pipeline/o\\u001b[2J: HTTP 400: name "o\\u001b[2J\\r" is \\u202etaken',
      '  not checked  could not re-read the account after applying: GET /sources -> \\u009b2J',
    ]);
  });
});
