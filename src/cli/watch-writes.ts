/**
 * What main needs on every call to keep stdout one JSON document under `--format json`. No imports:
 * main loads this even for `--version`; the error document itself is loaded only on a failure.
 */
import type { Writable } from 'node:stream';

/** `--format json` (or `--format=json`) among the arguments: for usage errors, before any action ran. */
export function asksForJson(argv: readonly string[]): boolean {
  return argv.some((a, i) => a === '--format=json' || (a === '--format' && argv[i + 1] === 'json'));
}

/** `stream` as it is, noting whether anything was written to it. */
export function watchWrites<S extends Writable>(stream: S): { stream: S; written: () => boolean } {
  let wrote = false;
  const watched = new Proxy(stream, {
    get(target, prop) {
      if (prop === 'write') {
        return (...args: Parameters<Writable['write']>) => {
          wrote = true;
          return target.write(...args);
        };
      }
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { stream: watched, written: () => wrote };
}
