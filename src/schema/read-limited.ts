/**
 * Reads a file a manifest run depends on without trusting it: the type and size are checked on the
 * open handle before anything is read, and at most `maxBytes + 1` bytes are ever read from that same
 * handle. A FIFO, a device, `/dev/zero` or a `/proc` file that reports size 0 can neither hang the run
 * nor grow its memory, and a file swapped between the checks and the read is caught by the handle.
 */
import { isUtf8 } from 'node:buffer';
import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';

/** Why a file was not read. Never carries any of the file's content. */
export type ReadRefusal =
  | { readonly reason: 'missing' }
  | { readonly reason: 'loop' }
  | { readonly reason: 'not-regular'; readonly kind: string }
  | { readonly reason: 'too-large'; readonly maxBytes: number }
  | { readonly reason: 'unreadable'; readonly code: string };

export type ReadResult =
  { readonly ok: true; readonly bytes: Buffer } | { readonly ok: false; readonly refusal: ReadRefusal };

/**
 * O_NONBLOCK: opening a FIFO for reading returns at once instead of waiting for a writer.
 * O_NOFOLLOW: the caller passes a real path; a symlink planted there after it was resolved is refused.
 */
const OPEN_FLAGS =
  constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0) | (constants.O_NOFOLLOW ?? 0);

/** Reads grow the buffer in steps of at least this much when the size on disk was wrong (`/proc`). */
const GROWTH_STEP = 64 * 1024;

/** "a FIFO (named pipe)", "a directory", ...: what a non-regular file is, for messages. */
export function fileKind(s: Stats): string {
  if (s.isFile()) return 'a regular file';
  if (s.isDirectory()) return 'a directory';
  if (s.isFIFO()) return 'a FIFO (named pipe)';
  if (s.isSocket()) return 'a socket';
  if (s.isCharacterDevice()) return 'a character device';
  if (s.isBlockDevice()) return 'a block device';
  if (s.isSymbolicLink()) return 'a symbolic link';
  return 'not a regular file';
}

function refusalOf(error: unknown): ReadRefusal {
  const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
  if (code === 'ENOENT' || code === 'ENOTDIR') return { reason: 'missing' };
  // NOTE: with O_NOFOLLOW a symlink in place of the checked path fails with ELOOP.
  if (code === 'ELOOP') return { reason: 'loop' };
  return { reason: 'unreadable', code };
}

/** Reads up to `maxBytes + 1` bytes from the handle's current position to its end. */
function readCapped(fd: number, sizeHint: number, maxBytes: number): Buffer {
  let buf = Buffer.allocUnsafe(Math.min(sizeHint, maxBytes) + 1);
  let n = 0;
  for (;;) {
    if (n === buf.length) {
      if (buf.length > maxBytes) break;
      const grown = Buffer.allocUnsafe(Math.min(Math.max(buf.length * 2, GROWTH_STEP), maxBytes + 1));
      buf.copy(grown, 0, 0, n);
      buf = grown;
    }
    const read = readSync(fd, buf, n, buf.length - n, null);
    if (read === 0) break;
    n += read;
  }
  return buf.subarray(0, n);
}

/**
 * The bytes of the regular file at `absPath` (a real path), or why not: missing, a symlink, not a
 * regular file, larger than `maxBytes`, unreadable.
 */
export function readRegularFile(absPath: string, maxBytes: number): ReadResult {
  let fd: number;
  try {
    // A device or FIFO is refused before it is even opened (opening some devices has effects).
    const before = statSync(absPath);
    if (!before.isFile()) return { ok: false, refusal: { reason: 'not-regular', kind: fileKind(before) } };
    fd = openSync(absPath, OPEN_FLAGS);
  } catch (error) {
    return { ok: false, refusal: refusalOf(error) };
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { ok: false, refusal: { reason: 'not-regular', kind: fileKind(st) } };
    if (st.size > maxBytes) return { ok: false, refusal: { reason: 'too-large', maxBytes } };
    const bytes = readCapped(fd, st.size, maxBytes);
    if (bytes.length > maxBytes) return { ok: false, refusal: { reason: 'too-large', maxBytes } };
    return { ok: true, bytes };
  } catch (error) {
    return { ok: false, refusal: refusalOf(error) };
  } finally {
    closeSync(fd);
  }
}

/** Where the first byte that is not UTF-8 is: byte offset, and 1-based line and column (characters). */
export interface Utf8Error {
  readonly offset: number;
  readonly line: number;
  readonly col: number;
}

/** Length of the valid sequence starting at `i`, or 0 when the bytes there are not UTF-8. */
function sequenceLength(b: Uint8Array, i: number): number {
  const c = b[i] as number;
  if (c < 0x80) return 1;
  const need = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
  if (need < 0) return 0;
  // Overlong forms, UTF-16 surrogates and code points above U+10FFFF are excluded by the second byte.
  const lo = c === 0xe0 ? 0xa0 : c === 0xf0 ? 0x90 : 0x80;
  const hi = c === 0xed ? 0x9f : c === 0xf4 ? 0x8f : 0xbf;
  for (let k = 1; k <= need; k++) {
    const x = b[i + k];
    if (x === undefined || x < (k === 1 ? lo : 0x80) || x > (k === 1 ? hi : 0xbf)) return 0;
  }
  return need + 1;
}

/** The first invalid UTF-8 sequence in `bytes`, or undefined when all of it is UTF-8. */
export function findInvalidUtf8(bytes: Buffer): Utf8Error | undefined {
  if (isUtf8(bytes)) return undefined;
  let i = 0;
  while (i < bytes.length) {
    const len = sequenceLength(bytes, i);
    if (len === 0) break;
    i += len;
  }
  const lineStart = i === 0 ? 0 : bytes.lastIndexOf(0x0a, i - 1) + 1;
  let line = 1;
  for (let k = bytes.indexOf(0x0a); k !== -1 && k < i; k = bytes.indexOf(0x0a, k + 1)) line += 1;
  const col = bytes.subarray(lineStart, i).toString('utf8').length + 1;
  return { offset: i, line, col };
}

const MIB = 1024 * 1024;

/** `1 MiB`, `512 KiB`, `1000 bytes`. */
export function formatBytes(n: number): string {
  if (n >= MIB && n % MIB === 0) return `${n / MIB} MiB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KiB`;
  return `${n} bytes`;
}
