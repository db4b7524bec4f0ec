/**
 * Reads a file a manifest names (a transform's `implementation_file`): confined to the manifest root,
 * a regular file, at most the size limit, UTF-8, without control characters other than TAB, LF and CR.
 * A refused file's content never reaches a message.
 */
import { VALUE_CONTROL, escapeChar } from './escape-control.js';
import { resolveReference } from './manifest-root.js';
import { findInvalidUtf8, formatBytes, readRegularFile, type ReadRefusal } from './read-limited.js';
import type { Reporter } from './reporter.js';
import type { Segment } from './problems.js';

/** Default largest file a manifest may name (`--max-file-size` raises it). */
export const MAX_REFERENCED_FILE_BYTES = 1024 * 1024;

function refusal(r: ReadRefusal, what: string): [string, string] {
  switch (r.reason) {
    case 'missing':
      return [`cannot read ${what}: no such file`, 'the path is relative to this manifest file'];
    case 'loop':
      return [`${what} was replaced by a symbolic link while it was being read`, 'run again'];
    case 'not-regular':
      return [
        `${what} is not a regular file: it is ${r.kind}`,
        'point it at a regular file inside the manifest root',
      ];
    case 'too-large':
      return [
        `${what} is larger than ${formatBytes(r.maxBytes)}`,
        'make it smaller, or raise the limit with --max-file-size',
      ];
    case 'unreadable':
      return [`cannot read ${what} (${r.code})`, 'check its permissions'];
  }
}

function decode(bytes: Buffer, what: string): string | [string, string] {
  const bad = findInvalidUtf8(bytes);
  if (bad)
    return [
      `${what} is not valid UTF-8 (byte offset ${bad.offset}, line ${bad.line}, column ${bad.col})`,
      'save it as UTF-8',
    ];
  const text = bytes.toString('utf8');
  const control = VALUE_CONTROL.exec(text);
  if (!control) return text;
  const line = text.slice(0, control.index).split('\n').length;
  return [
    `${what} contains the control character ${escapeChar(control[0])} (line ${line})`,
    'files may hold TAB, LF and CR, but no other control characters',
  ];
}

/**
 * The text of the file `ref` names in the manifest behind `r`, or undefined after reporting at
 * `segs` why it cannot be used.
 */
export function readReferencedFile(
  r: Reporter,
  segs: readonly Segment[],
  ref: string,
  maxBytes: number,
): string | undefined {
  const what = `implementation file "${ref}"`;
  const resolved = resolveReference(ref, r.absPath, r.root, 'implementation file');
  if (!resolved.ok) {
    r.error(segs, resolved.message, resolved.hint);
    return undefined;
  }
  const read = readRegularFile(resolved.real, maxBytes);
  const text = read.ok ? decode(read.bytes, what) : refusal(read.refusal, what);
  if (typeof text === 'string') return text;
  r.error(segs, text[0], text[1]);
  return undefined;
}
