import type { Command } from 'commander';
import { listConnectors } from '../../catalogue/index.js';
import { WRAPPABLE } from '../../ci/wrap-args.js';
import { bashCompletion } from '../../completion/bash.js';
import { fishCompletion } from '../../completion/fish.js';
import { completionModel } from '../../completion/model.js';
import { zshCompletion } from '../../completion/zsh.js';
import type { CommandContext } from '../context.js';
import type { Shell } from '../flags.js';

const SCRIPT = { bash: bashCompletion, zsh: zshCompletion, fish: fishCompletion } as const;

/** The `completion` action: the script for `shell`, from the program's own commands and flags. */
export function runCompletion(ctx: CommandContext, program: Command, shell: Shell): void {
  const codes = [...new Set(listConnectors().map((s) => s.code))].sort();
  ctx.io.stdout.write(SCRIPT[shell](completionModel(program, { connectors: codes, ci: WRAPPABLE })));
}
