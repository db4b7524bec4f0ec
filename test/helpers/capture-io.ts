import { PassThrough, Writable } from 'node:stream';
import type { CliIo } from '../../src/cli/context.js';

/** In-memory stdout/stderr for running the CLI in-process. */
export function captureIo(
  env: Record<string, string | undefined> = {},
  cwd = process.cwd(),
): CliIo & { out(): string; err(): string } {
  const chunks = { out: [] as string[], err: [] as string[] };
  const sink = (into: string[]): Writable =>
    new Writable({
      write(chunk: Buffer | string, _enc, cb) {
        into.push(chunk.toString());
        cb();
      },
    });
  return {
    stdout: sink(chunks.out),
    stderr: sink(chunks.err),
    stdin: new PassThrough(),
    env,
    cwd,
    out: () => chunks.out.join(''),
    err: () => chunks.err.join(''),
  };
}
