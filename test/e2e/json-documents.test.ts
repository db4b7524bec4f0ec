/**
 * Every JSON document the CLI writes, run as a user would against the emulator: `format_version`
 * first (one number for all), every key of the program's own snake_case (user data excepted:
 * config maps, field values, maps keyed by resource id), and with `--format json` stdout is never
 * empty: a failure or a refusal prints the error document there, its message on stderr.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FORMAT_VERSION } from '../../src/model/index.js';
import { editFile, startHarness, type Harness, type RunResult } from './harness.js';

let h: Harness;
let examples: string;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());
beforeEach(async () => {
  h.server.emulator.reset();
  examples = await h.copyExamples();
});

/** Values below these keys are the user's (or the API's) data, not the program's keys. */
const DATA = new Set([
  'config',
  'extra_config',
  'implementation',
  'before',
  'after',
  'live',
  'git',
  'default',
]);
const MAP_BY_ID = new Set(['not_converged_details', 'resources']);

/** Keys of the document that are not snake_case, with their paths. */
function badKeys(value: unknown, at = '$'): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => badKeys(v, `${at}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => {
    const here = /^[a-z][a-z0-9_]*$/.test(k) ? [] : [`${at}.${k}`];
    if (DATA.has(k) || MAP_BY_ID.has(k)) return here;
    return [...here, ...badKeys(v, `${at}.${k}`)];
  });
}

function document(r: RunResult): Record<string, unknown> {
  expect(r.out, r.err).not.toBe('');
  const doc = JSON.parse(r.out) as Record<string, unknown>;
  expect(Object.keys(doc)[0]).toBe('format_version');
  expect(doc['format_version']).toBe(FORMAT_VERSION);
  expect(badKeys(doc)).toEqual([]);
  return doc;
}

describe('JSON documents', () => {
  it('validate, plan, apply, drift, status and connectors: one version, snake_case keys', async () => {
    document(await h.cli(['validate', examples, '--format', 'json']));
    document(await h.cli(['plan', examples, '--format', 'json']));
    const applied = await h.cli(['apply', examples, '--auto-approve', '--format', 'json']);
    expect(applied.code, applied.err).toBe(0);
    expect(document(applied)['report']).toMatchObject({ format_version: FORMAT_VERSION });
    document(await h.cli(['drift', examples, '--format', 'json']));
    document(await h.cli(['status', examples, '--format', 'json']));
    document(await h.cli(['connectors', 'postgresql', '--format', 'json']));
    const nothing = await h.cli(['apply', examples, '--auto-approve', '--format', 'json']);
    expect(document(nothing)).toMatchObject({ report: null });
  });

  it('a refusal prints the error document on stdout and the message on stderr', async () => {
    const r = await h.cli(['apply', examples, '--format', 'json']);
    expect(r.code).toBe(3);
    expect(document(r)).toEqual({
      format_version: FORMAT_VERSION,
      error: {
        code: 'refused',
        exit_code: 3,
        message: expect.stringContaining('--auto-approve was not given'),
        hint: expect.any(String),
      },
    });
    expect(r.err).toContain('error: not applying');
  });

  it('invalid manifests: the error document lists the problems; a bad flag value too', async () => {
    await editFile(`${examples}/streamkap.yaml`, (t) => t.replace('namespace:', 'namespce:'));
    const invalid = await h.cli(['plan', examples, '--format', 'json']);
    expect(invalid.code).toBe(4);
    const err = document(invalid)['error'] as Record<string, unknown>;
    expect(err).toMatchObject({ code: 'invalid_manifests', exit_code: 4 });
    expect(err['problems']).toEqual(expect.arrayContaining([expect.objectContaining({ severity: 'error' })]));
    const usage = await h.cli(['drift', examples, '--format', 'json', '--ignore-file']);
    expect(usage.code).toBe(4);
    expect(document(usage)['error']).toMatchObject({ code: 'usage', exit_code: 4 });
  });

  it('missing credentials: an error document, never an empty stdout', async () => {
    const r = await h.cli(['drift', examples, '--format', 'json'], { STREAMKAP_CLIENT_SECRET: '' });
    expect(r.code).not.toBe(0);
    expect(document(r)['error']).toMatchObject({ exit_code: r.code, message: expect.any(String) });
  });
});
