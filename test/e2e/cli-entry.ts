// Runs the CLI from source (node --import tsx test/e2e/cli-entry.ts ...): the kill test spawns it.
import { main } from '../../src/cli/main.js';

process.exitCode = await main(process.argv);
