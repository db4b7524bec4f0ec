// Runs the CLI in-process once per argument list in argv[2] (JSON) inside this child process, whose
// /proc/self/environ holds what the parent planted, and prints each run's exit code and output as
// one JSON document: the leak test's probe of a manifest that reads the environment.
import { main } from '../../src/cli/main.js';
import { captureIo } from '../helpers/capture-io.js';

const runs = JSON.parse(process.argv[2] ?? '[]') as string[][];
const results: { args: string[]; code: number; out: string; err: string }[] = [];
for (const args of runs) {
  const io = captureIo(process.env, process.cwd());
  const code = await main(['node', 'streamkap-gitops', ...args], io);
  results.push({ args, code, out: io.out(), err: io.err() });
}
process.stdout.write(JSON.stringify(results));
