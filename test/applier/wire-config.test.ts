import { describe, expect, it } from 'vitest';
import { createConfig } from '../../src/applier/wire-config.js';

describe('createConfig', () => {
  it('sends manifest values plus static defaults, never read-only keys', () => {
    const config = createConfig(
      'source',
      'postgresql',
      { database_hostname: 'h', database_port: 1 },
      { 'x.extra': true },
    );
    expect(config).toMatchObject({
      'database.hostname.user.defined': 'h',
      'database.port.user.defined': 1,
      'slot.name': 'streamkap_pgoutput_slot',
      'x.extra': true,
    });
    expect(config).not.toHaveProperty('ssh.public.key.user.displayed');
    expect(Object.values(config)).not.toContain(expect.stringMatching(/^<.*>$/));
  });

  it('an unknown connector code is a user error', () => {
    expect(() => createConfig('source', 'nope', {}, {})).toThrow('not in this version');
  });
});
