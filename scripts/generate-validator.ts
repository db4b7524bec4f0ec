/**
 * Regenerates src/schema/manifest-validator.generated.cjs, the precompiled (ajv standalone) validator
 * of the manifest's runtime schema. Run with: npm run gen:validator, after changing json-schema*.ts or
 * the catalogue. A test fails when the committed file is stale.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  renderStandaloneValidator,
  STANDALONE_VALIDATOR_FILE,
} from '../src/schema/json-schema-standalone.js';

const target = fileURLToPath(new URL(`../${STANDALONE_VALIDATOR_FILE}`, import.meta.url));
writeFileSync(target, renderStandaloneValidator());
process.stdout.write(`wrote ${target}\n`);
