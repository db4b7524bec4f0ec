/**
 * `plan --out` writes only to a regular file or a new path: a directory, symlink, device or FIFO is a
 * UserError (exit 4) and is left as it was; the temp file is created exclusively, beside the target.
 */
import { execFileSync } from 'node:child_process';
import {
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeSavedPlan, savePlan } from '../../src/cli/plan-io.js';
import { UserError } from '../../src/errors/index.js';
import { FORMAT_VERSION } from '../../src/model/index.js';
import { buildPlan } from '../../src/planner/index.js';
import { nullDevice } from '../helpers/null-device.js';
import { desiredState, HMAC_KEY, liveState, pgSource } from '../planner/fixtures.js';

const NO_HANG_MS = 20_000;
const saved = () =>
  makeSavedPlan(buildPlan(desiredState([pgSource()]), liveState([]), { hmacKey: HMAC_KEY }), {
    inputsDigest: 'd'.repeat(64),
    createdAt: new Date(0),
    options: { hmacKey: HMAC_KEY },
  });

describe('savePlan targets', () => {
  it('replaces a regular file and creates a new one, leaving no temp file', async () => {
    const d = mkdtempSync(path.join(tmpdir(), 'sg-out-'));
    writeFileSync(path.join(d, 'old.json'), 'old');
    await savePlan('old.json', saved(), d);
    await savePlan('new/plan.json', saved(), d);
    expect(JSON.parse(readFileSync(path.join(d, 'old.json'), 'utf8')).format_version).toBe(FORMAT_VERSION);
    expect(readdirSync(d).sort()).toEqual(['new', 'old.json']);
    expect(readdirSync(path.join(d, 'new'))).toEqual(['plan.json']);
  });

  it.each([
    ['a directory', (d: string) => mkdirSync(path.join(d, 'out.json')), 'it is a directory'],
    [
      'a symlink to a file',
      (d: string) => {
        writeFileSync(path.join(d, 'victim'), 'victim content');
        symlinkSync('victim', path.join(d, 'out.json'));
      },
      'it is a symbolic link',
    ],
    [
      'a dangling symlink',
      (d: string) => symlinkSync('nowhere', path.join(d, 'out.json')),
      'it is a symbolic link',
    ],
    [
      'a FIFO',
      (d: string) => execFileSync('mkfifo', [path.join(d, 'out.json')]),
      'it is a FIFO (named pipe)',
    ],
  ])('refuses %s and leaves it as it was', { timeout: NO_HANG_MS }, async (_label, plantTarget, message) => {
    const d = mkdtempSync(path.join(tmpdir(), 'sg-out-'));
    plantTarget(d);
    const before = lstatSync(path.join(d, 'out.json'));
    const error = await savePlan('out.json', saved(), d).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toBe(
      `Cannot write the plan to out.json: ${message}, not a regular file`,
    );
    const after = lstatSync(path.join(d, 'out.json'));
    expect([after.ino, after.mode]).toEqual([before.ino, before.mode]);
    if (readdirSync(d).includes('victim'))
      expect(readFileSync(path.join(d, 'victim'), 'utf8')).toBe('victim content');
    expect(readdirSync(d).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses /dev/null (a device), and leaves it a device', async () => {
    const device = nullDevice(mkdtempSync(path.join(tmpdir(), 'sg-out-')));
    await expect(savePlan(device, saved())).rejects.toThrow(
      `Cannot write the plan to ${device}: it is a character device, not a regular file`,
    );
    expect(lstatSync(device).isCharacterDevice()).toBe(true);
  });

  it('reports a parent that is a file as a UserError, not an internal error', async () => {
    const d = mkdtempSync(path.join(tmpdir(), 'sg-out-'));
    writeFileSync(path.join(d, 'file'), '');
    await expect(savePlan('file/plan.json', saved(), d)).rejects.toThrow(UserError);
  });
});
