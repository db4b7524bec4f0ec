/**
 * Regenerates docs/connectors.md from the bundled connector catalogue (the data `connectors` prints).
 * Usage: npm run gen:docs. test/reference/connectors-doc.test.ts fails when the file is stale.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { allConnectorEntries } from '../src/reference/connector-keys.js';
import { renderConnectorsMarkdown } from '../src/reference/render-connectors-markdown.js';

const output = fileURLToPath(new URL('../docs/connectors.md', import.meta.url));
writeFileSync(output, renderConnectorsMarkdown(allConnectorEntries()));
process.stdout.write(`wrote ${output}\n`);
