import type { Writable } from 'node:stream';

const quieted = new WeakSet<Writable>();

/**
 * A reader that stops early (`streamkap-gitops plan | head`) closes the pipe: every later write to
 * it fails with EPIPE, an 'error' event that would end the process with a stack trace. The output
 * is then of no use to anyone, but the command still finishes (an apply half-done because its
 * output went unread would be worse) and exits with its own code. Other write errors stay fatal.
 */
export function quietOnClosedPipe(stream: Writable): void {
  if (quieted.has(stream)) return;
  quieted.add(stream);
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
}
