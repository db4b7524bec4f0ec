/**
 * A transform update never loses code (issue 8.3, api-notes §3.3): the API erases the code of a PUT
 * without `implementation`, and a list row may not carry it. The emulator plays both (PUT erases;
 * `listImplementation: false` leaves it out of list rows), so these runs prove the apply reads the
 * transform by id before its PUT, and only for the transforms it updates.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { byName, editFile, startHarness, type Harness } from './harness.js';

const MASK_CODE = 'function _streamkap_transform(v) { return v; }\n';
const KEEP_CODE = 'function _streamkap_transform(v) { v.kept = true; return v; }\n';
const WITH_CODE = { mask: '    implementation_file: mask.js\n', keep: '    implementation_file: keep.js\n' };

function manifest(code: { mask?: string; keep?: string }, maskConfig = ''): string {
  return `namespace: team
transforms:
  - name: mask
    type: map_filter
${code.mask ?? ''}    config:
      transforms_input_topic_pattern: 'public\\.customers'
      transforms_output_topic_pattern: masked.customers
${maskConfig}  - name: keep
    type: map_filter
${code.keep ?? ''}    config:
      transforms_input_topic_pattern: 'public\\.orders'
      transforms_output_topic_pattern: kept.orders
`;
}

let h: Harness;
let file: string;

beforeEach(async () => {
  h = await startHarness();
  await h.write('mask.js', MASK_CODE);
  await h.write('keep.js', KEEP_CODE);
  file = await h.write('transforms.yaml', manifest(WITH_CODE));
  const first = await h.cli(['apply', file, '--auto-approve', '--poll-interval', '10']);
  expect(first.code, first.out + first.err).toBe(0);
});

afterEach(async () => {
  await h.close();
});

const stored = (name: string) => byName(h.server.emulator.dump().transforms, name);

/** Applies the manifest; returns the emulator's request counts of that run alone. */
async function applyCounted(): Promise<Record<string, number>> {
  h.server.emulator.resetStats();
  const r = await h.cli(['apply', file, '--auto-approve', '--poll-interval', '10']);
  expect(r.code, r.out + r.err).toBe(0);
  return h.server.emulator.stats().byRoute;
}

describe('a transform update never loses code', () => {
  it('a config-only update of a manifest without implementation_file keeps the code, list rows without it', async () => {
    expect(stored('mask').implementation).toEqual({ language: 'JAVASCRIPT', value_transform: MASK_CODE });
    h.server.emulator.configure({ listImplementation: false });
    // The code is now managed elsewhere (the UI): the manifest drops implementation_file and
    // changes a config value.
    await editFile(file, () => manifest({}, '      transforms_input_serialization_format: Avro\n'));
    const routes = await applyCounted();
    expect(stored('mask').config['transforms.input.serialization.format']).toBe('Avro');
    expect(stored('mask').implementation).toEqual({ language: 'JAVASCRIPT', value_transform: MASK_CODE });
    expect(stored('keep').implementation).toEqual({ language: 'JAVASCRIPT', value_transform: KEEP_CODE });
    // One GET by id, for the one updated transform; none for the unchanged one.
    expect(routes['PUT /transforms']).toBe(1);
    expect(routes['GET /transforms/{id}']).toBe(1);
    // Code the manifest does not manage is no diff: the next plan has nothing to do.
    const plan = await h.cli(['plan', file, '--detailed-exitcode']);
    expect(plan.code, plan.out + plan.err).toBe(0);
  });

  it('a code change keeps the code keys the manifest does not manage', async () => {
    // A second function next to value_transform, set outside the manifest.
    const mask = h.server.emulator.store.transforms.named('mask')[0];
    if (!mask) throw new Error('mask was not created');
    const topicCode = 'function _streamkap_topic_transform(v) { return "x"; }';
    mask.implementation = { language: 'JAVASCRIPT', value_transform: MASK_CODE, topic_transform: topicCode };
    h.server.emulator.changed();
    await h.write('mask.js', `${MASK_CODE}// v2\n`);
    const routes = await applyCounted();
    expect(stored('mask').implementation).toEqual({
      language: 'JAVASCRIPT',
      value_transform: `${MASK_CODE}// v2\n`,
      topic_transform: topicCode,
    });
    expect(routes['GET /transforms/{id}']).toBe(1);
  });
});
