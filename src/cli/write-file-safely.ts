/**
 * Writes an output file (`plan --out`) without following anything planted at its path: the target must
 * be a regular file or a new path, never a directory, symlink, device, FIFO or socket; the content goes
 * to a new temp file (created exclusively, so a planted symlink cannot redirect it) renamed over the target.
 */
import { randomBytes } from 'node:crypto';
import { lstat, mkdir, open, rename, unlink } from 'node:fs/promises';
import * as path from 'node:path';
import { UserError } from '../errors/index.js';
import { fileKind } from '../schema/read-limited.js';

const HINT = 'give the path of a regular file, or of a file that does not exist yet';

function codeOf(e: unknown): string {
  return (e as NodeJS.ErrnoException).code ?? 'error';
}

/** Refuses an existing target that is not a regular file. Nothing is opened. */
export async function checkOutputTarget(target: string, shown: string): Promise<void> {
  let info;
  try {
    info = await lstat(target);
  } catch (e) {
    if (codeOf(e) === 'ENOENT') return;
    throw new UserError(`Cannot write ${shown} (${codeOf(e)})`, { hint: HINT, cause: e });
  }
  if (!info.isFile()) {
    throw new UserError(`Cannot write ${shown}: it is ${fileKind(info)}, not a regular file`, { hint: HINT });
  }
}

/** Writes `content` to `target` atomically (temp file + rename), readable by the owner only. */
export async function writeFileSafely(target: string, shown: string, content: string): Promise<void> {
  await checkOutputTarget(target, shown);
  const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await mkdir(path.dirname(target), { recursive: true });
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(content, 'utf8');
    } finally {
      await handle.close();
    }
    // NOTE: checked again just before: rename replaces a symlink itself and never writes through it.
    await checkOutputTarget(target, shown);
    await rename(temp, target);
  } catch (e) {
    await unlink(temp).catch(() => undefined);
    if (e instanceof UserError) throw e;
    throw new UserError(`Cannot write ${shown} (${codeOf(e)})`, { hint: HINT, cause: e });
  }
}
