/**
 * The manifest root: the directory argument a manifest was found under, or the directory of a file
 * argument. Every file the manifests name, and every symlink followed while looking for manifests,
 * must resolve (by real path) inside it: a pull request can change the manifests, not the machine.
 */
import { realpathSync } from 'node:fs';
import * as path from 'node:path';

/** True when `p` is `root` or below it (both absolute, normalised). */
export function isInside(root: string, p: string): boolean {
  const rel = path.relative(root, p);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

/** Said wherever a path is refused for leaving the root. */
export const STAY_INSIDE_HINT =
  'paths must stay inside the manifest root (the directory given on the command line, or the directory of a manifest file given)';

export type Resolved =
  | { readonly ok: true; readonly real: string }
  | { readonly ok: false; readonly message: string; readonly hint: string };

function refused(message: string, hint = STAY_INSIDE_HINT): Resolved {
  return { ok: false, message, hint };
}

/**
 * The real path of `ref`, a path written in the manifest `fromFile` (a real path) relative to that
 * file, when it stays inside `root` (a real path); otherwise what is wrong, in words.
 */
export function resolveReference(ref: string, fromFile: string, root: string, what: string): Resolved {
  if (path.isAbsolute(ref)) return refused(`${what} "${ref}" is an absolute path`);
  const lexical = path.resolve(path.dirname(fromFile), ref);
  if (!isInside(root, lexical)) return refused(`${what} "${ref}" leaves the manifest root`);
  let real: string;
  try {
    real = realpathSync(lexical);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP')
      return refused(`${what} "${ref}" is a symbolic link loop`, 'point the link at a file');
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      return refused(
        `cannot read ${what} "${ref}": no such file`,
        'the path is relative to this manifest file',
      );
    }
    return refused(`cannot read ${what} "${ref}" (${code ?? 'error'})`, 'check the path and its permissions');
  }
  if (!isInside(root, real))
    return refused(`${what} "${ref}" is a symbolic link that leaves the manifest root`);
  return { ok: true, real };
}
