import type { Command } from 'commander';
import type { CliEntry, CommandContext } from '../context.js';

type Registrar = (program: Command, ctx: CommandContext, cli: CliEntry) => void;

// NOTE: each command's module is imported only when the command line needs it (see commandsFor):
// `--version` loads none of them, `plan` loads plan's alone.
const LOADERS: Readonly<Record<string, () => Promise<Registrar>>> = {
  validate: async () => (await import('./validate.js')).registerValidate,
  plan: async () => (await import('./plan.js')).registerPlan,
  apply: async () => (await import('./apply.js')).registerApply,
  'force-unlock': async () => (await import('./force-unlock.js')).registerForceUnlock,
  drift: async () => (await import('./drift.js')).registerDrift,
  status: async () => (await import('./status.js')).registerStatus,
  doctor: async () => (await import('./doctor.js')).registerDoctor,
  snapshot: async () => (await import('./snapshot.js')).registerSnapshot,
  export: async () => (await import('./export.js')).registerExport,
  schema: async () => (await import('./schema.js')).registerSchema,
  connectors: async () => (await import('./connectors.js')).registerConnectors,
  emulator: async () => (await import('./emulator.js')).registerEmulator,
  demo: async () => (await import('./demo.js')).registerDemo,
  init: async () => (await import('./init.js')).registerInit,
  ci: async () => (await import('./ci.js')).registerCi,
  completion: async () => (await import('./completion.js')).registerCompletion,
};

/** Every command, in the order the root help lists them. */
export const COMMAND_NAMES: readonly string[] = Object.keys(LOADERS);

/** Commands that read the whole program (the completion script; ci checks the command it wraps). */
const NEED_ALL = new Set(['ci', 'completion']);

/**
 * The commands a command line needs registered: the one it runs; none for a bare `--version`; all
 * for the root help, `help <command>`, an unknown command (for the suggestion) and NEED_ALL.
 */
export function commandsFor(argv: readonly string[]): readonly string[] {
  const args = argv.slice(2);
  let word: string | undefined;
  for (let i = 0; i < args.length && word === undefined; i++) {
    const arg = args[i] ?? '';
    if (arg === '--log-level') i++;
    else if (!arg.startsWith('-')) word = arg;
  }
  if (word !== undefined && word in LOADERS && !NEED_ALL.has(word)) return [word];
  const asksHelp = args.some((a) => a === '--help' || a === '-h');
  if (word === undefined && args.includes('--version') && !asksHelp) return [];
  return COMMAND_NAMES;
}

/**
 * Registers `names` (one file each), then the examples that end each command's --help. `cli` runs
 * a command line in-process (the demo's steps, the command `ci` wraps).
 */
export async function registerCommands(
  program: Command,
  ctx: CommandContext,
  cli: CliEntry,
  names: readonly string[] = COMMAND_NAMES,
): Promise<void> {
  const registrars = await Promise.all(names.map((name) => LOADERS[name]?.()));
  for (const register of registrars) register?.(program, ctx, cli);
  if (names.length === 0) return;
  const { addHelpTexts } = await import('../help/add-help.js');
  addHelpTexts(program);
}
