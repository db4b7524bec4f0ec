import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { captureIo } from '../helpers/capture-io.js';

async function script(shell: string): Promise<string> {
  const io = captureIo();
  expect(await main(['node', 'streamkap-gitops', 'completion', shell], io)).toBe(0);
  return io.out();
}

/** Runs the bash completion function on a command line (the cursor at its end) in a real bash. */
function complete(scriptFile: string, cwd: string, line: string): Promise<string[]> {
  const words = line.split(' ');
  const program = [
    `source ${JSON.stringify(scriptFile)}`,
    `COMP_WORDS=(${words.map((w) => JSON.stringify(w)).join(' ')})`,
    `COMP_CWORD=${words.length - 1}`,
    '_streamkap_gitops',
    'printf "%s\\n" "${COMPREPLY[@]}"',
  ].join('\n');
  return new Promise((resolve, reject) => {
    execFile('bash', ['--norc', '-c', program], { cwd }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${error.message}\n${stderr}`));
      else
        resolve(
          stdout
            .split('\n')
            .filter((l) => l !== '')
            .sort(),
        );
    });
  });
}

describe('completion bash', () => {
  let dir: string;
  let file: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'skgo-completion-'));
    file = path.join(dir, 'completion.bash');
    await writeFile(file, await script('bash'));
    await writeFile(path.join(dir, 'streamkap.yaml'), 'namespace: x\n');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('completes command names', async () => {
    expect(await complete(file, dir, 'streamkap-gitops pl')).toEqual(['plan']);
    expect(await complete(file, dir, 'streamkap-gitops co')).toEqual(['completion', 'connectors']);
  });

  it("completes a command's flags and the values of a flag with choices", async () => {
    expect(await complete(file, dir, 'streamkap-gitops plan --det')).toEqual(['--detailed-exitcode']);
    expect(await complete(file, dir, 'streamkap-gitops plan --format ')).toEqual([
      'json',
      'markdown',
      'text',
    ]);
    expect(await complete(file, dir, 'streamkap-gitops --log-level debug drift --for')).toEqual(['--format']);
  });

  it('completes manifest paths as files, and connector names and shells as words', async () => {
    expect(await complete(file, dir, 'streamkap-gitops validate stream')).toEqual(['streamkap.yaml']);
    expect(await complete(file, dir, 'streamkap-gitops connectors postg')).toEqual(['postgresql']);
    expect(await complete(file, dir, 'streamkap-gitops completion ')).toEqual(['bash', 'fish', 'zsh']);
  });

  it('is syntactically valid bash and registers the function', async () => {
    const out = await new Promise<string>((resolve, reject) => {
      execFile(
        'bash',
        ['--norc', '-c', `source ${JSON.stringify(file)} && complete -p streamkap-gitops`],
        (e, so) => (e ? reject(e) : resolve(so)),
      );
    });
    expect(out).toContain('-F _streamkap_gitops streamkap-gitops');
  });
});

describe('completion zsh and fish', () => {
  it('zsh loads the same logic through bashcompinit', async () => {
    const zsh = await script('zsh');
    expect(zsh.split('\n')[0]).toBe('#compdef streamkap-gitops');
    expect(zsh).toContain('bashcompinit');
    expect(zsh).toContain(await script('bash'));
  });

  it('fish lists every command with its flags and choices', async () => {
    const fish = await script('fish');
    expect(fish).toContain("complete -c streamkap-gitops -n '__fish_use_subcommand' -a plan -d ");
    expect(fish).toContain(
      "complete -c streamkap-gitops -n '__fish_seen_subcommand_from plan' -l format -xa 'text json markdown'",
    );
    expect(fish).toContain("complete -c streamkap-gitops -n '__fish_seen_subcommand_from plan' -l out -rF");
    // Every line is a complete command or a comment, its single quotes balanced.
    for (const line of fish.trim().split('\n')) expect(line).toMatch(/^(#|complete -c streamkap-gitops )/);
    for (const line of fish.trim().split('\n'))
      expect(line.replace(/\\[\\']/g, '').split("'").length % 2, line).toBe(1);
  });

  it('refuses an unknown shell (exit 4)', async () => {
    const io = captureIo();
    expect(await main(['node', 'streamkap-gitops', 'completion', 'tcsh'], io)).toBe(4);
  });
});
