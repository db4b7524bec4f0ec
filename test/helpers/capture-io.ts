import { PassThrough, Writable } from 'node:stream';
import type { CliIo } from '../../src/cli/context.js';

export interface CapturedIo extends CliIo {
  out(): string;
  err(): string;
  /** Resolves as soon as stderr contains `text` (to answer a prompt when it is shown, not after a pause). */
  errShows(text: string): Promise<void>;
}

/** In-memory stdout/stderr for running the CLI in-process. */
export function captureIo(env: Record<string, string | undefined> = {}, cwd = process.cwd()): CapturedIo {
  const chunks = { out: [] as string[], err: [] as string[] };
  const waiting: { text: string; resolve: () => void }[] = [];
  const err = (): string => chunks.err.join('');
  const notify = (): void => {
    for (const w of [...waiting]) {
      if (!err().includes(w.text)) continue;
      waiting.splice(waiting.indexOf(w), 1);
      w.resolve();
    }
  };
  const sink = (into: string[], after?: () => void): Writable =>
    new Writable({
      write(chunk: Buffer | string, _enc, cb) {
        into.push(chunk.toString());
        after?.();
        cb();
      },
    });
  return {
    stdout: sink(chunks.out),
    stderr: sink(chunks.err, notify),
    stdin: new PassThrough(),
    env,
    cwd,
    out: () => chunks.out.join(''),
    err,
    errShows: (text) =>
      err().includes(text) ? Promise.resolve() : new Promise((resolve) => waiting.push({ text, resolve })),
  };
}
