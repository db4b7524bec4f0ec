import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { findInvalidUtf8, readRegularFile } from '../../src/schema/read-limited.js';

const NO_HANG_MS = 20_000;
const dir = mkdtempSync(join(tmpdir(), 'skgo-read-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readRegularFile', () => {
  it('reads a regular file up to the limit, and refuses one byte more', () => {
    writeFileSync(join(dir, 'f'), 'x'.repeat(100));
    expect(readRegularFile(join(dir, 'f'), 100)).toMatchObject({
      ok: true,
      bytes: Buffer.from('x'.repeat(100)),
    });
    expect(readRegularFile(join(dir, 'f'), 99)).toEqual({
      ok: false,
      refusal: { reason: 'too-large', maxBytes: 99 },
    });
  });

  it('caps a file that reports size 0 but has content (/proc/self/environ)', () => {
    // NOTE: the limit is far below any real environment; a read that trusted the size would succeed.
    expect(readRegularFile('/proc/self/environ', 8)).toEqual({
      ok: false,
      refusal: { reason: 'too-large', maxBytes: 8 },
    });
  });

  it(
    'refuses devices, FIFOs, directories and a symlink in place of the real path',
    { timeout: NO_HANG_MS },
    () => {
      execFileSync('mkfifo', [join(dir, 'fifo')]);
      expect(readRegularFile('/dev/zero', 1024)).toEqual({
        ok: false,
        refusal: { reason: 'not-regular', kind: 'a character device' },
      });
      expect(readRegularFile(join(dir, 'fifo'), 1024)).toEqual({
        ok: false,
        refusal: { reason: 'not-regular', kind: 'a FIFO (named pipe)' },
      });
      expect(readRegularFile(dir, 1024)).toEqual({
        ok: false,
        refusal: { reason: 'not-regular', kind: 'a directory' },
      });
      execFileSync('ln', ['-s', 'f', join(dir, 'link')]);
      expect(readRegularFile(join(dir, 'link'), 1024)).toEqual({ ok: false, refusal: { reason: 'loop' } });
      expect(readRegularFile(join(dir, 'missing'), 1024)).toEqual({
        ok: false,
        refusal: { reason: 'missing' },
      });
    },
  );
});

describe('findInvalidUtf8', () => {
  it('agrees with the WHATWG decoder on arbitrary bytes, and points at the first bad sequence', () => {
    const decoder = new TextDecoder('utf-8', { fatal: true });
    const valid = (b: Uint8Array): boolean => {
      try {
        decoder.decode(b);
        return true;
      } catch {
        return false;
      }
    };
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 24 }), (arr) => {
        const bytes = Buffer.from(arr);
        const bad = findInvalidUtf8(bytes);
        expect(bad === undefined).toBe(valid(bytes));
        if (bad) {
          expect(valid(bytes.subarray(0, bad.offset))).toBe(true);
          expect(bad.line).toBe(bytes.subarray(0, bad.offset).filter((b) => b === 0x0a).length + 1);
        }
      }),
      { numRuns: 2000, seed: 12 },
    );
  });
});
