// Preload for tests that pin what a command loads: `node --import <this file> <script> ...` with
// MODULE_LOG=<file> appends one line per module the process loaded: every ESM URL as the loader
// resolves it, and at exit every CommonJS file in require's cache (packages such as undici and pino
// load their own files with require, which the ESM hooks do not see).
import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import process from 'node:process';

const log = process.env.MODULE_LOG;
if (log) {
  const hook = `
    import { appendFileSync } from 'node:fs';
    export async function resolve(specifier, context, next) {
      const resolved = await next(specifier, context);
      appendFileSync(${JSON.stringify(log)}, resolved.url + '\\n');
      return resolved;
    }`;
  register(`data:text/javascript,${encodeURIComponent(hook)}`);
  const cache = createRequire(import.meta.url).cache;
  process.on('exit', () => {
    const files = Object.keys(cache).map((file) => `file://${file}`);
    if (files.length > 0) appendFileSync(log, `${files.join('\n')}\n`);
  });
}
