import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { main } from '../../src/cli/main.js';
import { buildManifestSchema, renderEditorSchema } from '../../src/schema/index.js';
import {
  renderStandaloneValidator,
  STANDALONE_VALIDATOR_FILE,
} from '../../src/schema/json-schema-standalone.js';
import { captureIo } from '../helpers/capture-io.js';

const COMMITTED = new URL('../../schema/streamkap-gitops.schema.json', import.meta.url);

let editorValidator: ValidateFunction | undefined;
/** The editor schema is large: compile it once for this file. */
function editor(): ValidateFunction {
  editorValidator ??= new Ajv2020({ strict: false, discriminator: true, allErrors: true }).compile(
    buildManifestSchema('editor'),
  );
  return editorValidator;
}

describe('JSON Schema', () => {
  it('the committed schema/streamkap-gitops.schema.json is what the generator produces', () => {
    // If this fails: npm run gen:schema, and commit the result.
    expect(readFileSync(COMMITTED, 'utf8')).toBe(renderEditorSchema());
  });

  it('the committed precompiled validator is what the generator produces from the runtime schema', () => {
    // If this fails: npm run gen:validator, and commit the result.
    const committed = readFileSync(new URL(`../../${STANDALONE_VALIDATOR_FILE}`, import.meta.url), 'utf8');
    expect(committed === renderStandaloneValidator()).toBe(true);
  });

  it('`schema` prints it', async () => {
    const io = captureIo();
    expect(await main(['node', 'streamkap-gitops', 'schema'], io)).toBe(0);
    expect(io.out()).toBe(renderEditorSchema());
  });

  it('the editor schema compiles and accepts the example tour', () => {
    const validate = editor();
    const tour: unknown = parse(
      readFileSync(new URL('../../examples/streamkap.yaml', import.meta.url), 'utf8'),
    );
    expect(validate(tour), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  });

  it('the editor schema flags a config typo and a literal secret', () => {
    const validate = editor();
    const bad = {
      sources: [
        {
          name: 's',
          connector: 'postgresql',
          config: { database_hostnme: 'x', database_password: 'literal' },
        },
      ],
    };
    expect(validate(bad)).toBe(false);
    const paths = (validate.errors ?? []).map((e) => `${e.instancePath} ${e.keyword}`);
    expect(paths).toContain('/sources/0/config additionalProperties');
    expect(paths.some((p) => p.startsWith('/sources/0/config/database_password'))).toBe(true);
  });
});
