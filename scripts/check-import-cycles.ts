/**
 * Fails (exit 1) when the TypeScript files under a directory import each other in a cycle; run by
 * `npm run lint` on src. Usage: tsx scripts/check-import-cycles.ts <dir>
 */
import { findImportCycles, importGraph } from './import-cycles.js';

const root = process.argv[2] ?? 'src';
const graph = importGraph(root);
const cycles = findImportCycles(graph);
if (cycles.length > 0) {
  process.stderr.write(
    `${cycles.length} import cycle(s) in ${root}:\n${cycles.map((c) => `  ${c}\n`).join('')}`,
  );
  process.stderr.write('Move what both sides need into a module of its own, or pass it in as a parameter.\n');
  process.exitCode = 1;
} else {
  process.stdout.write(`No import cycles among ${graph.size} files in ${root}.\n`);
}
