import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { validateManifests } from '../../src/schema/index.js';
import { manifestDir } from './helpers.js';

const d = manifestDir({});
afterAll(() => d.cleanup());

const scalar = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom('${env:X}', '${ENV:bad}', 'postgresql', 'public.orders', 'gitops:x', 'yes'),
);
const key = fc.constantFrom(
  'namespace',
  'sources',
  'destinations',
  'transforms',
  'pipelines',
  'tags',
  'external',
  'name',
  'connector',
  'type',
  'config',
  'topics',
  'source',
  'destination',
  'database_port',
  'protected',
  'previous_names',
  'implementation_file',
  'extra_config',
  'transforms_input_topic_pattern',
  'x',
);
const value = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small' }, scalar, tie('list'), tie('map')),
  list: fc.array(tie('node'), { maxLength: 4 }),
  map: fc.dictionary(key, tie('node'), { maxKeys: 5 }),
})).map;

describe('validateManifests on arbitrary documents', () => {
  it('never throws, and every problem has a 1-based position and a message', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(value, async (doc) => {
        const file = `case-${n++}.yaml`;
        writeFileSync(join(d.dir, file), stringify(doc));
        const { problems, state } = await validateManifests([file], { cwd: d.dir, env: { X: '1' } });
        for (const p of problems) {
          expect(p.line).toBeGreaterThanOrEqual(1);
          expect(p.col).toBeGreaterThanOrEqual(1);
          expect(p.message.length).toBeGreaterThan(0);
        }
        expect(state === undefined).toBe(problems.some((p) => p.severity === 'error'));
      }),
      { numRuns: 150, seed: 20261126 },
    );
  });

  it('never throws on arbitrary text', async () => {
    const chars = fc.constantFrom(...'ab:- \n\t[]{},&*!|>#\'"%@`?$'.split(''));
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(chars, { maxLength: 60 }).map((cs) => cs.join('')),
        async (text) => {
          const file = `text-${n++}.yaml`;
          writeFileSync(join(d.dir, file), text);
          const { problems } = await validateManifests([file], { cwd: d.dir, env: {} });
          expect(problems.length).toBeGreaterThan(0); // no text here declares a valid namespace
          for (const p of problems) expect(p.line).toBeGreaterThanOrEqual(1);
        },
      ),
      { numRuns: 300, seed: 20261126 },
    );
  });
});
