import { describe, expect, it } from 'vitest';
import { buildProgram, main } from '../../src/cli/main.js';
import { COMMAND_EXAMPLES, ROOT_EXAMPLES } from '../../src/cli/help/examples.js';
import { captureIo } from '../helpers/capture-io.js';

async function help(...args: string[]): Promise<string> {
  const io = captureIo();
  expect(await main(['node', 'streamkap-gitops', ...args, '--help'], io)).toBe(0);
  return io.out();
}

/** The argument lists of every `streamkap-gitops ...` invocation in an example line. */
function invocations(line: string): string[][] {
  return line
    .split('streamkap-gitops ')
    .slice(1)
    .map((rest) =>
      (rest.split(/[)>|&#]/)[0] ?? '')
        .trim()
        .split(/\s+/)
        .filter((w) => w !== ''),
    );
}

/** Parses args with every action replaced by a no-op: throws on an unknown flag or a bad value. */
async function parses(args: string[]): Promise<string> {
  const { program } = await buildProgram(captureIo());
  let ran = '';
  for (const cmd of program.commands)
    cmd.action(() => {
      ran = cmd.name();
    });
  await program.parseAsync(['node', 'streamkap-gitops', ...args]);
  return ran;
}

describe('help that teaches', () => {
  it('lists the environment variables, with their aliases, in the root help', async () => {
    const text = await help();
    const env = text.slice(text.indexOf('Environment:'));
    for (const name of [
      'STREAMKAP_API_URL',
      'STREAMKAP_HOST',
      'STREAMKAP_CLIENT_ID',
      'STREAMKAP_CLIENT_SECRET',
      'STREAMKAP_SECRET',
      'STREAMKAP_GITOPS_PLAN_KEY',
      'NO_COLOR',
      'HTTPS_PROXY',
    ])
      expect(env).toContain(name);
    expect(text.trimEnd()).toMatch(/Examples:\n( {2}\$ streamkap-gitops .+\n?){2,3}$/);
  });

  it("ends every command's --help with two or three examples", async () => {
    const { program } = await buildProgram(captureIo());
    for (const cmd of program.commands) {
      const examples = COMMAND_EXAMPLES[cmd.name()];
      expect(examples?.length, cmd.name()).toBeGreaterThanOrEqual(2);
      expect(examples?.length, cmd.name()).toBeLessThanOrEqual(3);
      const text = await help(cmd.name());
      expect(text.trimEnd().endsWith(`  $ ${examples?.at(-1)}`), cmd.name()).toBe(true);
    }
  });

  it('gives examples that are real: each one parses with the flags the command has', async () => {
    for (const [name, lines] of Object.entries(COMMAND_EXAMPLES)) {
      for (const line of lines) {
        const calls = invocations(line);
        expect(calls.length, line).toBeGreaterThan(0);
        for (const args of calls) expect(await parses(args), line).toBe(name);
      }
    }
    for (const line of ROOT_EXAMPLES) for (const args of invocations(line)) await parses(args);
  });
});
