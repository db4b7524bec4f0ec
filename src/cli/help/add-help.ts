import type { Command } from 'commander';
import { ENVIRONMENT_HELP } from './environment.js';
import { COMMAND_EXAMPLES, ROOT_EXAMPLES } from './examples.js';

function examplesBlock(lines: readonly string[]): string {
  return `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;
}

function environmentBlock(): string {
  const width = Math.max(...ENVIRONMENT_HELP.map(([name]) => name.length));
  const rows = ENVIRONMENT_HELP.map(([name, text]) => `  ${name.padEnd(width)}  ${text}`);
  return `\nEnvironment:\n${rows.join('\n')}\n`;
}

/** Ends every command's --help with its examples, and the root help with the environment too. */
export function addHelpTexts(program: Command): void {
  program.addHelpText('after', environmentBlock() + examplesBlock(ROOT_EXAMPLES));
  for (const cmd of program.commands) {
    const examples = COMMAND_EXAMPLES[cmd.name()];
    if (examples !== undefined) cmd.addHelpText('after', examplesBlock(examples));
  }
}
