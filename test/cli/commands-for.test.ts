import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES, commandsFor } from '../../src/cli/commands/index.js';
import { main } from '../../src/cli/main.js';
import { captureIo } from '../helpers/capture-io.js';

const line = (...args: string[]): string[] => ['node', 'streamkap-gitops', ...args];

describe('commandsFor: which command modules a command line loads', () => {
  it('loads none for a bare --version, and only the command that runs otherwise', () => {
    expect(commandsFor(line('--version'))).toEqual([]);
    expect(commandsFor(line('plan', 'manifests/', '--format', 'json'))).toEqual(['plan']);
    expect(commandsFor(line('--log-level', 'debug', '--no-color', 'apply', '--auto-approve'))).toEqual([
      'apply',
    ]);
    expect(commandsFor(line('--log-level=debug', 'drift'))).toEqual(['drift']);
  });

  it('loads every command where the whole program is read or listed', () => {
    for (const args of [[], ['--help'], ['--version', '--help'], ['help', 'plan'], ['plna'], ['ci', 'plan']])
      expect(commandsFor(line(...args)), args.join(' ')).toEqual(COMMAND_NAMES);
    expect(commandsFor(line('completion', 'bash'))).toEqual(COMMAND_NAMES);
  });

  it('still suggests the nearest command for a typo, and prints the version', async () => {
    const typo = captureIo();
    expect(await main(line('plna'), typo)).toBe(4);
    expect(typo.err()).toContain('(Did you mean plan?)');
    const version = captureIo();
    expect(await main(line('--version'), version)).toBe(0);
    expect(version.out()).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});
