// The CLI from source, for benchmarks that need a separate process (the emulator server).
import { main } from '../src/cli/main.js';

process.exitCode = await main(process.argv);
