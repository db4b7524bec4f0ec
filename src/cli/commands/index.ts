import type { Command } from 'commander';
import type { CliEntry, CommandContext } from '../context.js';
import { registerValidate } from './validate.js';
import { registerSchema } from './schema.js';
import { registerPlan } from './plan.js';
import { registerDrift } from './drift.js';
import { registerApply } from './apply.js';
import { registerEmulator } from './emulator.js';
import { registerDemo } from './demo.js';
import { registerStatus } from './status.js';
import { registerConnectors } from './connectors.js';
import { registerCompletion } from './completion.js';
import { registerCi } from './ci.js';
import { registerInit } from './init.js';
import { addHelpTexts } from '../help/add-help.js';
import { registerSnapshot } from './snapshot.js';
import { registerExport } from './export.js';
import { registerDoctor } from './doctor.js';

/**
 * Every command, one file each; then the examples that end each command's --help. `cli` runs a
 * command line in-process (the demo's steps, the command `ci` wraps).
 */
export function registerCommands(program: Command, ctx: CommandContext, cli: CliEntry): void {
  registerValidate(program, ctx);
  registerPlan(program, ctx);
  registerApply(program, ctx);
  registerDrift(program, ctx);
  registerStatus(program, ctx);
  registerDoctor(program, ctx);
  registerSnapshot(program, ctx);
  registerExport(program, ctx);
  registerSchema(program, ctx);
  registerConnectors(program, ctx);
  registerEmulator(program, ctx);
  registerDemo(program, ctx, cli);
  registerInit(program, ctx);
  registerCi(program, ctx, cli);
  registerCompletion(program, ctx);
  addHelpTexts(program);
}
