import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

/**
 * A character device to point a hostile `--out` at: a private copy of /dev/null in `dir` when this
 * process may create device nodes (root), else /dev/null itself. NOTE: a regression that replaces its
 * target with a regular file (as `plan --out` once did) then ruins the copy, not the machine's
 * /dev/null; a process that may not create device nodes cannot replace /dev/null either.
 */
export function nullDevice(dir: string): string {
  const node = path.join(dir, 'null-device');
  try {
    execFileSync('mknod', ['-m', '666', node, 'c', '1', '3'], { stdio: 'ignore' });
    return node;
  } catch {
    return '/dev/null';
  }
}
