// Runs the CLI from source for spawn tests: `node --import tsx test/emulator/run-cli.ts emulator ...`.
import { main } from '../../src/cli/main.js';

process.exitCode = await main(process.argv);
