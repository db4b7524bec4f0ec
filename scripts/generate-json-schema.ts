/**
 * Regenerates schema/streamkap-gitops.schema.json (the editor schema) from the connector catalogue.
 * Run with: npm run gen:schema. A test fails when the committed file is stale.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderEditorSchema } from '../src/schema/index.js';

const target = fileURLToPath(new URL('../schema/streamkap-gitops.schema.json', import.meta.url));
writeFileSync(target, renderEditorSchema());
process.stdout.write(`wrote ${target}\n`);
