#!/usr/bin/env node
// Thin launcher: the compiled CLI lives in dist/, which the published package ships (built by
// `prepack`). In a clone of the repository, `npm run build` makes it.
import { existsSync } from 'node:fs';
import module from 'node:module';
import { setFlagsFromString } from 'node:v8';

const entry = new URL('../dist/cli/main.js', import.meta.url);
const args = process.argv.slice(2);
if (!existsSync(entry)) {
  process.stderr.write(
    'error: the CLI is not built (no dist/cli/main.js)\nhint: in a clone of the repository run: npm run build\n',
  );
  process.exitCode = 1;
} else if (args.length === 1 && args[0] === '--version') {
  // NOTE: answered here, without loading the CLI (commander, the command table): start-up is most
  // of this command's time. The version module is the one the CLI prints too.
  const { TOOL_VERSION } = await import(new URL('../dist/cli/version.js', import.meta.url).href);
  process.stdout.write(`${TOOL_VERSION}\n`);
} else {
  // NOTE: undici parses HTTP with WebAssembly (llhttp). V8 compiles it with Liftoff, then tiers hot
  // functions up with TurboFan on background threads, and Node waits for those jobs before the
  // process exits: about 90 ms after the last response of every command that talks to the API.
  // Liftoff code is fast enough for headers and chunk framing (bodies are passed through), so
  // TurboFan is turned off before anything compiles WebAssembly.
  setFlagsFromString('--liftoff-only');
  // Node 22.1+ keeps V8's compiled code of the bundle between runs (in the OS temp directory; off
  // with NODE_DISABLE_COMPILE_CACHE): compiling dist/ is a sizeable part of every start. Node 20
  // has no such API, and this does nothing there.
  module.enableCompileCache?.();
  const { main } = await import(entry.href);
  process.exitCode = await main(process.argv);
}
