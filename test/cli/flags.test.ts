import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import {
  collectResourceKeys,
  decimal,
  duration,
  durationMs,
  parseResourceKey,
  wholeNumber,
} from '../../src/cli/flags.js';
import { captureIo } from '../helpers/capture-io.js';

describe('argument parsers', () => {
  it('wholeNumber takes digits within its bounds only', () => {
    expect(wholeNumber(0)('0')).toBe(0);
    expect(wholeNumber(1)(' 12 ')).toBe(12);
    expect(wholeNumber(0, 65535)('65535')).toBe(65535);
    for (const bad of ['', '-1', '1.5', '1e3', '0x10', 'ten', '9007199254740993'])
      expect(() => wholeNumber(0)(bad), bad).toThrow(InvalidArgumentError);
    expect(() => wholeNumber(1)('0')).toThrow('Expected a whole number >= 1.');
    expect(() => wholeNumber(0, 65535)('65536')).toThrow('Expected a whole number from 0 to 65535.');
  });

  it('decimal takes fractions within its bounds', () => {
    expect(decimal(0, 1)('0.25')).toBe(0.25);
    expect(decimal(0)('1500')).toBe(1500);
    for (const bad of ['', ' ', '1.5', 'NaN', 'Infinity', '-0.1'])
      expect(() => decimal(0, 1)(bad), bad).toThrow(InvalidArgumentError);
  });

  it('duration reads ms, s, m and h (a bare number is seconds), with a floor', () => {
    expect(durationMs('500ms')).toBe(500);
    expect(durationMs('90')).toBe(90_000);
    expect(durationMs('10m')).toBe(600_000);
    expect(durationMs('1h')).toBe(3_600_000);
    expect(durationMs('1d')).toBeUndefined();
    expect(duration()('2s')).toBe(2000);
    expect(() => duration()('soon')).toThrow('Expected a duration such as 90s, 10m or 1h.');
    expect(() => duration(60_000, '1m')('30s')).toThrow('Expected at least 1m.');
  });

  it('kind/name keys are collected in order; the shape is checked here, the kind when the command runs', () => {
    expect(collectResourceKeys('pipeline/b', collectResourceKeys('source/a', []))).toEqual([
      'source/a',
      'pipeline/b',
    ]);
    expect(parseResourceKey('nosuchkind/x')).toBe('nosuchkind/x');
    for (const bad of ['orders-db', '/x', 'source/'])
      expect(() => parseResourceKey(bad)).toThrow(InvalidArgumentError);
  });
});

describe('a bad flag value', () => {
  async function run(...args: string[]): Promise<{ code: number; err: string }> {
    const io = captureIo({}, process.cwd());
    const code = await main(['node', 'streamkap-gitops', ...args], io);
    return { code, err: io.err() };
  }

  it('is a usage error (exit 4) naming the option, the value and what it takes', async () => {
    const r = await run('apply', '--parallelism', '0');
    expect(r.code).toBe(4);
    expect(r.err).toContain(
      "option '--parallelism <n>' argument '0' is invalid. Expected a whole number >= 1.",
    );
    expect((await run('status', '--since', '10s')).err).toContain('Expected at least 1m.');
  });

  it('status --watch with a malformed interval says so (it used to exit 4 silently)', async () => {
    const io = captureIo({}, process.cwd());
    Object.assign(io.stdout, { isTTY: true });
    const code = await main(
      ['node', 'streamkap-gitops', 'status', '--namespace', 'shop', '--watch', 'soon'],
      io,
    );
    expect(code).toBe(4);
    expect(io.err()).toContain('--watch takes a duration such as 90s, 10m or 1h, got "soon"');
  });
});
